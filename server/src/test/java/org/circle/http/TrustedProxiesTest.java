package org.circle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy every caller's connection comes from the proxy. With the proxy listed in
 * CIRCLE_TRUSTED_PROXIES, the address it forwards counts for the per-address limits; from anyone
 * else, forwarding headers are ignored, since a client can write whatever it likes in them.
 */
class TrustedProxiesTest {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String STRANGER = "203.0.113.7";
  private static final String NEIGHBOUR = "198.51.100.9";

  private static int send(TestServer server, String method, String path, String body, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).timeout(Duration.ofSeconds(60))
        .header("Origin", server.origin())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int signIn(TestServer server, String email, String password, Map<String, String> headers) {
    return send(server, "POST", "/api/session", new JsonObject().put("email", email).put("password", password).encode(), headers);
  }

  /** The per-address limit's worth of failed sign-ins, each for a different (unknown) account. */
  private static void failFromAddress(TestServer server, Map<String, String> headers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        sent.add(pool.submit(() -> signIn(server, TestAccounts.uniqueEmail("nobody"), "a guess at a password", headers)));
      }
      for (Future<Integer> f : sent) assertEquals(401, f.get());
    } finally {
      pool.shutdownNow();
    }
  }

  private static TestServer start(Map<String, String> env) {
    var db = TestDatabases.fresh();
    org.circle.db.Migrations.apply(db, org.circle.db.Migrations.DEFAULT_LOCATION);
    return TestServer.start(db, env);
  }

  @Test
  @DisplayName("Behind a trusted proxy, one address's failed sign-ins hold back that address only, and cannot be dodged by a forged header")
  void trustedProxy() throws Exception {
    try (TestServer server = start(Map.of("CIRCLE_TRUSTED_PROXIES", "127.0.0.1, ::1"))) {
      TestAccounts.Person pat = TestAccounts.person(server.db(), "Pat");
      failFromAddress(server, Map.of("X-Forwarded-For", STRANGER));
      assertEquals(429, signIn(server, pat.email(), TestAccounts.PASSWORD, Map.of("X-Forwarded-For", STRANGER)));
      assertEquals(429, signIn(server, pat.email(), TestAccounts.PASSWORD, Map.of("X-Forwarded-For", NEIGHBOUR + ", " + STRANGER)),
          "what the client wrote before the proxy's entry is not believed");
      assertEquals(429, signIn(server, pat.email(), TestAccounts.PASSWORD, Map.of("Forwarded", "for=" + STRANGER + ";proto=https")));
      assertEquals(200, signIn(server, pat.email(), TestAccounts.PASSWORD, Map.of("X-Forwarded-For", NEIGHBOUR)),
          "someone else behind the same proxy signs in");
    }
  }

  @Test
  @DisplayName("From a connection that is not a trusted proxy, forwarding headers are ignored by the sign-in and API limits")
  void untrustedSender() throws Exception {
    try (TestServer server = start(Map.of())) {
      TestAccounts.Person pat = TestAccounts.person(server.db(), "Pat");
      failFromAddress(server, Map.of("X-Forwarded-For", STRANGER));
      assertEquals(429, signIn(server, pat.email(), TestAccounts.PASSWORD, Map.of("X-Forwarded-For", NEIGHBOUR)),
          "a made-up address does not escape the limit of the connection's own");
    }
  }

  @Test
  @DisplayName("The API limit counts each forwarded address behind a trusted proxy, and the connection's own address otherwise")
  void apiLimit() {
    Map<String, String> slow = Map.of("CIRCLE_API_REQUESTS_BURST", "5", "CIRCLE_API_REQUESTS_PER_SECOND", "1");
    try (TestServer trusting = start(Map.of("CIRCLE_TRUSTED_PROXIES", "127.0.0.0/8", "CIRCLE_API_REQUESTS_BURST", "5",
        "CIRCLE_API_REQUESTS_PER_SECOND", "1"))) {
      for (int i = 0; i < 5; i++) assertEquals(401, send(trusting, "GET", "/api/session", null, Map.of("X-Forwarded-For", STRANGER)));
      assertEquals(429, send(trusting, "GET", "/api/session", null, Map.of("X-Forwarded-For", STRANGER)));
      assertEquals(401, send(trusting, "GET", "/api/session", null, Map.of("X-Forwarded-For", NEIGHBOUR)), "another address is served");
    }
    try (TestServer plain = start(slow)) {
      for (int i = 0; i < 5; i++) assertEquals(401, send(plain, "GET", "/api/session", null, Map.of("X-Forwarded-For", STRANGER)));
      assertEquals(429, send(plain, "GET", "/api/session", null, Map.of("X-Forwarded-For", NEIGHBOUR)),
          "a made-up address shares the connection's limit");
    }
  }
}
