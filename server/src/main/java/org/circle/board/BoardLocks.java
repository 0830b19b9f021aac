package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which boards this shard may write, in a cluster: a PostgreSQL session advisory lock per board,
 * held on one dedicated connection (never a pooled one, whose session outlives what it did). A
 * node that dies loses its connection, and PostgreSQL frees its locks at once; a shard whose
 * connection breaks is told ({@code lost}), closes every room it holds and takes its locks again
 * only as boards are asked for. Confined to the shard's context.
 */
final class BoardLocks {
  private static final Logger log = LoggerFactory.getLogger(BoardLocks.class);
  /** Between attempts to connect again after the lock connection broke. */
  private static final long RECONNECT_MS = 1_000;
  static final String APPLICATION_NAME = "circle-board-locks";
  private static final String TRY = "SELECT pg_try_advisory_lock($1)";
  private static final String UNLOCK = "SELECT pg_advisory_unlock($1)";

  private final Vertx vertx;
  private final PgConnectOptions options;
  private final Runnable lost;
  private final Set<UUID> held = new HashSet<>();
  private PgConnection connection;
  private boolean closing;

  BoardLocks(Vertx vertx, PgConnectOptions options, Runnable lost) {
    this.vertx = vertx;
    // Named, so an operator sees in pg_stat_activity which connection holds the board locks.
    this.options = new PgConnectOptions(options).setPipeliningLimit(256).addProperty("application_name", APPLICATION_NAME)
        // A node that vanishes without closing its socket (power lost, cable cut) would keep its
        // locks for the system's two hours of TCP silence: PostgreSQL probes this idle session
        // after 2 s of silence and drops it after 2 unanswered probes a second apart, about the
        // time the cluster takes such a node for dead (ClusterNode).
        .addProperty("tcp_keepalives_idle", "2")
        .addProperty("tcp_keepalives_interval", "1")
        .addProperty("tcp_keepalives_count", "2");
    this.lost = lost;
  }

  Future<Void> connect() {
    return PgConnection.connect(vertx, options).onSuccess(c -> {
      connection = c;
      c.closeHandler(v -> broken(c));
    }).mapEmpty();
  }

  /** The lock's key: the board id folded to 64 bits (its random bits spread over both halves). */
  static long key(UUID board) {
    return board.getMostSignificantBits() ^ board.getLeastSignificantBits();
  }

  /** True when this shard holds the board's lock now (it may already have held it). */
  Future<Boolean> claim(UUID board) {
    if (held.contains(board)) return Future.succeededFuture(true);
    PgConnection c = connection;
    if (c == null) return Future.succeededFuture(false);
    return c.preparedQuery(TRY).execute(Tuple.of(key(board))).map(rows -> {
      boolean got = rows.iterator().next().getBoolean(0);
      // The connection may have broken meanwhile: a lock on a closed session is no lock.
      if (got && connection == c) held.add(board);
      return got && connection == c;
    });
  }

  boolean holds(UUID board) {
    return held.contains(board);
  }

  void release(UUID board) {
    if (!held.remove(board) || connection == null) return;
    connection.preparedQuery(UNLOCK).execute(Tuple.of(key(board)))
        .onFailure(err -> log.warn("The lock of board {} could not be released: {}", board, BoardRoom.describe(err)));
  }

  private void broken(PgConnection c) {
    if (connection != c) return;
    connection = null;
    held.clear();
    if (closing) return;
    log.warn("The connection holding this node's board locks closed; its rooms close and clients resume");
    lost.run();
    reconnect();
  }

  private void reconnect() {
    vertx.setTimer(RECONNECT_MS, t -> {
      if (closing) return;
      connect().onFailure(err -> {
        log.warn("The board lock connection could not be opened again ({}); trying again", BoardRoom.describe(err));
        reconnect();
      });
    });
  }

  Future<Void> close() {
    closing = true;
    held.clear();
    PgConnection c = connection;
    connection = null;
    return c == null ? Future.succeededFuture() : c.close();
  }
}
