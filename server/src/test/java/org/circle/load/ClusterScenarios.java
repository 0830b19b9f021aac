package org.circle.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.circle.config.DatabaseSettings;
import org.circle.db.EmbeddedDatabase;
import org.circle.load.LoadTool.Shape;

/**
 * The scenarios of issue 15: the busy node and the big board on one node and on two nodes in
 * cluster mode, on one PostgreSQL 17 the tool starts (fsync on). Client {@code j} of board
 * {@code b} connects to node {@code (j + b) mod 2}, so half of every board's people are on the
 * node that does not own it and the boards' owners are shared between the nodes (each board
 * opens on the node of its first client).
 *
 * <ul>
 *   <li>{@code cluster}: latency at the scenarios' rates (times {@code --cluster-rate}).
 *   <li>{@code scaleout}: capacity. Each node is capped at {@code --node-cpus} of CPU time (a
 *       control group), so the nodes, not PostgreSQL or the tool, are the limit; the per-client
 *       rate is raised until acknowledgement p99 passes the knee, on one node and on two.
 * </ul>
 */
final class ClusterScenarios {
  /** The product's per-connection limit would refuse a ramp's higher steps; only these scenarios lift it. */
  private static final Map<String, String> LIFTED_LIMITS = Map.of("CIRCLE_WS_OPS_PER_SECOND", "1000", "CIRCLE_WS_OPS_BURST", "2000");
  private static final Shape BUSY = new Shape(20, 30, 1, 20, 30);
  private static final Shape BIG = new Shape(1, 200, 1, 1, 40);
  private static final String BUSY_TEXT = "20 boards x 30 clients (600 clients), each board in its own community";
  private static final String BIG_TEXT = "200 clients on one board";

  private final LoadTool tool;
  private final LoadTool.Options options;

  ClusterScenarios(LoadTool tool) {
    this.tool = tool;
    this.options = tool.options;
  }

  // ---------------------------------------------------------------- latency

  void latency() {
    double rate = options.clusterRate();
    String perClient = " x " + Report.format(rate) + " op/s.";
    latency("busy node", BUSY_TEXT + perClient, new Shape(20, 30, rate, 20, 30));
    latency("big board", BIG_TEXT + perClient, new Shape(1, 200, rate, 1, 40));
  }

  /** Runs alternate, one node then two, on fresh boards and freshly started nodes. */
  private void latency(String name, String description, Shape shape) {
    Report.Scenario oneNode = new Report.Scenario(name + ", one node on external PostgreSQL",
        description + " One node (cluster mode off) on a PostgreSQL the tool starts; runs alternate with the two-node runs below.");
    Report.Scenario twoNodes = new Report.Scenario(name + ", two nodes",
        description + " Two nodes in cluster mode on the same PostgreSQL, client j of board b on node (j + b) mod 2. "
            + "Server CPU and memory are the first node's; the second node's JVM CPU is shown beside them.");
    tool.results.add(oneNode);
    tool.results.add(twoNodes);
    try (Database db = new Database(name, shape, 0)) {
      for (int r = 1; r <= 2 * options.runs(); r++) {
        boolean two = r % 2 == 0;
        String tag = "r" + r;
        db.withNodes(two ? 2 : 1, tag, Map.of(), (nodes, stage) -> {
          Fleet fleet = db.fleet(nodes, stage, shape, tag);
          try {
            Report.Run run = tool.measure(nodes.get(0), nodes.subList(1, nodes.size()), fleet, shape.rate(),
                options.warmupSeconds(), options.measureSeconds(), null);
            (two ? twoNodes : oneNode).runs.add(run);
            LoadTool.log(name, tag + " (" + (two ? "two nodes" : "one node") + "): " + LoadTool.brief(run));
          } finally {
            fleet.closeAll();
          }
        });
      }
    }
  }

  // ---------------------------------------------------------------- capacity

  void capacity() {
    if (options.scaleShapes().contains("busy")) capacity("busy node", BUSY_TEXT + ".", BUSY);
    if (options.scaleShapes().contains("big")) capacity("big board", BIG_TEXT + ".", BIG);
  }

