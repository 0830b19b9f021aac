package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every route in the OpenAPI document the server serves, calls it as anonymous, as a member of
 * another community, as participant, facilitator and sponsor of the community, and as
 * administrator, and checks that exactly the identities in its {@code x-circle-allowed} list get
 * through. The document is rendered from the routes themselves, so every route is in this matrix.
 */
class AuthorizationMatrixTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  @Test
  @DisplayName("Every documented route admits exactly the roles it documents, and refuses the rest with 401 or 403")
  void matrix() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (RouteSweep.Answer answer : RouteSweep.run(server, RouteSweep.document(server))) {
      JsonArray allowed = answer.operation().getJsonArray("x-circle-allowed");
      if (allowed == null) {
        wrong.add(answer.method().toUpperCase() + " " + answer.path() + ": no x-circle-allowed list");
        continue;
      }
      int status = answer.response().status();
      boolean expectAllowed = allowed.contains(answer.identity());
      boolean refused = status == 401 || status == 403;
      String where = answer.where();
      if (status >= 500) wrong.add(where + " (server error)");
      else if (expectAllowed && refused) wrong.add(where + " (should be allowed) " + answer.response().body());
      else if (!expectAllowed && !refused) wrong.add(where + " (should be refused)");
      else if (!expectAllowed && answer.identity().equals("anonymous") && status != 401) wrong.add(where + " (anonymous should get 401)");
      checked++;
    }
    assertTrue(wrong.isEmpty(), "authorization matrix mismatches:\n" + String.join("\n", wrong));
    assertTrue(checked >= 6 * 20, "checked " + checked + " route/identity pairs");
  }
}
