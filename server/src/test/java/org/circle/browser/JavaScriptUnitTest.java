package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser client's unit tests ({@code node --test web/test/*.test.js}, no build step, no
 * npm package) as part of {@code mvn test}. Where Node.js is missing the test is skipped with a
 * message, except on CI (CI=true), where it fails, as the browser tests do.
 */
class JavaScriptUnitTest {
  private static final Path TESTS = Path.of("web", "test");

  @Test
  @DisplayName("The browser's own unit tests pass (node --test web/test/), the shared board fixtures among them")
  void nodeTestsPass() throws IOException, InterruptedException {
    Optional<Path> node = findNode();
    String missing = "Node.js is not installed (node not on PATH); JavaScript unit tests under web/test/ skipped.";
    if (node.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(missing);
      assumeTrue(false, missing);
    }
    List<String> files;
    try (Stream<Path> all = Files.walk(TESTS)) {
      files = all.filter(p -> p.getFileName().toString().endsWith(".test.js")).map(Path::toString).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no *.test.js under " + TESTS);
    List<String> command = new ArrayList<>(List.of(node.get().toString(), "--test"));
    command.addAll(files);
    Path log = Files.createTempFile("circle-node-test", ".txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = process.waitFor(3, TimeUnit.MINUTES);
    if (!finished) process.destroyForcibly();
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    System.out.println(output);
    assertTrue(finished, "node --test did not finish within 3 minutes:\n" + output);
    assertEquals(0, process.exitValue(), "node --test failed:\n" + output);
  }

  private static Optional<Path> findNode() {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "node");
      if (Files.isExecutable(candidate)) return Optional.of(candidate);
    }
    return Optional.empty();
  }
}
