package org.circle.db;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.circle.support.ApiClient;
import org.circle.support.ChildServer;
import org.circle.support.Http;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL across a crash of the server: the real main class in a child JVM on a
 * data directory of its own, killed with SIGKILL and started again.
 */
class RestartAfterCrashTest {
  private static final String EMAIL = "admin@example.org";
  private static final String PASSWORD = "a long and unusual passphrase";

  @TempDir
  Path dataDir;

  @AfterEach
  void stopAnythingLeft() {
    // Whatever the outcome, no PostgreSQL stays behind on this test's directory.
    Postmaster.runningOn(dataDir.resolve("postgres")).ifPresent(Postmaster::stop);
  }

  private ChildServer startOnDataDir() {
    return ChildServer.start(Map.of("CIRCLE_DATA_DIR", dataDir.toString()));
  }

  /** Creates the first administrator through the one-time link, as a person would. */
  private static void createAdministrator(ChildServer server) {
    String token = server.firstAdminToken().orElseThrow(() -> new AssertionError("no set-up link:\n" + server.output()));
    ApiClient.Response created = ApiClient.anonymous(server.baseUrl()).post("/api/account-links/" + token,
        new JsonObject().put("email", EMAIL).put("displayName", "Admin").put("password", PASSWORD));
    assertEquals(201, created.status(), created.toString());
  }

  private static void assertAdministratorCanSignIn(ChildServer server) {
    ApiClient.Response signedIn = ApiClient.anonymous(server.baseUrl()).post("/api/session",
        new JsonObject().put("email", EMAIL).put("password", PASSWORD));
    assertEquals(200, signedIn.status(), "the account made before the crash is there: " + signedIn);
  }

  private long postmasterPid() {
    return Postmaster.runningOn(dataDir.resolve("postgres")).orElseThrow(() -> new AssertionError("no PostgreSQL running")).pid();
  }

  @Test
  @DisplayName("After kill -9 of the server, its PostgreSQL stops, and the next start succeeds at once with the data there")
  void killNine() {
    long postgres;
    try (ChildServer first = startOnDataDir()) {
      createAdministrator(first);
      postgres = postmasterPid();
      first.killNine();
    }
    await().atMost(Duration.ofMinutes(1)).until(() -> ProcessHandle.of(postgres).map(p -> !p.isAlive()).orElse(true));

    try (ChildServer second = startOnDataDir()) {
      assertAdministratorCanSignIn(second);
    }
  }

  @Test
  @DisplayName("When the server and its watchdog are both killed, the PostgreSQL they leave is stopped at the next start, which succeeds")
  void killNineWithWatchdog() {
    long orphan;
    try (ChildServer first = startOnDataDir()) {
      createAdministrator(first);
      orphan = postmasterPid();
      first.killNineWithDescendants();
    }
    assertTrue(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false), "the PostgreSQL was left running");

    try (ChildServer second = startOnDataDir()) {
      assertAdministratorCanSignIn(second);
      assertNotEquals(orphan, postmasterPid(), "the left-over PostgreSQL was replaced");
    }
    assertTrue(ProcessHandle.of(orphan).map(p -> !p.isAlive()).orElse(true), "the left-over PostgreSQL is gone");
  }

  @Test
  @DisplayName("A second server on a data directory a live server uses is refused with a message naming it, and the first goes on serving")
  void secondLiveServerIsRefused() {
    try (ChildServer first = startOnDataDir()) {
      ChildServer second = ChildServer.runToExit(Map.of("CIRCLE_DATA_DIR", dataDir.toString()));
      assertEquals(2, second.exitCode(), second.output());
      assertTrue(second.output().contains("Is another Circle server using this data directory?"), second.output());
      assertTrue(second.output().contains("process " + first.pid()), "names the server using it: " + second.output());
      assertEquals(200, Http.get(first.baseUrl() + "/health").statusCode());
    }
  }
}
