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
  @DisplayName("180 requests at once from one caller draw 429s past the documented burst of 100, whichever event loop serves them")
  void oneLimitPerCallerPerNode() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    org.circle.db.Migrations.apply(db, org.circle.db.Migrations.DEFAULT_LOCATION);
    // The documented burst; a refill of one a second so that a slow machine cannot refill its way past it.
    try (TestServer server = TestServer.start(db, Map.of("CIRCLE_API_REQUESTS_PER_SECOND", "1"))) {
      ApiClient caller = ApiClient.as(server, TestAccounts.person(server.db(), "Script"));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
      List<java.util.concurrent.Future<ApiClient.Response>> sent = new ArrayList<>();
      try {
        for (int i = 0; i < 180; i++) sent.add(pool.submit(() -> caller.get("/api/communities")));
        List<ApiClient.Response> answers = new ArrayList<>();
        for (var f : sent) answers.add(f.get());
        long served = answers.stream().filter(r -> r.status() == 200).count();
        long refused = answers.stream().filter(r -> r.status() == 429).count();
        assertEquals(180, served + refused, "every request was served or refused");
        assertTrue(refused > 0 && served <= org.circle.config.Config.DEFAULT_API_REQUESTS_BURST + 60,
            "about 100 served, the rest refused: " + served + " served, " + refused + " refused");
        assertTrue(answers.stream().filter(r -> r.status() == 429).allMatch(r -> r.header("Retry-After").isPresent()));
      } finally {
        pool.shutdownNow();
      }
    }
  }

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

      org.awaitility.Awaitility.await("after waiting, the caller is served again").atMost(java.time.Duration.ofMinutes(1))
          .pollInterval(java.time.Duration.ofMillis(250)).until(() -> flooder.get("/api/communities").status() == 200);
    }
  }
}
