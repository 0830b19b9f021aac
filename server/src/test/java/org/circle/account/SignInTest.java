package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignInTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static ApiClient.Response signIn(ApiClient client, String email, String password) {
    return client.post("/api/session", new JsonObject().put("email", email).put("password", password));
  }

  @Test
  @DisplayName("Signing in sets an HttpOnly, SameSite=Lax session cookie that identifies me")
  void signInSetsCookie() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient.Response response = signIn(ApiClient.anonymous(server), pat.email(), TestAccounts.PASSWORD);
    assertEquals(200, response.status(), response.body());
    String setCookie = response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst().orElseThrow();
    assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
    assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
    assertFalse(setCookie.toLowerCase().contains("secure"), "no Secure flag over plain http: " + setCookie);
    String cookie = response.sessionCookie().orElseThrow();
    String csrf = response.json().getString("csrfToken");
    ApiClient.Response me = ApiClient.anonymous(server).withSession(cookie, csrf).get("/api/session");
    assertEquals(200, me.status());
    assertEquals("Pat", me.json().getJsonObject("account").getString("displayName"));
  }

  @Test
  @DisplayName("A wrong password or unknown email is refused with the same message")
  void wrongPassword() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient.Response wrong = signIn(ApiClient.anonymous(server), pat.email(), "not the password");
    ApiClient.Response unknown = signIn(ApiClient.anonymous(server), "nobody@example.org", "whatever it is");
    assertEquals(401, wrong.status());
    assertEquals(401, unknown.status());
    assertEquals(wrong.json().getString("detail"), unknown.json().getString("detail"));
    assertEquals("application/problem+json", wrong.header("content-type").orElseThrow());
  }

  @Test
  @DisplayName("Signing in never keeps the session id the browser had before (no session fixation)")
  void sessionFixation() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient before = ApiClient.as(server, pat);
    ApiClient.Response response = signIn(before, pat.email(), TestAccounts.PASSWORD);
    assertEquals(200, response.status(), response.body());
    String renewed = response.sessionCookie().orElseThrow();
    assertNotEquals(pat.cookie(), renewed);
    assertEquals(401, before.get("/api/session").status(), "the old session id no longer works");
    assertEquals(200, ApiClient.anonymous(server).withSession(renewed, null).get("/api/session").status());
  }

  @Test
  @DisplayName("Signing out revokes the session on the server, not just in the browser")
  void signOutRevokes() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient client = ApiClient.as(server, pat);
    assertEquals(204, client.delete("/api/session").status());
    assertEquals(401, client.get("/api/session").status());
  }

  @Test
  @DisplayName("A state-changing request without the CSRF token, with a wrong one, or from another site is refused")
  void csrf() {
    Person fran = TestAccounts.person(server.db(), "Fran", false, true);
    JsonObject body = new JsonObject().put("name", "Safeguarding leads");
    ApiClient noToken = ApiClient.anonymous(server).withSession(fran.cookie(), null);
    ApiClient wrongToken = ApiClient.anonymous(server).withSession(fran.cookie(), "guessed");
    assertEquals(403, noToken.post("/api/communities", body).status());
    assertEquals(403, wrongToken.post("/api/communities", body).status());
    ApiClient.Response foreign = ApiClient.as(server, fran).sendWithOrigin("POST", "/api/communities", body.encode(), "https://evil.example");
    assertEquals(403, foreign.status());
    assertEquals(201, ApiClient.as(server, fran).post("/api/communities", body).status());
  }

  @Test
  @DisplayName("After ten wrong passwords the account is paused with 429 and Retry-After, even for the right password")
  void rateLimit() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    for (int i = 0; i < SignInLimiter.PER_ACCOUNT; i++) {
      assertEquals(401, signIn(ApiClient.anonymous(server), pat.email(), "wrong guess " + i).status());
    }
    ApiClient.Response limited = signIn(ApiClient.anonymous(server), pat.email(), TestAccounts.PASSWORD);
    assertEquals(429, limited.status());
    int retryAfter = Integer.parseInt(limited.header("retry-after").orElseThrow());
    assertTrue(retryAfter > 0 && retryAfter <= SignInLimiter.WINDOW.toSeconds(), "Retry-After " + retryAfter);
    assertTrue(limited.json().getString("detail").contains("Wait"), limited.body());
    Person other = TestAccounts.person(server.db(), "Other");
    assertEquals(200, signIn(ApiClient.anonymous(server), other.email(), TestAccounts.PASSWORD).status(),
        "another account is not locked out");
  }

  @Test
  @DisplayName("Changing my password signs out my other browsers and renews this one's session")
  void changePassword() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient.Response otherBrowser = signIn(ApiClient.anonymous(server), pat.email(), TestAccounts.PASSWORD);
    ApiClient.Response changed = ApiClient.as(server, pat).put("/api/account/password",
        new JsonObject().put("currentPassword", TestAccounts.PASSWORD).put("newPassword", "a much longer new password"));
    assertEquals(200, changed.status(), changed.body());
    assertEquals(401, ApiClient.anonymous(server).withSession(otherBrowser.sessionCookie().orElseThrow(), null).get("/api/session").status());
    assertEquals(401, ApiClient.as(server, pat).get("/api/session").status());
    assertEquals(200, ApiClient.anonymous(server).withSession(changed.sessionCookie().orElseThrow(), null).get("/api/session").status());
    assertEquals(200, signIn(ApiClient.anonymous(server), pat.email(), "a much longer new password").status());
  }

  @Test
  @DisplayName("A deleted account's sessions stop working at once, and it can no longer sign in")
  void deletedAccount() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    ApiClient.Response otherBrowser = signIn(ApiClient.anonymous(server), pat.email(), TestAccounts.PASSWORD);
    ApiClient.Response deleted = ApiClient.as(server, pat).delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD));
    assertEquals(204, deleted.status(), deleted.body());
    assertEquals(401, ApiClient.as(server, pat).get("/api/session").status());
    assertEquals(401, ApiClient.anonymous(server).withSession(otherBrowser.sessionCookie().orElseThrow(), null).get("/api/session").status());
    assertEquals(401, signIn(ApiClient.anonymous(server), pat.email(), TestAccounts.PASSWORD).status());
  }

  @Test
  @DisplayName("Unknown fields and over-long values are refused with 400 naming the field")
  void validation() {
    ApiClient client = ApiClient.anonymous(server);
    ApiClient.Response unknown = client.post("/api/session", new JsonObject().put("email", "a@b.org").put("password", "x").put("admin", true));
    assertEquals(400, unknown.status());
    assertTrue(unknown.json().getString("detail").contains("'admin'"), unknown.body());
    ApiClient.Response tooLong = client.post("/api/session", new JsonObject().put("email", "a@b.org").put("password", "x".repeat(201)));
    assertEquals(400, tooLong.status());
    assertTrue(tooLong.json().getString("detail").contains("'password'"), tooLong.body());
    ApiClient.Response notJson = client.send("POST", "/api/session", "[1,2]");
    assertEquals(400, notJson.status());
    assertEquals("application/problem+json", notJson.header("content-type").orElseThrow());
  }

  @Test
  @DisplayName("Sessions are kept in PostgreSQL, so they survive a server restart")
  void sessionsSurviveRestart() {
    Person pat = TestAccounts.person(server.db(), "Pat");
    try (TestServer second = TestServer.start(server.db(), java.util.Map.of())) {
      assertEquals(200, ApiClient.as(second, pat).get("/api/session").status());
    }
  }
}
