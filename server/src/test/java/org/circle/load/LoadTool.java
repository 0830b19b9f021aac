package org.circle.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Circle's load tool. Starts the server as a child process on a fresh embedded PostgreSQL
 * (fsync on), sets the stage through the HTTP API, opens simulated clients over the real
 * WebSocket protocol, and measures edit-to-broadcast and acknowledgement latency (HdrHistogram,
 * corrected for coordinated omission), throughput, and the server's CPU and memory from /proc.
 * See README.md ("Load tool") and docs/benchmarks.md. Run: {@code mvn -q -Pload verify}.
 */
public final class LoadTool {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  /** Everything a run can be told, as {@code --name=value}. */
  record Options(List<String> scenarios, int runs, int warmupSeconds, int measureSeconds, Path jar, Path out, int eventLoops,
                 int rampWarmupSeconds, int rampMeasureSeconds, double[] rampRates, double kneeMillis, int idleClients,
                 int idleHoldSeconds, List<String> serverJvmArgs, boolean profile, int rounds, int warmupRounds,
                 double clusterRate, double nodeCpus, double scaleStart, List<String> scaleShapes) {

    static Options parse(String[] args) {
      Map<String, String> o = new LinkedHashMap<>();
      for (String arg : args) {
        for (String part : arg.trim().split("\\s+")) {
          if (part.isEmpty()) continue;
          if (!part.startsWith("--")) throw new IllegalArgumentException("Arguments look like --name=value; found " + part);
          int eq = part.indexOf('=');
          o.put(eq < 0 ? part.substring(2) : part.substring(2, eq), eq < 0 ? "true" : part.substring(eq + 1));
        }
      }
      String scenario = o.getOrDefault("scenario", "all");
      List<String> scenarios = scenario.equals("all") ? List.of("start", "class", "busy", "big", "throughput", "idle", "slowreader", "reveal", "hotpath", "browser")
          : Arrays.asList(scenario.split(","));
      double[] rates = Arrays.stream(o.getOrDefault("ramp-rates", "1,2,3,5,7.5,10,15,20,25,30,40,50,60,75,100").split(","))
          .mapToDouble(Double::parseDouble).toArray();
      String jvm = o.getOrDefault("server-jvm-args", "");
      return new Options(scenarios, integer(o, "runs", 3), integer(o, "warmup", 10), integer(o, "measure", 60),
          Path.of(o.getOrDefault("jar", "target/circle.jar")).toAbsolutePath(), Path.of(o.getOrDefault("out", "target/load")).toAbsolutePath(),
          integer(o, "event-loops", 2), integer(o, "ramp-warmup", 5), integer(o, "ramp-measure", 15), rates,
          Double.parseDouble(o.getOrDefault("knee-ms", "50")), integer(o, "idle-clients", 2000), integer(o, "idle-hold", 60),
          jvm.isBlank() ? List.of() : Arrays.asList(jvm.split(",")), Boolean.parseBoolean(o.getOrDefault("profile", "false")),
          integer(o, "rounds", 10), integer(o, "warmup-rounds", 2),
          // The cluster scenario's operations a second per client (1 unless told): below the knee of a small machine, the hop alone shows.
          Double.parseDouble(o.getOrDefault("cluster-rate", "1")),
          // The scaleout scenario: each node's cap in cores (0: none), and the per-client rate its ramp starts from.
          Double.parseDouble(o.getOrDefault("node-cpus", "0")), Double.parseDouble(o.getOrDefault("scale-start", "0.1")),
          List.of(o.getOrDefault("scale-shapes", "busy,big").split(",")));
    }

    private static int integer(Map<String, String> o, String name, int otherwise) {
      return Integer.parseInt(o.getOrDefault(name, Integer.toString(otherwise)));
    }
  }

  /** A latency scenario: {@code boards} boards, each with {@code clientsPerBoard} clients sending {@code rate} edits a second. */
  record Shape(int boards, int clientsPerBoard, double rate, int communities, int accounts) {
    int clients() {
      return boards * clientsPerBoard;
    }
  }

  final Options options;
  final Vertx vertx;
  private final Random random = new Random(42);
  final List<Report.Scenario> results = new ArrayList<>();

  private LoadTool(Options options) {
    this.options = options;
    // A few event loops only: the tool shares the machine's cores with the server it measures.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.eventLoops()).setWorkerPoolSize(2));
  }

  public static void main(String[] args) throws IOException {
    Options options = Options.parse(args);
    if (!Files.isRegularFile(options.jar())) {
      System.err.println("load: " + options.jar() + " is missing; build it first with: mvn -q -DskipTests package");
      System.exit(2);
    }
    Files.createDirectories(options.out());
    LoadTool tool = new LoadTool(options);
    int status = 0;
    try {
      for (String scenario : options.scenarios()) {
        try {
          tool.run(scenario.trim());
        } catch (RuntimeException e) {
          status = 1;
          System.out.println("[" + scenario + "] FAILED: " + e.getMessage());
          e.printStackTrace(System.out);
        }
      }
    } finally {
      tool.vertx.close().await();
    }
    String report = tool.report();
    Path file = options.out().resolve("report-" + STAMP.format(Instant.now()) + ".md");
    Files.writeString(file, report);
    System.out.println();
    System.out.println(report);
    System.out.println("Written to " + file);
    System.exit(status);
  }

  private void run(String scenario) {
    log(scenario, "starting");
    switch (scenario) {
      case "start" -> start();
      case "class" -> latency("class board", "50 clients x 2 ops/s on one board.", new Shape(1, 50, 2, 1, 25),
          new Report.Target("edit-to-broadcast p99 (ms)", 10, true), new Report.Target("acknowledgement p99 (ms)", 20, true));
      case "busy" -> latency("busy node", "20 boards x 30 clients x 1 op/s (600 clients), each board in its own community.",
          new Shape(20, 30, 1, 20, 30), new Report.Target("edit-to-broadcast p99 (ms)", 30, true));
      case "big" -> latency("big board", "200 clients x 1 op/s on one board.", new Shape(1, 200, 1, 1, 40),
          new Report.Target("edit-to-broadcast p99 (ms)", 50, true));
      case "throughput" -> throughput();
      case "cluster" -> new ClusterScenarios(this).latency();
      case "scaleout" -> new ClusterScenarios(this).capacity();
      case "idle" -> idle();
      case "hotpath" -> hotPath();
      case "slowreader" -> slowReader();
      case "reveal" -> reveal();
      case "browser" -> browser();
      default -> throw new IllegalArgumentException("Unknown scenario " + scenario
          + "; use start, class, busy, big, throughput, idle, slowreader, reveal, hotpath, browser, cluster, scaleout or all");
    }
  }

