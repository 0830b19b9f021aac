package org.circle.board;

import io.vertx.core.Vertx;

/**
 * What a room uses of the shard that owns it, all confined to the shard's context: the log it
 * reads from, the writer its batches go through, the outbox its frames go through, its bounds and
 * the node's room metrics.
 */
public record Shard(BoardLog log, ShardWriter writer, Outbox outbox, RoomLimits limits, RoomMetrics metrics) {
  /** A shard's parts around one log, with the default bounds and metrics that go nowhere. */
  public static Shard over(Vertx vertx, BoardLog log) {
    return over(vertx, log, RoomLimits.DEFAULT, RoomMetrics.none());
  }

  public static Shard over(Vertx vertx, BoardLog log, RoomLimits limits, RoomMetrics metrics) {
    return new Shard(log, new ShardWriter(log, vertx, System::nanoTime, limits), new Outbox(), limits, metrics);
  }
}
