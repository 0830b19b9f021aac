package org.circle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.circle.db.EmbeddedDatabase;
import org.circle.support.Http;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {

  @Test
  @DisplayName("/health answers 200 while the database is up, 503 while it is down, and 200 again when it returns")
  void healthFollowsTheDatabase(@TempDir Path dir) throws Exception {
    EmbeddedDatabase postgres = EmbeddedDatabase.start(dir);
    int port = postgres.port();
    try (TestServer server = TestServer.start(postgres.settings(), Map.of())) {
      HttpResponse<String> up = Http.get(server.baseUrl() + "/health");
      assertEquals(200, up.statusCode());
      assertEquals("up", new JsonObject(up.body()).getString("database"));

      postgres.close();
      HttpResponse<String> down = Http.get(server.baseUrl() + "/health");
      assertEquals(503, down.statusCode());
      assertEquals("unreachable", new JsonObject(down.body()).getString("database"));

      postgres = EmbeddedDatabase.start(dir, port);
      assertEquals(200, eventually(() -> Http.get(server.baseUrl() + "/health").statusCode(), 200));
    } finally {
      postgres.close();
    }
  }

  @Test
  @DisplayName("/metrics serves Prometheus text with HTTP, pool and JVM figures")
  void metrics() throws Exception {
    try (TestServer server = TestServer.start()) {
      Http.get(server.baseUrl() + "/health");
      java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
          .header("Origin", server.origin())
          .header("Cookie", org.circle.support.TestAccounts.person(server.db(), "Pat").cookie())
          .buildAsync(java.net.URI.create("ws://localhost:" + server.port() + "/ws"), new java.net.http.WebSocket.Listener() {})
          .get(5, java.util.concurrent.TimeUnit.SECONDS);
      HttpResponse<String> response = Http.get(server.baseUrl() + "/metrics");
      assertEquals(200, response.statusCode());
      String body = response.body();
      assertTrue(body.contains("vertx_http_server_requests_total"), "HTTP requests");
      assertTrue(body.contains("vertx_pool_completed_total{pool_name=\"circle-db\""), "database pool");
      assertTrue(body.contains("jvm_memory_used_bytes"), "JVM memory");
      assertTrue(body.contains("vertx_http_server_active_ws_connections 1.0"), "one open WebSocket");
      socket.abort();
    }
  }

  /** The probe's value once it is the one wanted; the bound only limits how long a failing test takes. */
  private static int eventually(java.util.function.IntSupplier probe, int wanted) {
    return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(1))
        .pollInterval(java.time.Duration.ofMillis(100)).until(probe::getAsInt, v -> v == wanted);
  }
}
