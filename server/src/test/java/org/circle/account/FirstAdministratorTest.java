package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FirstAdministratorTest {

  @Test
  @DisplayName("On first run a one-time link creates the administrator, who then adds a facilitator by link")
  void firstRun() throws Exception {
    java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    TestServer server;
    System.setOut(new java.io.PrintStream(console, true));
    try {
      server = TestServer.start();
    } finally {
      System.setOut(original);
    }
    try (server) {
      String printed = console.toString();
      assertTrue(printed.contains("No administrator yet"), printed);
      String url = printed.lines().filter(l -> l.contains("#/account-link/")).findFirst().orElseThrow().trim();
      String token = url.substring(url.lastIndexOf('/') + 1);

      JsonObject body = new JsonObject().put("email", TestAccounts.uniqueEmail("ada")).put("displayName", "Ada Admin")
          .put("password", "the administrator's long password");
      ApiClient.Response created = ApiClient.anonymous(server).post("/api/account-links/" + token, body);
      assertEquals(201, created.status(), created.body());
      assertTrue(created.json().getJsonObject("account").getBoolean("admin"));
      assertEquals(410, ApiClient.anonymous(server).post("/api/account-links/" + token,
          body.copy().put("email", TestAccounts.uniqueEmail("eve"))).status(), "the link works only once");

      ApiClient ada = ApiClient.anonymous(server).withSession(created.sessionCookie().orElseThrow(), created.json().getString("csrfToken"));
      ApiClient.Response added = ada.post("/api/admin/facilitators",
          new JsonObject().put("email", TestAccounts.uniqueEmail("fran")).put("displayName", "Fran Facilitator"));
      assertEquals(201, added.status(), added.body());
      String setup = added.json().getString("setupUrl");
      String facilitatorToken = setup.substring(setup.lastIndexOf('/') + 1);
      ApiClient.Response fran = ApiClient.anonymous(server).post("/api/account-links/" + facilitatorToken,
          new JsonObject().put("password", "fran's own long password"));
      assertEquals(201, fran.status(), fran.body());
      assertTrue(fran.json().getJsonObject("account").getBoolean("facilitator"));
      ApiClient franClient = ApiClient.anonymous(server).withSession(fran.sessionCookie().orElseThrow(), fran.json().getString("csrfToken"));
      assertEquals(201, franClient.post("/api/communities", new JsonObject().put("name", "Ward sisters")).status());
    }
  }
}