  /**
   * For one node and then two: a ramp finds the highest per-client rate whose acknowledgement p99
   * stays at or under the knee, then the runs measure that rate for the full time. Each run of
   * the result pairs the one-node run with the two-node run of the same number.
   */
  private void capacity(String name, String description, Shape shape) {
    double cores = options.nodeCpus();
    String capped = cores > 0 ? "each node capped at " + Report.format(cores) + " of a core (a CPU control group)" : "nodes not capped";
    Report.Scenario result = new Report.Scenario(name + ": capacity of one node and of two",
        description + " Per-client rate raised until acknowledgement p99 passes " + Report.format(options.kneeMillis())
            + " ms (or fewer than 95% of offered operations are acknowledged), on one node and on two nodes in cluster mode ("
            + capped + ", client j of board b on node (j + b) mod 2, one PostgreSQL the tool starts); then "
            + options.runs() + " runs of each at its last rate before the knee.",
        new Report.Target("two nodes / one node, acknowledged ops/s (x)", 1.6, false),
        new Report.Target("one node: acknowledgement p99 (ms)", options.kneeMillis(), true),
        new Report.Target("two nodes: acknowledgement p99 (ms)", options.kneeMillis(), true));
    tool.results.add(result);
    List<List<Report.Run>> runs = List.of(new ArrayList<>(), new ArrayList<>());
    try (Database db = new Database(name, shape, cores)) {
      for (int count = 1; count <= 2; count++) {
        List<Report.Run> mine = runs.get(count - 1);
        String label = count == 1 ? "one node" : "two nodes";
        db.withNodes(count, "n" + count, LIFTED_LIMITS, (nodes, stage) -> {
          Ramp ramp = new Ramp(name + ", " + label, nodes, db.quotas);
          Fleet fleet = db.fleet(nodes, stage, shape, label.replace(' ', '-') + "-ramp");
          double good;
          try {
            // Freshly started nodes compile as they go: a first step on a cold JVM would set the knee too low.
            tool.measure(nodes.get(0), fleet, options.scaleStart() / 2, options.warmupSeconds(), options.warmupSeconds(), null);
            good = ramp.find(rate -> tool.measure(nodes.get(0), nodes.subList(1, nodes.size()), fleet, rate,
                options.rampWarmupSeconds(), options.rampMeasureSeconds(), null));
          } finally {
            fleet.closeAll();
          }
          result.remarks.add(ramp.table());
          if (Double.isNaN(good)) throw new IllegalStateException(label + ": even the slowest step was past the knee");
          for (int r = 1; r <= options.runs(); r++) {
            Fleet runFleet = db.fleet(nodes, stage, shape, label.replace(' ', '-') + "-r" + r);
            try {
              Report.Run run = tool.measure(nodes.get(0), nodes.subList(1, nodes.size()), runFleet, good,
                  options.warmupSeconds(), options.measureSeconds(), null);
              run.put("ops/s per client", good);
              mine.add(run);
              LoadTool.log(name, label + " at " + Report.format(good) + " op/s per client, run " + r + ": " + LoadTool.brief(run));
            } finally {
              runFleet.closeAll();
            }
          }
        });
      }
    }
    for (int r = 0; r < Math.min(runs.get(0).size(), runs.get(1).size()); r++) {
      Report.Run one = runs.get(0).get(r);
      Report.Run two = runs.get(1).get(r);
      Report.Run pair = new Report.Run()
          .put("two nodes / one node, acknowledged ops/s (x)", two.figures.get("acknowledged ops/s") / one.figures.get("acknowledged ops/s"));
      for (String figure : List.of("ops/s per client", "acknowledged ops/s", "acknowledgement p50 (ms)", "acknowledgement p99 (ms)",
          "edit-to-broadcast p99 (ms)", "server CPU (% of one core)", "node 2 JVM CPU (% of one core)", "machine CPU (% of one core)",
          "load tool CPU (% of one core)", "rejected + errors + rate-limited", "never acknowledged")) {
        if (one.figures.containsKey(figure)) pair.put("one node: " + figure, one.figures.get(figure));
        if (two.figures.containsKey(figure)) pair.put("two nodes: " + figure, two.figures.get(figure));
      }
      pair.notes = String.join("; ", List.of(one.notes, two.notes).stream().filter(n -> !n.isBlank()).toList());
      result.runs.add(pair);
    }
  }

