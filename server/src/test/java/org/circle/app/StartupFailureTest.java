package org.circle.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.circle.Main;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real main class in a child JVM, as an operator would, and reads what it prints. */
class StartupFailureTest {

  record Outcome(int exitCode, String stderr) {}

  private static Outcome run(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("CIRCLE_") || k.equals("DATABASE_URL"));
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
      throw new AssertionError("the server did not exit on bad configuration");
    }
    return new Outcome(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static void assertOneClearLine(Outcome outcome, String mustMention) {
    assertTrue(outcome.exitCode() != 0, "non-zero exit code");
    String[] lines = outcome.stderr().strip().split("\n");
    assertEquals(1, lines.length, "exactly one line on stderr, got:\n" + outcome.stderr());
    assertTrue(lines[0].startsWith("circle: "), lines[0]);
    assertTrue(lines[0].contains(mustMention), lines[0]);
    assertFalse(outcome.stderr().contains("\tat "), "no stack trace");
  }

  @Test
  @DisplayName("Cluster mode on the embedded database ends start-up at once with one line saying DATABASE_URL is needed")
  void clusterModeNeedsAnExternalDatabase(@TempDir Path data) throws Exception {
    long started = System.nanoTime();
    Outcome outcome = run(Map.of("CIRCLE_CLUSTER", "true", "CIRCLE_DATA_DIR", data.toString(), "CIRCLE_HTTP_PORT", "0"));
    assertOneClearLine(outcome, "CIRCLE_CLUSTER=true needs DATABASE_URL");
    assertEquals(2, outcome.exitCode(), "a configuration error");
    assertFalse(data.resolve("postgres").toFile().exists() || data.toFile().list().length > 0,
        "nothing was started: the embedded database did not even create its files");
    assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "it fails before starting anything");
  }

  @Test
  @DisplayName("An unparseable DATABASE_URL ends start-up with one line naming it")
  void unparseableDatabaseUrl() throws Exception {
    assertOneClearLine(run(Map.of("DATABASE_URL", "not a url at all")), "DATABASE_URL");
  }

  @Test
  @DisplayName("A database that cannot be reached ends start-up with one line saying what to check")
  void unreachableDatabase() throws Exception {
    // Port 1 (tcpmux) is closed on any machine that runs these tests: the connection is refused.
    Outcome outcome = run(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:1/circle", "CIRCLE_HTTP_PORT", "0"));
    assertOneClearLine(outcome, "Check DATABASE_URL");
  }

  @Test
  @DisplayName("A port already in use ends start-up with one line naming the port")
  void portInUse(@TempDir File dataDir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      Outcome outcome = run(Map.of("CIRCLE_HTTP_PORT", String.valueOf(taken.getLocalPort()),
          "CIRCLE_DATA_DIR", dataDir.getAbsolutePath()));
      assertOneClearLine(outcome, "Port " + taken.getLocalPort());
    }
  }
}
