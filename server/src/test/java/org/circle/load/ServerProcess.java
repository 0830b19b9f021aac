package org.circle.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Circle server under test, as a child process started the way an operator starts it
 * ({@code java -jar circle.jar}) on its own embedded PostgreSQL (fsync on) in a fresh data
 * directory and a free port. Its output goes to a log file; the first-administrator link it
 * prints is picked up from there.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern SETUP_LINK = Pattern.compile("#/account-link/([A-Za-z0-9_-]+)");
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final int port;
  final Path dataDir;
  private final Process process;
  private final long startedAt;
  private final CompletableFuture<String> setupToken = new CompletableFuture<>();
  /** When (ms after the process was started) each start-up milestone appeared on the server's output. */
  final Map<String, Double> milestones = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<String, String> MILESTONES = Map.of(
      "Embedded PostgreSQL is running", "PostgreSQL up (ms)",
      "Database schema is at version", "migrations checked (ms)",
      "Listening on", "HTTP listening (ms)");

  private ServerProcess(Process process, int port, Path dataDir, long startedAt, Path log) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.startedAt = startedAt;
    Thread reader = new Thread(() -> pump(log), "server-output");
    reader.setDaemon(true);
    reader.start();
    // Stopping the tool (Ctrl-C, SIGTERM) stops the server and its PostgreSQL too.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-server"));
  }

  static ServerProcess start(Path jar, Path dataDir, Map<String, String> extraEnv, List<String> jvmArgs, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // Only the variables the server reads from us: a DATABASE_URL or PG* from the caller's shell must not leak in.
    env.keySet().removeIf(k -> k.startsWith("CIRCLE_") || k.startsWith("PG") || k.equals("DATABASE_URL"));
    env.put("CIRCLE_HTTP_HOST", "127.0.0.1");
    env.put("CIRCLE_HTTP_PORT", Integer.toString(port));
    env.put("CIRCLE_DATA_DIR", dataDir.toString());
    env.putAll(extraEnv);
    try {
      long t0 = System.nanoTime();
      return new ServerProcess(builder.start(), port, dataDir, t0, log);
    } catch (IOException e) {
      throw new IllegalStateException("Could not start " + command + ": " + e.getMessage(), e);
    }
  }

  private void pump(Path log) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        double at = (System.nanoTime() - startedAt) / 1e6;
        for (Map.Entry<String, String> m : MILESTONES.entrySet()) {
          if (line.contains(m.getKey())) milestones.putIfAbsent(m.getValue(), at);
        }
        Matcher m = SETUP_LINK.matcher(line);
        if (m.find()) {
          setupToken.complete(m.group(1));
          out.println("(first-administrator link printed here; not copied to this log)");
        } else {
          out.println(line);
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** The one-time first-administrator token the server printed (only on a fresh database). */
  String setupToken(Duration timeout) {
    try {
      return setupToken.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("The server printed no first-administrator link within " + timeout, e);
    }
  }

  /** Waits for {@code GET /health} to answer 200; returns the milliseconds since the process was started. */
  double awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/health")).timeout(Duration.ofSeconds(2)).GET().build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("The server exited with code " + process.exitValue() + " during start-up");
      try {
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return (System.nanoTime() - startedAt) / 1e6;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(10);
    }
    throw new IllegalStateException("The server was not healthy within " + timeout);
  }

  /** The embedded PostgreSQL's postmaster, from its pid file (it is not a child of the JVM once pg_ctl has exited). */
  long postmasterPid() {
    try {
      List<String> lines = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
      return Long.parseLong(lines.get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  long jvmCpuTicks() {
    return ProcStats.cpuTicks(pid(), true);
  }

  /** CPU ticks of the whole server: the JVM, the postmaster and its live backends, and children both have reaped. */
  long cpuTicks() {
    long ticks = ProcStats.cpuTicks(pid(), true);
    long postmaster = postmasterPid();
    if (postmaster > 0) {
      // Counted on its own: while it runs, it is in neither the JVM's figure nor its "children" figure.
      ticks += ProcStats.cpuTicks(postmaster, true);
      for (long backend : ProcStats.childrenOf(postmaster)) ticks += ProcStats.cpuTicks(backend, false);
    }
    return ticks;
  }

  long jvmRssKib() {
    return ProcStats.rssKib(pid());
  }

  /** PostgreSQL's memory as proportional set size summed over the postmaster and its backends. */
  long postgresPssKib() {
    long postmaster = postmasterPid();
    if (postmaster <= 0) return 0;
    long total = ProcStats.pssKib(postmaster);
    for (long backend : ProcStats.childrenOf(postmaster)) total += ProcStats.pssKib(backend);
    return total;
  }

  /** What one scrape of /metrics says: heap in use (sum of {@code jvm_memory_used_bytes{area="heap"}}) and how many series it holds. */
  record Scrape(long heapUsedBytes, int series) {}

  Scrape scrape() {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5)).GET().build();
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      double sum = 0;
      int series = 0;
      for (String line : body.split("\n")) {
        if (line.isEmpty() || line.startsWith("#")) continue;
        series++;
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return new Scrape((long) sum, series);
    } catch (IOException | RuntimeException e) {
      return new Scrape(-1, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Scrape(-1, -1);
    }
  }

  /** The sum of every sample of one metric on /metrics; NaN if it cannot be read. */
  double metric(String name) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).timeout(Duration.ofSeconds(5)).GET().build();
      String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
      double sum = 0;
      for (String line : body.split("\n")) {
        if (line.startsWith(name + " ") || line.startsWith(name + "{")) sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Double.NaN;
    }
  }

  long heapUsedBytes() {
    return scrape().heapUsedBytes();
  }

  /** Asks the server's JVM for a full collection (jcmd), so the next heap reading is the live set. */
  void fullGc() {
    jcmd("GC.run");
    sleep(500);
  }

  String jcmd(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(Long.toString(pid()));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(60, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "jcmd failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** SIGTERM and a graceful shutdown, as an operator stops it; killed if it takes more than 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
