package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** Every route that sets a password refuses guessable ones, saying why (NIST SP 800-63B). */
class PasswordRulesTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static void assertRefused(ApiClient.Response response, String field, String why) {
    assertEquals(400, response.status(), response.toString());
    String detail = response.json().getString("detail");
    assertTrue(detail.contains("Field '" + field + "'") && detail.contains(why), detail);
  }

  @Test
  @DisplayName("A set-up link refuses the email, its first part, one repeated character, few different characters and common passwords")
  void setUpLink() {
    ApiClient admin = ApiClient.as(server, TestAccounts.person(server.db(), "Ada", true, false));
    String email = "fran.facilitator@example.org".replace("fran", "fran" + System.nanoTime());
    String setup = admin.post("/api/admin/facilitators", new JsonObject().put("email", email).put("displayName", "Fran"))
        .json().getString("setupUrl");
    String path = "/api/account-links/" + setup.substring(setup.lastIndexOf('/') + 1);
    ApiClient anyone = ApiClient.anonymous(server);
    String local = email.substring(0, email.indexOf('@'));

    assertRefused(anyone.post(path, new JsonObject().put("password", email)), "password", "your email address");
    assertRefused(anyone.post(path, new JsonObject().put("password", email.toUpperCase())), "password", "your email address");
    assertRefused(anyone.post(path, new JsonObject().put("password", local)), "password", "first part of your email address");
    assertRefused(anyone.post(path, new JsonObject().put("password", local + "2024")), "password", "first part of your email address");
    assertRefused(anyone.post(path, new JsonObject().put("password", " ".repeat(10))), "password", "one character repeated");
    assertRefused(anyone.post(path, new JsonObject().put("password", "aaaaaaaaaaaa")), "password", "one character repeated");
    assertRefused(anyone.post(path, new JsonObject().put("password", "abababababab")), "password", "only 2 different characters");
    assertRefused(anyone.post(path, new JsonObject().put("password", "password123")), "password", "most common passwords");
    assertRefused(anyone.post(path, new JsonObject().put("password", "QwertyUiop")), "password", "most common passwords");

    ApiClient.Response created = anyone.post(path, new JsonObject().put("password", "fran's own long password"));
    assertEquals(201, created.status(), "the link still works after refusals: " + created);
  }

  @Test
  @DisplayName("Accepting an invitation refuses the email as password and a common password")
  void invitation() {
    CommunityScenario c = new CommunityScenario(server, 0);
    String url = c.as(c.facilitator).post(c.path("/invitations"), new JsonObject().put("role", "participant")).json().getString("url");
    String path = "/api/invitations/" + url.substring(url.lastIndexOf('/') + 1) + "/accept";
    String email = TestAccounts.uniqueEmail("nia");
    JsonObject nia = new JsonObject().put("email", email).put("displayName", "Nia");
    ApiClient anyone = ApiClient.anonymous(server);

    assertRefused(anyone.post(path, nia.copy().put("password", email)), "password", "your email address");
    assertRefused(anyone.post(path, nia.copy().put("password", "1q2w3e4r5t")), "password", "most common passwords");
    assertEquals(201, anyone.post(path, nia.copy().put("password", "nia's long password")).status());
  }

  @Test
  @DisplayName("Changing a password refuses one's own email, one repeated character and a common password")
  void changePassword() {
    TestAccounts.Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient client = ApiClient.as(server, pat);
    JsonObject change = new JsonObject().put("currentPassword", TestAccounts.PASSWORD);
    assertRefused(client.put("/api/account/password", change.copy().put("newPassword", pat.email())), "newPassword", "your email address");
    assertRefused(client.put("/api/account/password", change.copy().put("newPassword", "zzzzzzzzzzzz")), "newPassword", "one character repeated");
    assertRefused(client.put("/api/account/password", change.copy().put("newPassword", "basketball")), "newPassword", "most common passwords");
    assertEquals(200, client.put("/api/account/password", change.copy().put("newPassword", "a much longer new password")).status());
  }

  @Test
  @DisplayName("The bundled list holds the 10,000 most common passwords (a few fewer once case is ignored)")
  void bundledList() {
    int count = PasswordRules.bundled().commonCount();
    assertTrue(count > 9_900 && count <= 10_000, "passwords in the list: " + count);
  }
}
