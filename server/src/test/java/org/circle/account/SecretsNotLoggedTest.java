package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class SecretsNotLoggedTest {

  @Test
  @DisplayName("Passwords, session tokens, CSRF tokens and invitation tokens never reach the log")
  void noSecretsInLog() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    java.util.List<String> secrets = new java.util.ArrayList<>();
    try (TestServer server = TestServer.start()) {
      Person fran = TestAccounts.person(server.db(), "Fran", false, true);
      secrets.add(TestAccounts.PASSWORD);
      secrets.add(fran.sessionToken());
      secrets.add(fran.csrfToken());
      ApiClient.Response signedIn = ApiClient.anonymous(server).post("/api/session",
          new JsonObject().put("email", fran.email()).put("password", TestAccounts.PASSWORD));
      secrets.add(signedIn.sessionCookie().orElseThrow().split("=")[1]);
      ApiClient.anonymous(server).post("/api/session", new JsonObject().put("email", fran.email()).put("password", "a wrong secret guess"));
      secrets.add("a wrong secret guess");
      String community = ApiClient.as(server, fran).post("/api/communities", new JsonObject().put("name", "Nurses")).json().getString("id");
      String url = ApiClient.as(server, fran).post("/api/communities/" + community + "/invitations",
          new JsonObject().put("role", "participant")).json().getString("url");
      String token = url.substring(url.lastIndexOf('/') + 1);
      secrets.add(token);
      ApiClient.Response accepted = ApiClient.anonymous(server).post("/api/invitations/" + token + "/accept",
          new JsonObject().put("email", TestAccounts.uniqueEmail("new")).put("displayName", "New").put("password", "new person's password"));
      assertEquals(201, accepted.status());
      secrets.add("new person's password");
      ApiClient.anonymous(server).send("POST", "/api/invitations/" + token + "/accept", "{broken json " + token);
    } finally {
      root.detachAppender(captured);
    }
    List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage() + " " + String.valueOf(e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
    for (String secret : secrets) {
      for (String line : lines) assertFalse(line.contains(secret), "a secret was logged: " + line);
    }
  }

  @Test
  @DisplayName("When requests with an invitation or set-up token in their path fail (the database is down), the log names the route, never the token")
  void failedRequestsDoNotLogPathTokens(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    root.addAppender(captured);
    String invitation = Tokens.newToken();
    String setUpLink = Tokens.newToken();
    org.circle.db.EmbeddedDatabase postgres = org.circle.db.EmbeddedDatabase.start(dir);
    try (TestServer server = TestServer.start(postgres.settings(), java.util.Map.of())) {
      postgres.close();
      JsonObject person = new JsonObject().put("email", TestAccounts.uniqueEmail("new")).put("displayName", "New")
          .put("password", "a long and unusual passphrase");
      List<ApiClient.Response> failed = List.of(
          ApiClient.anonymous(server).get("/api/invitations/" + invitation),
          ApiClient.anonymous(server).post("/api/invitations/" + invitation + "/accept", person),
          ApiClient.anonymous(server).get("/api/account-links/" + setUpLink),
          ApiClient.anonymous(server).post("/api/account-links/" + setUpLink, person));
      for (ApiClient.Response response : failed) assertEquals(500, response.status(), response.toString());
    } finally {
      postgres.close();
      root.detachAppender(captured);
    }
    List<String> lines = captured.list.stream().map(e -> e.getFormattedMessage() + " "
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).toList();
    org.junit.jupiter.api.Assertions.assertTrue(lines.stream().anyMatch(l -> l.contains("/api/invitations/")),
        "the failures are logged, with their route: " + lines);
    for (String line : lines) {
      assertFalse(line.contains(invitation), "an invitation token was logged: " + line);
      assertFalse(line.contains(setUpLink), "a set-up token was logged: " + line);
    }
  }
}