  /** Steps of a ramp, each a measured interval at one per-client rate, and the table they make. */
  private final class Ramp {
    private final String name;
    private final List<ServerProcess> nodes;
    private final Map<ServerProcess, CpuQuota> quotas;
    private final StringBuilder table;

    Ramp(String name, List<ServerProcess> nodes, Map<ServerProcess, CpuQuota> quotas) {
      this.name = name;
      this.nodes = nodes;
      this.quotas = quotas;
      this.table = new StringBuilder("Ramp, " + name + " (" + options.rampWarmupSeconds() + " s warm-up + " + options.rampMeasureSeconds()
          + " s per step):\n\n| ops/s per client | offered ops/s | acknowledged ops/s | ack p50 (ms) | ack p99 (ms) | broadcast p99 (ms) "
          + "| node CPU % | nodes throttled (ms/s) | machine CPU % | tool CPU % | rejected |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    }

    /**
     * Brackets the knee (the rate times 1.5 while under it, divided by 1.5 while over it), then
     * narrows it with three geometric midpoints, to about 5 %. Returns the highest rate found
     * under the knee, or NaN.
     */
    double find(java.util.function.DoubleFunction<Report.Run> measure) {
      double good = Double.NaN;
      double bad = Double.NaN;
      double rate = options.scaleStart();
      while ((Double.isNaN(good) || Double.isNaN(bad)) && rate > 0.001 && rate < 1000) {
        boolean under = step(rate, measure);
        if (under) good = Math.max(Double.isNaN(good) ? 0 : good, rate);
        else bad = rate;
        rate = under ? rate * 1.5 : rate / 1.5;
      }
      for (int i = 0; i < 3 && !Double.isNaN(good) && !Double.isNaN(bad); i++) {
        double middle = Math.sqrt(good * bad);
        if (step(middle, measure)) good = middle;
        else bad = middle;
      }
      table.append("\nLast rate before the knee: ").append(Double.isNaN(good) ? "none" : Report.format(good)).append(" op/s per client.\n");
      return good;
    }

    private boolean step(double rate, java.util.function.DoubleFunction<Report.Run> measure) {
      double[] throttled0 = throttledMillis();
      long t0 = System.nanoTime();
      Report.Run step = measure.apply(rate);
      double seconds = (System.nanoTime() - t0) / 1e9;
      double[] throttled1 = throttledMillis();
      Map<String, Double> f = step.figures;
      double offered = f.get("offered ops/s");
      double acked = f.get("acknowledged ops/s");
      double p99 = f.get("acknowledgement p99 (ms)");
      StringBuilder cpu = new StringBuilder(Report.format(f.get("server CPU (% of one core)")));
      if (f.containsKey("node 2 JVM CPU (% of one core)")) cpu.append(" + ").append(Report.format(f.get("node 2 JVM CPU (% of one core)")));
      StringBuilder throttled = new StringBuilder();
      for (int n = 0; n < throttled0.length; n++) {
        throttled.append(n == 0 ? "" : " + ").append(Report.format((throttled1[n] - throttled0[n]) / seconds));
      }
      table.append("| ").append(Report.format(rate)).append(" | ").append(Report.format(offered)).append(" | ").append(Report.format(acked))
          .append(" | ").append(Report.format(f.get("acknowledgement p50 (ms)"))).append(" | ").append(Report.format(p99))
          .append(" | ").append(Report.format(f.get("edit-to-broadcast p99 (ms)"))).append(" | ").append(cpu)
          .append(" | ").append(throttled.length() == 0 ? "-" : throttled).append(" | ")
          .append(Report.format(f.get("machine CPU (% of one core)"))).append(" | ").append(Report.format(f.get("load tool CPU (% of one core)")))
          .append(" | ").append(Report.format(f.get("rejected + errors + rate-limited"))).append(" |\n");
      LoadTool.log(name, "ramp " + Report.format(rate) + " op/s per client: " + LoadTool.brief(step));
      return p99 <= options.kneeMillis() && acked >= 0.95 * offered;
    }

    String table() {
      return table.toString();
    }

    private double[] throttledMillis() {
      return nodes.stream().filter(quotas::containsKey).mapToDouble(node -> quotas.get(node).throttledMillis()).toArray();
    }
  }

  // ---------------------------------------------------------------- nodes on one database

  /** A PostgreSQL the tool starts, nodes started on it (capped at {@code cores} each when positive), and the stage they share. */
  private final class Database implements AutoCloseable {
    private final Path dataDir;
    private final EmbeddedDatabase db;
    private final String url;
    private final double cores;
    private final String tag;
    private final Shape shape;
    final Map<ServerProcess, CpuQuota> quotas = new HashMap<>();
    private Stage stage;

    Database(String name, Shape shape, double cores) {
      this.tag = name.replace(' ', '-');
      this.shape = shape;
      this.cores = cores;
      this.dataDir = LoadTool.tempDir(tag + "-db");
      this.db = EmbeddedDatabase.start(dataDir);
      DatabaseSettings s = db.settings();
      this.url = "postgresql://" + s.user() + "@" + s.host() + ":" + s.port() + "/" + s.database();
    }

    /** Starts {@code count} nodes (cluster mode when more than one), runs {@code work}, and stops them. */
    void withNodes(int count, String runTag, Map<String, String> extraEnv, BiConsumer<List<ServerProcess>, Stage> work) {
      List<ServerProcess> nodes = new ArrayList<>();
      try {
        int[] clusterPorts = java.util.stream.IntStream.range(0, count).map(n -> ServerProcess.freePort()).toArray();
        String members = java.util.Arrays.stream(clusterPorts).mapToObj(port -> "127.0.0.1:" + port)
            .collect(java.util.stream.Collectors.joining(","));
        for (int n = 0; n < count; n++) {
          Map<String, String> env = new HashMap<>(extraEnv);
          env.put("DATABASE_URL", url);
          if (count > 1) {
            env.putAll(Map.of("CIRCLE_CLUSTER", "true", "CIRCLE_CLUSTER_HOST", "127.0.0.1",
                "CIRCLE_CLUSTER_PORT", Integer.toString(clusterPorts[n]), "CIRCLE_CLUSTER_MEMBERS", members));
          }
          String nodeName = tag + "-node" + (n + 1) + "-" + runTag;
          ServerProcess node = tool.startServer(nodeName, dataDir, env);
          nodes.add(node);
          if (cores > 0) quotas.put(node, CpuQuota.cap(nodeName, cores, node.pid()));
        }
        for (ServerProcess node : nodes) node.awaitHealthy(Duration.ofMinutes(3));
        stage = stage == null ? Stage.prepare(nodes.get(0), shape.communities(), Math.min(shape.accounts(), shape.clientsPerBoard())) : stage.on(nodes.get(0));
        work.accept(nodes, stage);
      } finally {
        for (ServerProcess node : nodes) {
          node.close();
          CpuQuota quota = quotas.remove(node);
          if (quota != null) quota.close();
        }
      }
    }

    /** Fresh boards, client j of board b on node (j + b) mod the number of nodes, all joined. */
    Fleet fleet(List<ServerProcess> nodes, Stage stage, Shape shape, String fleetTag) {
      List<String> boards = stage.boards(fleetTag, shape.boards());
      Fleet fleet = new Fleet(tool.vertx, options.eventLoops(), fleetTag);
      for (int j = 0; j < shape.clientsPerBoard(); j++) {
        for (String board : boards) fleet.add(board, stage.participant(j), true);
      }
      int[] ports = nodes.stream().mapToInt(node -> node.port).toArray();
      // The first client of every board joins before the others, so each board opens on its first client's node;
      // all at once, the node that answers faster would take most boards.
      fleet.openAll(i -> ports[(i / boards.size() + i % boards.size()) % ports.length], boards.size() > 1 ? boards.size() : 50);
      return fleet;
    }

    @Override
    public void close() {
      try {
        db.close();
      } finally {
        LoadTool.delete(dataDir);
      }
    }
  }
}
