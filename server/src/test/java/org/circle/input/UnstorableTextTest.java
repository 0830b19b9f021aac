package org.circle.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.ApiClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text PostgreSQL cannot store (U+0000, half of a surrogate pair), sent as JSON escapes the way a
 * script would, is refused on every route with a 400 that names the field, before any query.
 */
class UnstorableTextTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  private static final String NUL = "\\u0000";
  private static final String LONE_SURROGATE = "\\ud83d";

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static void assertRefused(ApiClient.Response response, String field) {
    assertEquals(400, response.status(), response.toString());
    assertTrue(response.json().getString("detail").contains("Field '" + field + "'"), "names the field: " + response);
  }

  /** A JSON body with one field's value given as raw JSON text, escapes and all. */
  private static String body(JsonObject fields, String field, String rawText) {
    String json = fields.copy().put(field, "@@").encode();
    return json.replace("\"@@\"", "\"" + rawText + "\"");
  }

  @Test
  @DisplayName("A community name with U+0000 or a lone surrogate is refused, and no community is made")
  void communityName() {
    ApiClient fran = ApiClient.as(server, TestAccounts.person(server.db(), "Fran", false, true));
    assertRefused(fran.send("POST", "/api/communities", body(new JsonObject(), "name", "Nurses" + NUL)), "name");
    assertRefused(fran.send("POST", "/api/communities", body(new JsonObject(), "name", "Nurses " + LONE_SURROGATE)), "name");
    assertEquals(0, fran.get("/api/communities").array().size(), "nothing was stored, not even as '?'");
  }

  @Test
  @DisplayName("A display name with U+0000 is refused when accepting an invitation")
  void displayName() {
    CommunityScenario c = new CommunityScenario(server, 0);
    String url = c.as(c.facilitator).post(c.path("/invitations"), new JsonObject().put("role", "participant")).json().getString("url");
    String token = url.substring(url.lastIndexOf('/') + 1);
    JsonObject person = new JsonObject().put("email", TestAccounts.uniqueEmail("new")).put("password", "a long and unusual passphrase");
    assertRefused(ApiClient.anonymous(server).send("POST", "/api/invitations/" + token + "/accept",
        body(person, "displayName", "Nia" + NUL)), "displayName");
    assertEquals("valid", ApiClient.anonymous(server).get("/api/invitations/" + token).json().getString("status"),
        "the invitation was not used");
  }

  @Test
  @DisplayName("A sign-in email with U+0000 or a lone surrogate is refused as such, not answered with a 500")
  void signInEmail() {
    JsonObject credentials = new JsonObject().put("password", "whatever it is");
    assertRefused(ApiClient.anonymous(server).send("POST", "/api/session", body(credentials, "email", "fran" + NUL + "@example.org")), "email");
    assertRefused(ApiClient.anonymous(server).send("POST", "/api/session",
        body(credentials, "email", "fran" + LONE_SURROGATE + "@example.org")), "email");
  }

  @Test
  @DisplayName("A mandate field with U+0000, and a ground rule with a lone surrogate, are refused naming the field")
  void mandateAndGroundRules() {
    CommunityScenario c = new CommunityScenario(server, 1);
    ApiClient facilitator = c.as(c.facilitator);
    assertRefused(facilitator.send("PUT", c.path("/mandate"), body(CommunityScenario.mandate("x"), "purpose", "Closing cases" + NUL)),
        "purpose");
    assertFalse(facilitator.get(c.path("/mandate")).body().contains("Closing cases"), "no draft was saved");

    c.inCodesign();
    String rules = CommunityScenario.groundRules("We listen first.", "@@").encode().replace("\"@@\"", "\"Be kind " + LONE_SURROGATE + "\"");
    assertRefused(facilitator.send("PUT", c.path("/ground-rules/draft"), rules), "rules");
  }
}
