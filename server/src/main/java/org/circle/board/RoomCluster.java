package org.circle.board;

import io.vertx.pgclient.PgConnectOptions;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This node's place in a cluster, as the board rooms see it: its id on the clustered event bus,
 * which nodes are alive (told by the cluster manager's membership), and where the board locks are
 * taken. Shared by the node's shards; thread-safe.
 */
public final class RoomCluster {
  private final String nodeId;
  private final PgConnectOptions lockDatabase;
  private final Set<String> alive = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> leftListeners = new CopyOnWriteArrayList<>();

  public RoomCluster(String nodeId, Collection<String> members, PgConnectOptions lockDatabase) {
    this.nodeId = nodeId;
    this.lockDatabase = lockDatabase;
    alive.addAll(members);
    alive.add(nodeId);
  }

  public String nodeId() {
    return nodeId;
  }

  PgConnectOptions lockDatabase() {
    return lockDatabase;
  }

  /** Where a board's owner listens, on whichever node holds its lock. */
  static String roomAddress(UUID board) {
    return "circle.board.room." + board;
  }

  /** Where a node's shard hears the frames for the members whose joins it forwarded. */
  static String framesAddress(String node, int shard) {
    return "circle.board.frames." + node + "." + shard;
  }

  boolean alive(String node) {
    return alive.contains(node);
  }

  public void joined(String node) {
    alive.add(node);
  }

  /** A node left the cluster (it stopped, or stopped answering): its members and its rooms are gone. */
  public void left(String node) {
    if (alive.remove(node)) leftListeners.forEach(l -> l.accept(node));
  }

  void onLeft(Consumer<String> listener) {
    leftListeners.add(listener);
  }
}
