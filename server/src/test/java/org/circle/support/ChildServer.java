package org.circle.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.circle.Main;

/**
 * The real main class in a child JVM, as an operator runs it: started with its own environment
 * (none of the parent's Circle or PostgreSQL variables), listening on a port the system picks,
 * which is read back from what the server prints.
 */
public final class ChildServer implements AutoCloseable {
  private static final Pattern RUNNING = Pattern.compile("Circle is running\\. Open http://localhost:(\\d+)/");
  private static final Pattern ADMIN_LINK = Pattern.compile("#/account-link/([A-Za-z0-9_-]+)");
  /** Generous: it only bounds how long a broken start takes to fail, on a busy shared machine. */
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private volatile boolean outputClosed;
  private int port;

  private ChildServer(Process process) {
    this.process = process;
    Thread reader = new Thread(this::readOutput, "child-server-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the server and waits until it says it is running; fails with its output if it exits first. */
  public static ChildServer start(Map<String, String> env) {
    ChildServer child = launch(env);
    await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(50))
        .until(() -> child.runningPort().isPresent() || !child.process.isAlive());
    if (child.runningPort().isEmpty()) {
      child.close();
      throw new AssertionError("the server did not start:\n" + child.output());
    }
    child.port = child.runningPort().get();
    return child;
  }

  /** Starts the server and waits for it to exit, as a start that must be refused does. */
  public static ChildServer runToExit(Map<String, String> env) {
    ChildServer child = launch(env);
    await().atMost(START_LIMIT).pollInterval(Duration.ofMillis(50)).until(() -> !child.process.isAlive());
    // The output reader may still be draining the pipe.
    await().atMost(Duration.ofSeconds(30)).until(() -> child.outputClosed);
    return child;
  }

  private static ChildServer launch(Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("CIRCLE_") || k.equals("DATABASE_URL"));
    builder.environment().put("CIRCLE_HTTP_PORT", "0");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    try {
      return new ChildServer(builder.start());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (output) {
          output.add(line);
        }
      }
    } catch (IOException ignored) {
      // the process is gone
    } finally {
      outputClosed = true;
    }
  }

  private Optional<Integer> runningPort() {
    return find(RUNNING).map(Integer::parseInt);
  }

  private Optional<String> find(Pattern pattern) {
    synchronized (output) {
      for (String line : output) {
        Matcher m = pattern.matcher(line);
        if (m.find()) return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The one-time link the server prints when no administrator exists yet. */
  public Optional<String> firstAdminToken() {
    return find(ADMIN_LINK);
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public Process process() {
    return process;
  }

  public long pid() {
    return process.pid();
  }

  /** kill -9 of the server's JVM alone, as the OOM killer or an operator would. */
  public void killNine() {
    process.destroyForcibly();
    waitForExit();
  }

  /** kill -9 of the server and every process it started that is still its descendant. */
  public void killNineWithDescendants() {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    waitForExit();
    descendants.forEach(p -> p.onExit().join());
  }

  public int exitCode() {
    waitForExit();
    return process.exitValue();
  }

  private void waitForExit() {
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM, as Ctrl-C or a service manager stops it; SIGKILL if it does not end. */
  @Override
  public void close() {
    if (!process.isAlive()) return;
    process.destroy();
    try {
      if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
