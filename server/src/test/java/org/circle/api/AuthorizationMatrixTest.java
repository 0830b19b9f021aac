package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.circle.http.OpenApiDocument;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts.Person;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * For every route in the OpenAPI document, calls it as anonymous, as a member of another
 * community, as participant, facilitator and sponsor of the community, and as administrator, and
 * checks that exactly the identities in its {@code x-circle-allowed} list get through. A route
 * joins this matrix by being documented (and OpenApiDocumentTest fails when it is not).
 */
class AuthorizationMatrixTest {
  private static final Set<String> IDENTITIES = Set.of("anonymous", "outsider", "participant", "facilitator", "sponsor", "admin");
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
    JsonObject paths = OpenApiDocument.json().getJsonObject("paths");
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    Fixture shared = new Fixture(server.db());
    for (String path : paths.fieldNames()) {
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        JsonObject operation = operations.getJsonObject(method);
        JsonArray allowed = operation.getJsonArray("x-circle-allowed");
        if (allowed == null) {
          wrong.add(method.toUpperCase() + " " + path + ": no x-circle-allowed list");
          continue;
        }
        for (String identity : IDENTITIES) {
          // State-changing calls get a fresh fixture each, so one caller's change cannot mask another's refusal.
          Fixture fixture = method.equals("get") ? shared : new Fixture(server.db());
          Person person = fixture.identities.get(identity);
          ApiClient client = person == null ? ApiClient.anonymous(server) : ApiClient.as(server, person);
          String example = operation.getString("x-circle-example");
          String body = example == null ? (method.equals("get") ? null : "{}") : fixture.body(example);
          ApiClient.Response response = operation.getBoolean("x-circle-stream", false)
              ? client.openStream(fixture.resolve(path))
              : client.send(method.toUpperCase(), fixture.resolve(path), body);
          boolean expectAllowed = allowed.contains(identity);
          boolean refused = response.status() == 401 || response.status() == 403;
          String where = method.toUpperCase() + " " + path + " as " + identity + " -> " + response.status();
          if (response.status() >= 500) wrong.add(where + " (server error)");
          else if (expectAllowed && refused) wrong.add(where + " (should be allowed) " + response.body());
          else if (!expectAllowed && !refused) wrong.add(where + " (should be refused)");
          else if (!expectAllowed && identity.equals("anonymous") && response.status() != 401) wrong.add(where + " (anonymous should get 401)");
          checked++;
        }
      }
    }
    assertTrue(wrong.isEmpty(), "authorization matrix mismatches:\n" + String.join("\n", wrong));
    assertTrue(checked >= 6 * 20, "checked " + checked + " route/identity pairs");
  }

}
