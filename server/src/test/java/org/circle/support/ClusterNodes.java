package org.circle.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.circle.config.DatabaseSettings;

/**
 * Several server processes on one PostgreSQL in cluster mode, as an operator runs them: each a
 * child JVM ({@link ChildServer}) on loopback, its HTTP port chosen by the system, its cluster port
 * a free one the system handed out, every node naming all the others. Started together.
 */
public final class ClusterNodes implements AutoCloseable {
  private final DatabaseSettings db;
  private final Map<String, String> extra;
  private final int[] clusterPorts;
  private final ChildServer[] nodes;

  private ClusterNodes(DatabaseSettings db, int count, Map<String, String> extra) {
    this.db = db;
    this.extra = extra;
    this.clusterPorts = new int[count];
    for (int i = 0; i < count; i++) clusterPorts[i] = freePort();
    this.nodes = new ChildServer[count];
  }

  /** {@code count} nodes started at once; {@code extra} is added to each node's environment. */
  public static ClusterNodes start(DatabaseSettings db, int count, Map<String, String> extra) {
    ClusterNodes cluster = new ClusterNodes(db, count, extra);
    try {
      cluster.startAll();
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, String> environment(int node) {
    Map<String, String> env = new java.util.HashMap<>(extra);
    env.put("DATABASE_URL", TestDatabases.url(db));
    env.put("CIRCLE_CLUSTER", "true");
    env.put("CIRCLE_CLUSTER_HOST", "127.0.0.1");
    env.put("CIRCLE_CLUSTER_PORT", String.valueOf(clusterPorts[node]));
    env.put("CIRCLE_CLUSTER_MEMBERS", java.util.Arrays.stream(clusterPorts).mapToObj(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(",")));
    return env;
  }

  /** Starts every node that is not running, all at once, and waits until each says it is running. */
  public void startAll() {
    List<CompletableFuture<Void>> starting = new ArrayList<>();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null && nodes[i].process().isAlive()) continue;
      int node = i;
      starting.add(CompletableFuture.runAsync(() -> nodes[node] = ChildServer.start(environment(node))));
    }
    try {
      CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }

  public ChildServer node(int i) {
    return nodes[i];
  }

  public int port(int i) {
    return nodes[i].port();
  }

  public int size() {
    return nodes.length;
  }

  /** kill -9 of one node. */
  public void killNine(int i) {
    nodes[i].killNine();
  }

  public boolean alive(int i) {
    return nodes[i] != null && nodes[i].process().isAlive();
  }

  /** What each node printed, for a failing test's report. */
  public String output() {
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < nodes.length; i++) {
      if (nodes[i] != null) all.append("---- node ").append(i).append(" ----\n").append(nodes[i].output()).append('\n');
    }
    return all.toString();
  }

  @Override
  public void close() {
    List<CompletableFuture<Void>> stopping = new ArrayList<>();
    for (ChildServer node : nodes) {
      if (node != null) stopping.add(CompletableFuture.runAsync(node::close));
    }
    CompletableFuture.allOf(stopping.toArray(CompletableFuture[]::new)).join();
  }
}
