package org.circle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circle.config.DatabaseSettings;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-caller limit on API requests, with a low limit so the test stays short. */
class RequestLimitTest {

  @Test
  @DisplayName("A caller who floods the API gets 429 with Retry-After; another person is served meanwhile, and the flood's caller is served again after waiting")
  void floodIsRefusedWithoutHarmingOthers() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    org.circle.db.Migrations.apply(db, org.circle.db.Migrations.DEFAULT_LOCATION);
    try (TestServer server = TestServer.start(db, Map.of("CIRCLE_API_REQUESTS_PER_SECOND", "5", "CIRCLE_API_REQUESTS_BURST", "10"))) {
      ApiClient flooder = ApiClient.as(server, TestAccounts.person(server.db(), "Flood"));
      ApiClient neighbour = ApiClient.as(server, TestAccounts.person(server.db(), "Neighbour"));
      List<ApiClient.Response> answers = new ArrayList<>();
      for (int i = 0; i < 60; i++) answers.add(flooder.get("/api/communities"));

      long served = answers.stream().filter(r -> r.status() == 200).count();
      ApiClient.Response refused = answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
      assertTrue(served >= 10 && served < 30, "a burst of 10 and then about 5 a second were served: " + served);
      assertTrue(Integer.parseInt(refused.header("Retry-After").orElseThrow()) >= 1);
      assertEquals("Too many requests", refused.json().getString("title"));
      assertEquals(200, neighbour.get("/api/communities").status(), "another person is not held back");

      Thread.sleep(1_200);
      assertEquals(200, flooder.get("/api/communities").status(), "after waiting, the caller is served again");
    }
  }
}