  // ---------------------------------------------------------------- start

  private void start() {
    Report.Scenario result = new Report.Scenario("start",
        "Process start (`java -jar circle.jar`, embedded PostgreSQL) to the first `200` from `GET /health`, on an already initialised data directory.",
        new Report.Target("start to healthy (ms)", 3000, true));
    Path dataDir = tempDir("start");
    try {
      double first;
      try (ServerProcess server = startServer("start", dataDir, Map.of())) {
        first = server.awaitHealthy(Duration.ofMinutes(3));
      }
      result.remarks.add("First start on an empty data directory (initdb and migrations, excluded from the target): "
          + Report.format(first) + " ms.");
      for (int r = 1; r <= options.runs(); r++) {
        try (ServerProcess server = startServer("start", dataDir, Map.of())) {
          double ms = server.awaitHealthy(Duration.ofMinutes(1));
          Report.Run run = new Report.Run().put("start to healthy (ms)", ms);
          for (String milestone : List.of("PostgreSQL up (ms)", "migrations checked (ms)", "HTTP listening (ms)")) {
            run.put("  " + milestone, server.milestones.getOrDefault(milestone, Double.NaN));
          }
          run.put("machine load average (1 min)", ProcStats.loadAverage());
          result.runs.add(run);
          log("start", "run " + r + ": healthy after " + Report.format(ms) + " ms");
        }
      }
    } finally {
      delete(dataDir);
      results.add(result);
    }
  }

  // ---------------------------------------------------------------- latency scenarios

