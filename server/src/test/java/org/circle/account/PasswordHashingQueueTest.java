package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.circle.support.ApiClient;
import org.circle.support.Http;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password hashing (600,000 PBKDF2 iterations) is the server's most expensive step: made-up links
 * never reach it, and past a small queue callers are told to come back rather than queued.
 */
class PasswordHashingQueueTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;
  private static final Pattern HASHES = Pattern.compile("(?m)^circle_password_hashes_total(?:\\{[^}]*})? ([0-9.E]+)$");

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  /** How many passwords the server has hashed or verified, as /metrics tells an operator. */
  private static double hashes() {
    Matcher m = HASHES.matcher(Http.get(server.baseUrl() + "/metrics").body());
    assertTrue(m.find(), "the hash count is in /metrics");
    return Double.parseDouble(m.group(1));
  }

  private static <T> List<T> atOnce(int n, java.util.function.IntFunction<T> request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> request.apply(k)));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) out.add(f.get());
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("40 requests at once with made-up set-up and invitation tokens are all told the link is not valid, and hash nothing")
  void madeUpTokensHashNothing() throws Exception {
    double before = hashes();
    JsonObject newPerson = new JsonObject().put("email", TestAccounts.uniqueEmail("x")).put("displayName", "X")
        .put("password", "a long and unusual passphrase");
    List<ApiClient.Response> answers = atOnce(40, i -> ApiClient.anonymous(server).post(i % 2 == 0
        ? "/api/account-links/made-up-token-" + i
        : "/api/invitations/made-up-token-" + i + "/accept", newPerson));
    for (ApiClient.Response answer : answers) assertEquals(410, answer.status(), answer.toString());
    assertEquals(before, hashes(), "no password was hashed");
  }

  @Test
  @DisplayName("Past the hashing queue, sign-ins are refused at once with 503 and Retry-After; the others are answered")
  void overTheQueue() throws Exception {
    List<ApiClient.Response> answers = atOnce(40, i -> ApiClient.anonymous(server).post("/api/session",
        new JsonObject().put("email", TestAccounts.uniqueEmail("nobody")).put("password", "a guess at a password " + i)));
    List<ApiClient.Response> busy = answers.stream().filter(a -> a.status() == 503).toList();
    assertTrue(!busy.isEmpty(), "some were refused: " + answers.stream().map(ApiClient.Response::status).toList());
    for (ApiClient.Response refused : busy) {
      assertTrue(Integer.parseInt(refused.header("Retry-After").orElseThrow()) >= 1);
      assertEquals("Busy", refused.json().getString("title"));
    }
    assertTrue(answers.stream().allMatch(a -> a.status() == 503 || a.status() == 401),
        "the others were checked as usual: " + answers.stream().map(ApiClient.Response::status).toList());
    assertTrue(answers.stream().filter(a -> a.status() == 401).count() >= PasswordHasher.WORKERS + PasswordHasher.WAITING,
        "a full queue's worth was served");
  }
}
