package org.circle.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Anyone can lock an account by failing its sign-in ten times; its owner, in a browser that has
 * signed in to it before, still gets in (OWASP: device cookies).
 */
class DeviceCookieTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  record Answer(int status, Optional<String> deviceCookie) {}

  /** A sign-in from a browser holding {@code deviceCookie} (a "name=value" pair), if any. */
  private static Answer signIn(String email, String password, Optional<String> deviceCookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/session"))
        .timeout(Duration.ofSeconds(60)).header("Origin", server.origin()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("email", email).put("password", password).encode()));
    deviceCookie.ifPresent(c -> request.header("Cookie", c));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Optional<String> device = response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith(DeviceCookies.COOKIE + "="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst();
    return new Answer(response.statusCode(), device);
  }

  private static void lockOut(String email) throws Exception {
    for (int i = 0; i < SignInLimiter.PER_ACCOUNT; i++) {
      assertEquals(401, signIn(email, "a stranger's guess " + i, Optional.empty()).status());
    }
  }

  @Test
  @DisplayName("After a stranger's ten failures, the owner's known browser signs in; a new browser waits")
  void ownerGetsInFromAKnownBrowser() throws Exception {
    Person pat = TestAccounts.person(server.db(), "Pat");
    Answer first = signIn(pat.email(), TestAccounts.PASSWORD, Optional.empty());
    assertEquals(200, first.status());
    String device = first.deviceCookie().orElseThrow(() -> new AssertionError("a signed-in browser is given a device cookie"));

    lockOut(pat.email());
    assertEquals(429, signIn(pat.email(), TestAccounts.PASSWORD, Optional.empty()).status(), "the account's limit holds for others");
    Answer owner = signIn(pat.email(), TestAccounts.PASSWORD, Optional.of(device));
    assertEquals(200, owner.status(), "the owner's browser is let in");
    assertTrue(owner.deviceCookie().isPresent(), "and its device cookie renewed");
  }

  @Test
  @DisplayName("A device cookie helps only its own account, cannot be forged, and is itself limited to ten failures")
  void deviceCookieLimits() throws Exception {
    Person pat = TestAccounts.person(server.db(), "Pat");
    Person sam = TestAccounts.person(server.db(), "Sam");
    String patsDevice = signIn(pat.email(), TestAccounts.PASSWORD, Optional.empty()).deviceCookie().orElseThrow();

    lockOut(sam.email());
    assertEquals(429, signIn(sam.email(), TestAccounts.PASSWORD, Optional.of(patsDevice)).status(), "Pat's browser does not unlock Sam");
    String forged = patsDevice.substring(0, patsDevice.length() - 4) + (patsDevice.endsWith("AAAA") ? "BBBB" : "AAAA");
    lockOut(pat.email());
    assertEquals(429, signIn(pat.email(), TestAccounts.PASSWORD, Optional.of(forged)).status(), "a forged cookie counts for nothing");

    for (int i = 0; i < SignInLimiter.PER_DEVICE; i++) {
      assertEquals(401, signIn(pat.email(), "a wrong guess " + i, Optional.of(patsDevice)).status());
    }
    assertEquals(429, signIn(pat.email(), TestAccounts.PASSWORD, Optional.of(patsDevice)).status(),
        "a stolen device cookie gives ten guesses, no more");
  }
}