  private void latency(String name, String description, Shape shape, Report.Target... targets) {
    Report.Scenario result = new Report.Scenario(name, description, targets);
    results.add(result);
    Path dataDir = tempDir(name.replace(' ', '-'));
    try (ServerProcess server = startServer(name.replace(' ', '-'), dataDir, Map.of())) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, shape.communities(), Math.min(shape.accounts(), shape.clientsPerBoard()));
      for (int r = 1; r <= options.runs(); r++) {
        String tag = "r" + r;
        Fleet fleet = fleet(server, stage, shape, tag);
        try {
          Report.Run run = measure(server, fleet, shape.rate(), options.warmupSeconds(), options.measureSeconds(),
              options.profile() && r == 1 ? name.replace(' ', '-') : null);
          result.runs.add(run);
          log(name, "run " + r + ": " + brief(run));
        } finally {
          fleet.closeAll();
        }
      }
    } finally {
      delete(dataDir);
    }
  }

  private Fleet fleet(ServerProcess server, Stage stage, Shape shape, String tag) {
    List<String> boards = stage.boards(tag, shape.boards());
    Fleet fleet = new Fleet(vertx, options.eventLoops(), tag);
    for (int j = 0; j < shape.clientsPerBoard(); j++) {
      for (String board : boards) fleet.add(board, stage.participant(j), true);
    }
    long t0 = System.nanoTime();
    fleet.openAll(server.port, server.baseUrl(), 50);
    log("setup", fleet.size() + " clients joined " + boards.size() + " board(s) in " + Report.format((System.nanoTime() - t0) / 1e6) + " ms");
    return fleet;
  }

  /** Sends at {@code rate} per client: warm-up, then the measured interval, with CPU and memory sampled meanwhile. */
  Report.Run measure(ServerProcess server, Fleet fleet, double rate, int warmup, int seconds, String profileName) {
    return measure(server, List.of(), fleet, rate, warmup, seconds, profileName);
  }

  /** The same, with the CPU of further nodes of a cluster ({@code others}) reported beside the first one's. */
  Report.Run measure(ServerProcess server, List<ServerProcess> others, Fleet fleet, double rate, int warmup, int seconds, String profileName) {
    fleet.startSending(rate, random);
    ServerProcess.sleep(warmup * 1000L);
    if (profileName != null) {
      log("profile", server.jcmd("JFR.start", "name=load", "settings=profile", "duration=" + seconds + "s",
          "filename=" + options.out().resolve(profileName + ".jfr")).trim());
    }
    fleet.measurements.reset();
    long cpu0 = server.cpuTicks();
    long jvm0 = server.jvmCpuTicks();
    long tool0 = ProcStats.cpuTicks(ProcStats.selfPid(), false);
    long machine0 = ProcStats.machineBusyTicks();
    long[] others0 = others.stream().mapToLong(ServerProcess::jvmCpuTicks).toArray();
    long t0 = System.nanoTime();
    long rss = 0;
    long pss = 0;
    long heap = 0;
    long end = t0 + seconds * 1_000_000_000L;
    int tick = 0;
    int series = 0;
    while (System.nanoTime() < end) {
      ServerProcess.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      rss = Math.max(rss, server.jvmRssKib());
      pss = Math.max(pss, server.postgresPssKib());
      if (tick++ % 5 == 0) {
        ServerProcess.Scrape scrape = server.scrape();
        heap = Math.max(heap, scrape.heapUsedBytes());
        series = Math.max(series, scrape.series());
      }
    }
    Measurements.Interval interval = fleet.measurements.interval();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long cpu1 = server.cpuTicks();
    long jvm1 = server.jvmCpuTicks();
    long tool1 = ProcStats.cpuTicks(ProcStats.selfPid(), false);
    long machine1 = ProcStats.machineBusyTicks();
    long[] others1 = others.stream().mapToLong(ServerProcess::jvmCpuTicks).toArray();
    fleet.stopSending();
    ServerProcess.sleep(2000);
    Report.Run run = new Report.Run();
    run.latencies("edit-to-broadcast", interval.broadcast());
    run.latencies("acknowledgement", interval.ack());
    run.put("offered ops/s", interval.sent() / interval.seconds())
        .put("acknowledged ops/s", interval.acked() / interval.seconds())
        .put("delivered messages/s", interval.delivered() / interval.seconds())
        .put("server CPU (% of one core)", (cpu1 - cpu0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("  of which the JVM (%)", (jvm1 - jvm0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("  of which PostgreSQL (%)", ((cpu1 - cpu0) - (jvm1 - jvm0)) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("load tool CPU (% of one core)", (tool1 - tool0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("machine CPU (% of one core)", (machine1 - machine0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("other processes' CPU (% of one core)",
            ((machine1 - machine0) - (cpu1 - cpu0) - (tool1 - tool0)) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("server JVM RSS peak (MiB)", rss / 1024.0)
        .put("PostgreSQL PSS peak (MiB)", pss / 1024.0)
        .put("server heap used peak (MiB)", heap / 1048576.0)
        .put("series on /metrics", (double) series)
        .put("tool send lag p99 (ms)", interval.sendLag().getTotalCount() == 0 ? Double.NaN : interval.sendLag().getValueAtPercentile(99) / 1000.0)
        .put("rejected + errors + rate-limited", (double) (interval.rejected() + interval.errors() + interval.rateLimited()))
        .put("closed by server", (double) interval.unexpectedCloses())
        .put("never acknowledged", (double) fleet.outstanding());
    for (int n = 0; n < others.size(); n++) {
      run.put("node " + (n + 2) + " JVM CPU (% of one core)", (others1[n] - others0[n]) * 100.0 / ProcStats.CLOCK_TICKS / elapsed);
    }
    run.notes = fleet.notes();
    return run;
  }

  // ---------------------------------------------------------------- slow reader

  /**
   * The others' edit-to-broadcast latency on a board of 30 editors, measured without and then with
   * a client on the board that never reads (replaced as soon as the server cuts it off, so one is
   * always there).
   */
  private void slowReader() {
    Report.Scenario result = new Report.Scenario("slow reader",
        "30 clients x 2 ops/s on one board, measured as they are and with one more client on the board that never "
            + "reads (as soon as the server cuts it off, another takes its place, so one always lingers); odd runs measure "
            + "without it first, even runs with it first.",
        new Report.Target("others' broadcast p99 with it / without it (%)", 110, true));
    results.add(result);
    Shape shape = new Shape(1, 30, 2, 1, 31);
    Path dataDir = tempDir("slow-reader");
    try (ServerProcess server = startServer("slow-reader", dataDir, Map.of())) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, shape.communities(), shape.accounts());
      for (int r = 1; r <= options.runs(); r++) {
        String tag = "r" + r;
        Fleet fleet = fleet(server, stage, shape, tag);
        try {
          // Odd runs measure without it first, even runs with it first, so what comes second (a warmer
          // JVM, other work on the machine) does not pass for its effect.
          boolean withoutFirst = r % 2 == 1;
          Report.Run without = withoutFirst ? measure(server, fleet, shape.rate(), options.warmupSeconds(), options.measureSeconds(), null) : null;
          Report.Run with;
          List<Double> lingered;
          try (NonReader nonReader = new NonReader(server, stage.participant(shape.clientsPerBoard()), fleet.client(0).boardId)) {
            with = measure(server, fleet, shape.rate(), options.warmupSeconds(), options.measureSeconds(),
                options.profile() && r == 1 ? "slow-reader" : null);
            lingered = nonReader.lingeredMs();
          }
          if (!withoutFirst) without = measure(server, fleet, shape.rate(), options.warmupSeconds(), options.measureSeconds(), null);
          double p99Without = without.figures.get("edit-to-broadcast p99 (ms)");
          double p99With = with.figures.get("edit-to-broadcast p99 (ms)");
          Report.Run run = new Report.Run()
              .put("others' broadcast p99 without it (ms)", p99Without)
              .put("others' broadcast p99 with it (ms)", p99With)
              .put("others' broadcast p99 with it / without it (%)", 100 * p99With / p99Without)
              .put("others' broadcast p50 without it (ms)", without.figures.get("edit-to-broadcast p50 (ms)"))
              .put("others' broadcast p50 with it (ms)", with.figures.get("edit-to-broadcast p50 (ms)"))
              .put("acknowledgement p99 without it (ms)", without.figures.get("acknowledgement p99 (ms)"))
              .put("acknowledgement p99 with it (ms)", with.figures.get("acknowledgement p99 (ms)"))
              .put("slow readers cut off (server's count)", server.metric("circle_board_slow_readers_total"))
              .put("non-readers disconnected while measuring", (double) lingered.size())
              .put("time from join to disconnection, mean (ms)", lingered.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN))
              .put("server CPU without it (% of one core)", without.figures.get("server CPU (% of one core)"))
              .put("server CPU with it (% of one core)", with.figures.get("server CPU (% of one core)"))
              .put("machine load average (1 min)", ProcStats.loadAverage());
          run.notes = with.notes;
          result.runs.add(run);
          log("slow reader", "run " + r + ": p99 without " + Report.format(p99Without) + " ms, with " + Report.format(p99With)
              + " ms; " + lingered.size() + " cut off");
        } finally {
          fleet.closeAll();
        }
      }
    } finally {
      delete(dataDir);
    }
  }

  // ---------------------------------------------------------------- throughput

  private void throughput() {
    Report.Scenario result = new Report.Scenario("throughput",
        "100 boards x 2 clients; the per-client rate is raised step by step until acknowledgement p99 passes "
            + Report.format(options.kneeMillis()) + " ms (or fewer than 95% of offered operations are acknowledged). "
            + "The runs below repeat the last step before that knee for the full measuring time.",
        new Report.Target("acknowledged ops/s", 10_000, false),
        // The rate only counts if the full-length runs at it stay before the knee too.
        new Report.Target("acknowledgement p99 (ms)", options.kneeMillis(), true));
    results.add(result);
    Shape shape = new Shape(100, 2, 0, 100, 2);
    Path dataDir = tempDir("throughput");
    // The product's per-connection limit (20 ops/s, bursts of 60) stays the default; only this scenario lifts it.
    Map<String, String> env = Map.of("CIRCLE_WS_OPS_PER_SECOND", "1000", "CIRCLE_WS_OPS_BURST", "2000");
    try (ServerProcess server = startServer("throughput", dataDir, env)) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, shape.communities(), shape.accounts());
      double knee = Double.NaN;
      double lastGood = Double.NaN;
      StringBuilder ramp = new StringBuilder("Ramp (" + options.rampWarmupSeconds() + " s warm-up + " + options.rampMeasureSeconds()
          + " s per step):\n\n| ops/s per client | offered ops/s | acknowledged ops/s | ack p50 (ms) | ack p99 (ms) | broadcast p99 (ms) | server CPU % | rate-limited |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      Fleet fleet = fleet(server, stage, shape, "ramp");
      try {
        for (double rate : options.rampRates()) {
          Report.Run step = measure(server, fleet, rate, options.rampWarmupSeconds(), options.rampMeasureSeconds(), null);
          double offered = step.figures.get("offered ops/s");
          double acked = step.figures.get("acknowledged ops/s");
          double p99 = step.figures.get("acknowledgement p99 (ms)");
          ramp.append("| ").append(Report.format(rate)).append(" | ").append(Report.format(offered)).append(" | ")
              .append(Report.format(acked)).append(" | ").append(Report.format(step.figures.get("acknowledgement p50 (ms)")))
              .append(" | ").append(Report.format(p99)).append(" | ").append(Report.format(step.figures.get("edit-to-broadcast p99 (ms)")))
              .append(" | ").append(Report.format(step.figures.get("server CPU (% of one core)"))).append(" | ")
              .append(Report.format(step.figures.get("rejected + errors + rate-limited"))).append(" |\n");
          log("throughput", "ramp " + Report.format(rate) + " ops/s per client: " + brief(step));
          if (!(p99 <= options.kneeMillis()) || acked < 0.95 * offered) {
            knee = rate;
            break;
          }
          lastGood = rate;
        }
      } finally {
        fleet.closeAll();
      }
      result.remarks.add(ramp.toString());
      result.remarks.add(Double.isNaN(knee) ? "No knee within the ramp's rates." : "Knee at " + Report.format(knee) + " ops/s per client.");
      if (Double.isNaN(lastGood)) {
        // Still measured, so the figures say how far from the target the first step is.
        lastGood = options.rampRates()[0];
        result.remarks.add("Even the first step was past the knee; the runs below are at that step.");
      }
      result.remarks.add("Measured runs: " + Report.format(lastGood) + " ops/s per client (" + Report.format(lastGood * shape.clients())
          + " ops/s offered).");
      for (int r = 1; r <= options.runs(); r++) {
        Fleet runFleet = fleet(server, stage, shape, "r" + r);
        try {
          Report.Run run = measure(server, runFleet, lastGood, options.warmupSeconds(), options.measureSeconds(),
              options.profile() && r == 1 ? "throughput" : null);
          result.runs.add(run);
          log("throughput", "run " + r + ": " + brief(run));
        } finally {
          runFleet.closeAll();
        }
      }
    } finally {
      delete(dataDir);
    }
  }

  // ---------------------------------------------------------------- idle crowd

  private void idle() {
    int clients = options.idleClients();
    Report.Scenario result = new Report.Scenario("idle crowd",
        Report.format(clients) + " connected clients joined to 20 boards of one community, sending only the 20 s ping, held "
            + options.idleHoldSeconds() + " s. Heap figures after a full GC (`jcmd GC.run`) are the live set.",
        new Report.Target("server heap after GC, connected (MiB)", 512, true),
        new Report.Target("server heap used peak (MiB)", 512, true));
    results.add(result);
    Path dataDir = tempDir("idle");
    try (ServerProcess server = startServer("idle", dataDir, Map.of())) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, 1, 50);
      for (int r = 1; r <= options.runs(); r++) {
        List<String> boards = stage.boards("r" + r, 20);
        server.fullGc();
        long heap0 = server.heapUsedBytes();
        long rss0 = server.jvmRssKib();
        Fleet fleet = new Fleet(vertx, options.eventLoops(), "r" + r);
        for (int i = 0; i < clients; i++) fleet.add(boards.get(i % boards.size()), stage.participant(i), false);
        try {
          long t0 = System.nanoTime();
          fleet.openAll(server.port, server.baseUrl(), 100);
          double openSeconds = (System.nanoTime() - t0) / 1e9;
          long cpu0 = server.cpuTicks();
          long h0 = System.nanoTime();
          long heapPeak = 0;
          long rssPeak = 0;
          int series = 0;
          long end = h0 + options.idleHoldSeconds() * 1_000_000_000L;
          while (System.nanoTime() < end) {
            ServerProcess.sleep(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            ServerProcess.Scrape scrape = server.scrape();
            heapPeak = Math.max(heapPeak, scrape.heapUsedBytes());
            series = Math.max(series, scrape.series());
            rssPeak = Math.max(rssPeak, server.jvmRssKib());
          }
          double cpu = (server.cpuTicks() - cpu0) * 100.0 / ProcStats.CLOCK_TICKS / ((System.nanoTime() - h0) / 1e9);
          server.fullGc();
          long heap1 = server.heapUsedBytes();
          long rss1 = server.jvmRssKib();
          Report.Run run = new Report.Run()
              .put("clients connected and joined", (double) fleet.size())
              .put("time to connect and join all (s)", openSeconds)
              .put("server heap after GC, connected (MiB)", heap1 / 1048576.0)
              .put("server heap after GC, before connecting (MiB)", heap0 / 1048576.0)
              .put("server heap used peak (MiB)", heapPeak / 1048576.0)
              .put("heap per client (KiB)", (heap1 - heap0) / 1024.0 / clients)
              .put("server JVM RSS, connected (MiB)", rss1 / 1024.0)
              .put("server JVM RSS peak (MiB)", rssPeak / 1024.0)
              .put("RSS growth per client (KiB)", (rss1 - rss0) / (double) clients)
              .put("PostgreSQL PSS (MiB)", server.postgresPssKib() / 1024.0)
              .put("server CPU while idle (% of one core)", cpu)
              .put("series on /metrics", (double) series)
              .put("closed by server", (double) fleet.measurements.unexpectedCloses.sum());
          run.notes = fleet.notes();
          result.runs.add(run);
          log("idle", "run " + r + ": heap after GC " + Report.format(heap1 / 1048576.0) + " MiB, per client "
              + Report.format((heap1 - heap0) / 1024.0 / clients) + " KiB, RSS " + Report.format(rss1 / 1024.0) + " MiB");
        } finally {
          fleet.closeAll();
        }
        ServerProcess.sleep(2000);
      }
    } finally {
      delete(dataDir);
    }
  }

  // ---------------------------------------------------------------- reveal in a session (issue 13)

  /** A session of issue 13: 50 people write 10 cards each in silence, then the facilitator reveals all 500 at once. */
  private static final int SESSION_PEOPLE = 50;
  private static final int SESSION_CARDS_EACH = 10;
  private static final long SESSION_WAIT_NANOS = 30_000_000_000L;

  /** What one round measured: per participant, the microseconds from the reveal's send to its arrival. */
  private record RoundResult(List<Long> revealMicros, int missing, int incomplete, long ackMicros, long facilitatorEventMicros,
                             int frameBytesMin, int frameBytesMax, double writeMillis, List<Long> createAckMicros, List<String> problems) {}

  private void reveal() {
    int cards = SESSION_PEOPLE * SESSION_CARDS_EACH;
    Report.Scenario result = new Report.Scenario("reveal in a session",
        "On a fresh board per round, " + SESSION_PEOPLE + " participants (one account each) and a facilitator join; the "
            + "facilitator starts silent writing (`board.silent`); each participant creates " + SESSION_CARDS_EACH
            + " cards at once (" + cards + " unrevealed cards; within the product's per-connection burst of 60, limits unchanged); "
            + "once every acknowledgement and every hidden event has arrived, the facilitator sends `board.reveal`. Reveal "
            + "latency is the time from that send to each participant's receipt of the whole reveal event (one sample per "
            + "participant per round), which is then checked to carry all " + cards + " cards written. " + options.rounds()
            + " rounds per run, after " + options.warmupRounds() + " warm-up round(s) on the same server that are not counted.",
        new Report.Target("reveal to each client p99 (ms)", 250, true),
        new Report.Target("clients without the whole reveal", 0, true));
    results.add(result);
    Path dataDir = tempDir("reveal");
    try (ServerProcess server = startServer("reveal", dataDir, Map.of())) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, 1, SESSION_PEOPLE);
      for (int w = 1; w <= options.warmupRounds(); w++) {
        RoundResult warm = revealRound(server, stage, "w" + w);
        log("reveal", "warm-up round " + w + ": " + briefRound(warm));
      }
      for (int r = 1; r <= options.runs(); r++) {
        Histogram revealed = new Histogram(Measurements.HIGHEST_MICROS, 3);
        Histogram created = new Histogram(Measurements.HIGHEST_MICROS, 3);
        List<Double> slowest = new ArrayList<>();
        List<Double> acks = new ArrayList<>();
        List<Double> own = new ArrayList<>();
        List<Double> writes = new ArrayList<>();
        int missing = 0;
        int incomplete = 0;
        int bytesMin = Integer.MAX_VALUE;
        int bytesMax = 0;
        List<String> problems = new ArrayList<>();
        double load0 = ProcStats.loadAverage();
        long cpu0 = server.cpuTicks();
        long jvm0 = server.jvmCpuTicks();
        long tool0 = ProcStats.cpuTicks(ProcStats.selfPid(), false);
        long machine0 = ProcStats.machineBusyTicks();
        boolean profiling = options.profile() && r == 1;
        if (profiling) {
          log("profile", server.jcmd("JFR.start", "name=load", "settings=profile", "filename=" + options.out().resolve("reveal.jfr")).trim());
        }
        long t0 = System.nanoTime();
        for (int round = 1; round <= options.rounds(); round++) {
          RoundResult rr = revealRound(server, stage, "r" + r + "x" + round);
          rr.revealMicros().forEach(us -> revealed.recordValue(Math.min(us, Measurements.HIGHEST_MICROS)));
          rr.createAckMicros().forEach(us -> created.recordValue(Math.max(0, Math.min(us, Measurements.HIGHEST_MICROS))));
          slowest.add(rr.revealMicros().stream().mapToLong(Long::longValue).max().orElse(0) / 1000.0);
          acks.add(rr.ackMicros() / 1000.0);
          own.add(rr.facilitatorEventMicros() / 1000.0);
          writes.add(rr.writeMillis());
          missing += rr.missing();
          incomplete += rr.incomplete();
          bytesMin = Math.min(bytesMin, rr.frameBytesMin());
          bytesMax = Math.max(bytesMax, rr.frameBytesMax());
          rr.problems().stream().filter(p -> problems.size() < 10).forEach(problems::add);
          log("reveal", "run " + r + " round " + round + ": " + briefRound(rr));
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu1 = server.cpuTicks();
        long jvm1 = server.jvmCpuTicks();
        long tool1 = ProcStats.cpuTicks(ProcStats.selfPid(), false);
        long machine1 = ProcStats.machineBusyTicks();
        if (profiling) log("profile", server.jcmd("JFR.stop", "name=load").trim());
        Report.Run run = new Report.Run()
            .put("reveal to each client p50 (ms)", percentileMs(revealed, 50))
            .put("reveal to each client p95 (ms)", percentileMs(revealed, 95))
            .put("reveal to each client p99 (ms)", percentileMs(revealed, 99))
            .put("reveal to each client max (ms)", revealed.getTotalCount() == 0 ? Double.NaN : revealed.getMaxValue() / 1000.0)
            .put("reveal samples", (double) revealed.getTotalCount())
            .put("reveal to the last client of a round, median (ms)", Report.median(Report.sorted(toArray(slowest))))
            .put("facilitator's ack of the reveal, median (ms)", Report.median(Report.sorted(toArray(acks))))
            .put("facilitator's ack of the reveal, max (ms)", acks.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))
            .put("facilitator's own reveal event, median (ms)", Report.median(Report.sorted(toArray(own))))
            .put("clients without the whole reveal", (double) (missing + incomplete))
            .put("  of which never received it (within 30 s)", (double) missing)
            .put("  of which received it without all " + cards + " cards", (double) incomplete)
            .put("reveal frame, smallest (KB)", bytesMin == Integer.MAX_VALUE ? Double.NaN : bytesMin / 1000.0)
            .put("reveal frame, largest (KB)", bytesMax == 0 ? Double.NaN : bytesMax / 1000.0)
            .put("writing " + cards + " cards, first sent to last acknowledged, median (ms)", Report.median(Report.sorted(toArray(writes))))
            .put("card.create acknowledgement p99 (ms)", percentileMs(created, 99))
            .put("server CPU over the run (% of one core)", (cpu1 - cpu0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
            .put("  of which the JVM (%)", (jvm1 - jvm0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
            .put("load tool CPU (% of one core)", (tool1 - tool0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
        .put("machine CPU (% of one core)", (machine1 - machine0) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
            .put("other processes' CPU (% of one core)",
                ((machine1 - machine0) - (cpu1 - cpu0) - (tool1 - tool0)) * 100.0 / ProcStats.CLOCK_TICKS / elapsed)
            .put("machine load average (1 min), start of the run", load0)
            .put("machine load average (1 min), end of the run", ProcStats.loadAverage());
        run.notes = String.join("; ", problems);
        result.runs.add(run);
        log("reveal", "run " + r + ": reveal p50/p95/p99/max " + Report.format(percentileMs(revealed, 50)) + "/"
            + Report.format(percentileMs(revealed, 95)) + "/" + Report.format(percentileMs(revealed, 99)) + "/"
            + Report.format(revealed.getMaxValue() / 1000.0) + " ms over " + revealed.getTotalCount() + " samples, ack median "
            + Report.format(Report.median(Report.sorted(toArray(acks)))) + " ms, without the whole reveal " + (missing + incomplete)
            + ", other processes' CPU " + Report.format(run.figures.get("other processes' CPU (% of one core)"))
            + "%, load average " + Report.format(load0) + " -> " + Report.format(ProcStats.loadAverage()));
      }
    } finally {
      delete(dataDir);
    }
  }

  /** One session on a fresh board: join, silent writing, 500 cards, reveal; every connection closed at the end. */
  private RoundResult revealRound(ServerProcess server, Stage stage, String tag) {
    String board = stage.boards(tag, 1).get(0);
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    WebSocketClient sockets = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxConnections(1000).setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(4 << 20));
    // Contexts made from this (non-Vert.x) thread are bound to the tool's event loops round robin.
    List<Context> contexts = new ArrayList<>();
    for (int i = 0; i < options.eventLoops(); i++) contexts.add(vertx.getOrCreateContext());
    SessionClient facilitator = new SessionClient(contexts.get(0), "facilitator", board, "reveal" + tag + "f", stage.facilitator, problems);
    List<SessionClient> people = new ArrayList<>();
    for (int i = 0; i < SESSION_PEOPLE; i++) {
      people.add(new SessionClient(contexts.get((i + 1) % contexts.size()), "participant " + i, board, "reveal" + tag + "p" + i,
          stage.participant(i), problems));
    }
    List<SessionClient> everyone = new ArrayList<>(people);
    everyone.add(facilitator);
    try {
      awaitAll(everyone.stream().map(c -> c.open(sockets, server.port, server.baseUrl())).toList(), "joining");
      awaitAll(facilitator.send(Map.of("silent", "{\"kind\":\"board.silent\"}"), null), "board.silent");

      // Silent writing: each person's 10 cards at once.
      Set<String> written = new HashSet<>();
      List<long[]> sentAt = new ArrayList<>();
      List<List<Future<Long>>> acked = new ArrayList<>();
      for (int i = 0; i < people.size(); i++) {
        Map<String, String> ops = new LinkedHashMap<>();
        for (int k = 0; k < SESSION_CARDS_EACH; k++) {
          String card = "p" + i + "n" + k;
          written.add(card);
          int n = i * SESSION_CARDS_EACH + k;
          ops.put("create" + k, new JsonObject().put("kind", "card.create").put("card", card)
              .put("text", BoardSeeder.sentence(n) + " (" + (n + 1) + ")").put("colour", BoardSeeder.colour(n)).putNull("group")
              .put("position", String.format("%04d", n) + "V").encode());
        }
        long[] at = new long[1];
        sentAt.add(at);
        acked.add(people.get(i).send(ops, at));
      }
      List<Long> createAcks = new ArrayList<>();
      long firstSent = Long.MAX_VALUE;
      long lastAck = 0;
      for (int i = 0; i < people.size(); i++) {
        awaitAll(acked.get(i), "card.create");
        for (Future<Long> f : acked.get(i)) {
          createAcks.add((f.result() - sentAt.get(i)[0]) / 1000);
          lastAck = Math.max(lastAck, f.result());
        }
        firstSent = Math.min(firstSent, sentAt.get(i)[0]);
      }
      // Everyone has heard of every card (the others' as hidden events) before the reveal is sent.
      int cards = written.size();
      long quietBy = System.nanoTime() + SESSION_WAIT_NANOS;
      while (facilitator.events() < cards || people.stream().anyMatch(p -> p.events() < cards - SESSION_CARDS_EACH)) {
        if (System.nanoTime() > quietBy) throw new IllegalStateException("the hidden events did not all arrive within 30 s");
        ServerProcess.sleep(5);
      }
      // Presence (how many cards each cannot see) is coalesced over 100 ms: let it go out first.
      ServerProcess.sleep(300);

      long[] revealSent = new long[1];
      List<Future<Long>> revealAck = facilitator.send(Map.of("reveal", "{\"kind\":\"board.reveal\"}"), revealSent);
      long until = System.nanoTime() + SESSION_WAIT_NANOS;
      while (System.nanoTime() < until && (!revealAck.get(0).isComplete() || people.stream().anyMatch(p -> p.revealArrived == 0))) {
        ServerProcess.sleep(2);
      }
      long ack = revealAck.get(0).succeeded() ? (revealAck.get(0).result() - revealSent[0]) / 1000 : Measurements.HIGHEST_MICROS;
      List<Long> micros = new ArrayList<>();
      int missing = 0;
      int incomplete = 0;
      int bytesMin = Integer.MAX_VALUE;
      int bytesMax = 0;
      for (SessionClient p : people) {
        if (p.revealArrived == 0) {
          missing++;
          continue;
        }
        micros.add((p.revealArrived - revealSent[0]) / 1000);
        String frame = p.revealFrame;
        int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
        bytesMin = Math.min(bytesMin, bytes);
        bytesMax = Math.max(bytesMax, bytes);
        Set<String> shown = new HashSet<>();
        new JsonObject(frame).getJsonObject("op").getJsonArray("cards")
            .forEach(c -> shown.add(((JsonObject) c).getString("id")));
        if (!shown.equals(written)) {
          incomplete++;
          if (problems.size() < 20) problems.add(p.name + " was shown " + shown.size() + " of " + cards + " cards");
        }
      }
      long own = facilitator.revealArrived == 0 ? Measurements.HIGHEST_MICROS : (facilitator.revealArrived - revealSent[0]) / 1000;
      return new RoundResult(micros, missing, incomplete, ack, own, bytesMin, bytesMax, (lastAck - firstSent) / 1e6, createAcks,
          List.copyOf(problems));
    } finally {
      for (SessionClient c : everyone) {
        try {
          c.close().await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          // already gone
        }
      }
      try {
        sockets.close().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // already closed
      }
    }
  }

  private static String briefRound(RoundResult rr) {
    double[] v = rr.revealMicros().stream().mapToDouble(us -> us / 1000.0).sorted().toArray();
    return "reveal to " + v.length + " clients median/max " + Report.format(Report.median(v)) + "/"
        + Report.format(v.length == 0 ? Double.NaN : v[v.length - 1]) + " ms, ack " + Report.format(rr.ackMicros() / 1000.0)
        + " ms, frame " + Report.format(rr.frameBytesMax() / 1000.0) + " KB, missing " + rr.missing() + ", incomplete "
        + rr.incomplete() + ", 500 cards written in " + Report.format(rr.writeMillis()) + " ms"
        + (rr.problems().isEmpty() ? "" : " (" + String.join("; ", rr.problems()) + ")");
  }

  private static <T> void awaitAll(List<Future<T>> futures, String what) {
    try {
      Future.all(futures).await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
  }

  private static double percentileMs(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  // ---------------------------------------------------------------- hot path (JMH)

  private void hotPath() {
    Report.Scenario result = new Report.Scenario("hot path (JMH)",
        "`BoardHotPathBenchmark`: the room's work per operation without sockets or database, one JMH fork, "
            + "3 x 1 s warm-up, 5 x 1 s measured; microseconds per operation (score +- 99.9% error).");
    results.add(result);
    try {
      Report.Run run = new Report.Run();
      for (org.openjdk.jmh.results.RunResult r : new org.openjdk.jmh.runner.Runner(new org.openjdk.jmh.runner.options.OptionsBuilder()
          .include("org.circle.load.BoardHotPathBenchmark").shouldFailOnError(true).build()).run()) {
        String name = r.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.') + 1);
        run.put(name + " (us/op)", r.getPrimaryResult().getScore());
        run.put(name + " error (us)", r.getPrimaryResult().getScoreError());
      }
      result.runs.add(run);
    } catch (org.openjdk.jmh.runner.RunnerException e) {
      throw new IllegalStateException("JMH: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- browser board

  /** Board size and load of the browser scenario (issue 10): 500 cards, 100 events a second from others. */
  private static final int BROWSER_GROUPS = 5;
  private static final int BROWSER_SEEDED_CARDS = 450;
  private static final int BROWSER_EDITORS = 50;
  private static final double BROWSER_EDITS_PER_SECOND = 2;

  private void browser() {
    int cards = BROWSER_SEEDED_CARDS + BROWSER_EDITORS;
    Report.Scenario result = new Report.Scenario("browser board",
        "A member watches a board of " + cards + " cards (" + BROWSER_SEEDED_CARDS + " in " + BROWSER_GROUPS + " groups, "
            + BROWSER_EDITORS + " not in a group) in headless Chromium at 1280x900 while " + BROWSER_EDITORS + " other clients edit "
            + "their own card " + Report.format(BROWSER_EDITS_PER_SECOND) + " times a second each ("
            + Report.format(BROWSER_EDITORS * BROWSER_EDITS_PER_SECOND) + " events a second reach the page). Frames and their gaps "
            + "from requestAnimationFrame timestamps in the page during the measured interval; script, style and layout time from the "
            + "DevTools Protocol (`Performance.getMetrics`) from the start of the load until the page has caught up, divided by "
            + "the frames drawn meanwhile.",
        new Report.Target("frames per second", 50, false),
        new Report.Target("frame gap p95 (ms)", 25, true),
        new Report.Target("script and layout per frame (ms)", 8, true));
    results.add(result);
    if (!BrowserWatcher.available()) {
      result.remarks.add("Not measured: Chromium is missing (apt-get install -y chromium chromium-driver).");
      log("browser", "Chromium is missing; scenario skipped");
      return;
    }
    Path dataDir = tempDir("browser");
    try (ServerProcess server = startServer("browser", dataDir, Map.of())) {
      server.awaitHealthy(Duration.ofMinutes(3));
      Stage stage = Stage.prepare(server, 1, 25);
      CircleApi.Session watcher = stage.api.join(stage.facilitator, stage.communities.get(0), "participant", null,
          "Watching Member", "load-watcher@example.org");
      for (int r = 1; r <= options.runs(); r++) {
        String tag = "r" + r;
        String board = stage.boards(tag, 1).get(0);
        BoardSeeder.seed(vertx, server, stage.participant(0), board, BROWSER_GROUPS, BROWSER_SEEDED_CARDS);
        Fleet fleet = new Fleet(vertx, options.eventLoops(), tag);
        for (int j = 0; j < BROWSER_EDITORS; j++) fleet.add(board, stage.participant(j), true);
        fleet.openAll(server.port, server.baseUrl(), 50);
        try (BrowserWatcher page = BrowserWatcher.open(server, watcher, board, cards)) {
          BrowserWatcher.Idle idle = page.idle(5);
          page.loadStarting(options.profile() && r == 1);
          fleet.startSending(BROWSER_EDITS_PER_SECOND, random);
          ServerProcess.sleep(options.warmupSeconds() * 1000L);
          fleet.measurements.reset();
          long machine0 = ProcStats.machineBusyTicks();
          long from = System.currentTimeMillis();
          ServerProcess.sleep(options.measureSeconds() * 1000L);
          long to = System.currentTimeMillis();
          long machine1 = ProcStats.machineBusyTicks();
          Measurements.Interval interval = fleet.measurements.interval();
          fleet.stopSending();
          BrowserWatcher.Frames f = page.loadStopped(from, to);
          page.saveProfile(options.out().resolve("browser.cpuprofile"));
          Report.Run run = new Report.Run()
              .put("frames per second", f.framesPerSecond())
              .put("frame gap p50 (ms)", f.gapP50())
              .put("frame gap p95 (ms)", f.gapP95())
              .put("frame gap max (ms)", f.gapMax())
              .put("script and layout per frame (ms)", f.scriptAndLayoutPerFrame())
              .put("  of which script (ms)", f.scriptPerFrame())
              .put("  of which style and layout (ms)", f.layoutAndStylePerFrame())
              .put("all the page's tasks per frame (ms)", f.tasksPerFrame())
              .put("long tasks (% of the time)", f.longTaskPercent())
              .put("time to catch up once the load stopped (s)", f.catchUpSeconds())
              .put("idle board before the load: style and layout passes a second", idle.layoutsPerSecond())
              .put("idle board before the load: all tasks per frame of the probe alone (ms)", idle.tasksPerFrame())
              .put("edits a second sent by the others", interval.sent() / interval.seconds())
              .put("events a second reaching the page", interval.acked() / interval.seconds())
              .put("page still connected at the end (1 = yes)", page.connected() ? 1 : 0)
              .put("edited cards showing an edit at the end", (double) page.cardsShowingEdits())
              .put("machine busy (% of one core)", (machine1 - machine0) * 100.0 / ProcStats.CLOCK_TICKS / ((to - from) / 1000.0))
              .put("machine load average (1 min)", ProcStats.loadAverage());
          run.notes = fleet.notes();
          result.runs.add(run);
          log("browser", "run " + r + ": " + Report.format(f.framesPerSecond()) + " frames/s, gap p50/p95/max "
              + Report.format(f.gapP50()) + "/" + Report.format(f.gapP95()) + "/" + Report.format(f.gapMax()) + " ms, script+layout "
              + Report.format(f.scriptAndLayoutPerFrame()) + " ms per frame, long tasks " + Report.format(f.longTaskPercent()) + "%, "
              + Report.format(interval.acked() / interval.seconds()) + " events/s, load average " + Report.format(ProcStats.loadAverage()));
        } finally {
          fleet.closeAll();
        }
      }
    } finally {
      delete(dataDir);
    }
  }

  // ---------------------------------------------------------------- helpers

  ServerProcess startServer(String name, Path dataDir, Map<String, String> env) {
    Path log = options.out().resolve("server-" + name + ".log");
    // Set-up creates hundreds of invitations and accounts from one session in seconds; the
    // product's limit on API requests per caller (20 a second) would refuse it. Boards are untouched.
    Map<String, String> withSetUp = new java.util.HashMap<>(env);
    withSetUp.put("CIRCLE_API_REQUESTS_PER_SECOND", "10000");
    withSetUp.put("CIRCLE_API_REQUESTS_BURST", "10000");
    return ServerProcess.start(options.jar(), dataDir, withSetUp, options.serverJvmArgs(), log);
  }

  static String brief(Report.Run run) {
    Map<String, Double> f = run.figures;
    return String.format(Locale.ROOT, "broadcast p50/p99/p99.9 %s/%s/%s ms, ack p50/p99/p99.9 %s/%s/%s ms, %s acked/s, %s delivered/s, server CPU %s%%, tool CPU %s%%, other CPU %s%%, problems %s%s",
        Report.format(f.get("edit-to-broadcast p50 (ms)")), Report.format(f.get("edit-to-broadcast p99 (ms)")),
        Report.format(f.get("edit-to-broadcast p99.9 (ms)")), Report.format(f.get("acknowledgement p50 (ms)")),
        Report.format(f.get("acknowledgement p99 (ms)")), Report.format(f.get("acknowledgement p99.9 (ms)")),
        Report.format(f.get("acknowledged ops/s")), Report.format(f.get("delivered messages/s")),
        Report.format(f.get("server CPU (% of one core)")), Report.format(f.get("load tool CPU (% of one core)")),
        Report.format(f.get("other processes' CPU (% of one core)")), Report.format(f.get("rejected + errors + rate-limited")), run.notes.isBlank() ? "" : " (" + run.notes + ")");
  }

  private String report() {
    StringBuilder out = new StringBuilder("## Load tool results, " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)) + "\n\n");
    out.append("Settings: ").append(options.runs()).append(" runs per scenario, ").append(options.warmupSeconds()).append(" s warm-up, ")
        .append(options.measureSeconds()).append(" s measured, ").append(options.eventLoops()).append(" tool event loop(s).\n\n");
    out.append(Report.summary(results)).append("\n");
    for (Report.Scenario s : results) out.append(s.markdown()).append("\n");
    return out.toString();
  }

  static Path tempDir(String name) {
    try {
      return Files.createTempDirectory("circle-load-" + name + "-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // left for the OS to clean up
    }
  }

  static void log(String scenario, String message) {
    System.out.println(DateTimeFormatter.ISO_LOCAL_TIME.format(Instant.now().atZone(ZoneOffset.UTC).toLocalTime().withNano(0))
        + " [" + scenario + "] " + message);
  }
}
