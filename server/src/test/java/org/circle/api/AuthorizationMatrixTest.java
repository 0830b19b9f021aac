package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
  private static JsonObject document;
  private static List<RouteSweep.Answer> answers;

  @BeforeAll
  static void sweep() {
    TestServer server = circle.server();
    document = RouteSweep.document(server);
    answers = RouteSweep.run(server, document);
  }

  @Test
  @DisplayName("Every documented route admits exactly the roles it documents, and refuses the rest with 401 or 403")
  void matrix() {
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (RouteSweep.Answer answer : answers) {
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

  @Test
  @DisplayName("Every answer in the matrix has a status its operation documents and a body its schema accepts")
  void answersMatchTheDocument() {
    Contract contract = new Contract(document);
    answers.forEach(a -> contract.check(a.method().toUpperCase(), a.resolvedPath(), a.response()));
    System.out.printf("Authorization matrix: %d answers validated, %d operation/status pairs%n", contract.validated(),
        contract.seen().values().stream().mapToInt(java.util.Set::size).sum());
    assertTrue(contract.failures().isEmpty(), contract.failures().size() + " answers break the contract:\n"
        + String.join("\n", contract.failures()));
    assertEquals(answers.size(), contract.validated());
  }
}
