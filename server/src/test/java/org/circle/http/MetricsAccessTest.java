package org.circle.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** /metrics is for the operator: this machine, or a scraper holding CIRCLE_METRICS_TOKEN. */
class MetricsAccessTest {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String TOKEN = "metrics-token-for-the-test-0123456789";

  private static int get(String url, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** One of this machine's own addresses other than loopback, to reach the server as another machine would. */
  private static Optional<InetAddress> networkAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) continue;
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address) return Optional.of(address);
      }
    }
    return Optional.empty();
  }

  private static TestServer start(Map<String, String> env) {
    var db = TestDatabases.fresh();
    org.circle.db.Migrations.apply(db, org.circle.db.Migrations.DEFAULT_LOCATION);
    return TestServer.start(db, env);
  }

  @Test
  @DisplayName("Without a token, /metrics answers this machine only; not another address, nor a proxy relaying for one")
  void loopbackOnly() throws Exception {
    Optional<InetAddress> network = networkAddress();
    assumeTrue(network.isPresent(), "this machine has a network address besides loopback");
    try (TestServer server = start(Map.of("CIRCLE_HTTP_HOST", "0.0.0.0"))) {
      assertEquals(200, get("http://127.0.0.1:" + server.port() + "/metrics", Map.of()));
      assertEquals(403, get("http://" + network.get().getHostAddress() + ":" + server.port() + "/metrics", Map.of()));
      assertEquals(403, get("http://127.0.0.1:" + server.port() + "/metrics", Map.of("X-Forwarded-For", "203.0.113.7")),
          "a proxy on this machine relaying a request is not this machine");
      assertEquals(403, get("http://127.0.0.1:" + server.port() + "/metrics", Map.of("Forwarded", "for=203.0.113.7")));
    }
  }

  @Test
  @DisplayName("With CIRCLE_METRICS_TOKEN set, another address reads /metrics with the bearer token, and gets 401 without it")
  void bearerToken() throws Exception {
    Optional<InetAddress> network = networkAddress();
    assumeTrue(network.isPresent(), "this machine has a network address besides loopback");
    try (TestServer server = start(Map.of("CIRCLE_HTTP_HOST", "0.0.0.0", "CIRCLE_METRICS_TOKEN", TOKEN))) {
      String remote = "http://" + network.get().getHostAddress() + ":" + server.port() + "/metrics";
      assertEquals(200, get(remote, Map.of("Authorization", "Bearer " + TOKEN)));
      assertEquals(401, get(remote, Map.of()));
      assertEquals(401, get(remote, Map.of("Authorization", "Bearer " + TOKEN.substring(1))));
      assertEquals(200, get("http://127.0.0.1:" + server.port() + "/metrics", Map.of()), "this machine needs no token");
    }
  }
}
