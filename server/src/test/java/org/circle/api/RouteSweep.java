package org.circle.api;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.Http;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;

/**
 * Calls every operation of the served OpenAPI document as anonymous, as a member of another
 * community, as participant, facilitator and sponsor of the community, and as administrator, with
 * the operation's example body. What to make of the answers is the caller's business.
 */
final class RouteSweep {
  static final List<String> IDENTITIES = List.of("anonymous", "outsider", "participant", "facilitator", "sponsor", "admin");

  /** One call: which operation, as whom, and what came back. */
  record Answer(String method, String path, String identity, JsonObject operation, String resolvedPath, ApiClient.Response response) {
    String where() {
      return method.toUpperCase() + " " + path + " as " + identity + " -> " + response.status();
    }
  }

  private RouteSweep() {}

  static JsonObject document(TestServer server) {
    return new JsonObject(Http.get(server.baseUrl() + "/openapi.json").body());
  }

  static List<Answer> run(TestServer server, JsonObject document) {
    List<Answer> answers = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    Fixture shared = new Fixture(server.db());
    for (String path : paths.fieldNames()) {
      JsonObject operations = paths.getJsonObject(path);
      for (String method : operations.fieldNames()) {
        JsonObject operation = operations.getJsonObject(method);
        for (String identity : IDENTITIES) {
          // State-changing calls get a fresh fixture each, so one caller's change cannot mask another's refusal.
          Fixture fixture = method.equals("get") ? shared : new Fixture(server.db());
          Person person = fixture.identities.get(identity);
          ApiClient client = person == null ? ApiClient.anonymous(server) : ApiClient.as(server, person);
          JsonObject example = operation.getJsonObject("requestBody", new JsonObject())
              .getJsonObject("content", new JsonObject()).getJsonObject("application/json", new JsonObject())
              .getJsonObject("example");
          String body = example == null ? (method.equals("get") ? null : "{}")
              : fixture.body(operation.getString("operationId"), example).encode();
          String resolved = fixture.resolve(path);
          ApiClient.Response response = streams(operation)
              ? client.openStream(resolved)
              : client.send(method.toUpperCase(), resolved, body);
          answers.add(new Answer(method, path, identity, operation, resolved, response));
        }
      }
    }
    return answers;
  }

  /** An operation whose success is an event stream, which is opened and closed rather than read. */
  static boolean streams(JsonObject operation) {
    JsonObject ok = operation.getJsonObject("responses").getJsonObject("200");
    return ok != null && ok.getJsonObject("content", new JsonObject()).containsKey("text/event-stream");
  }
}
