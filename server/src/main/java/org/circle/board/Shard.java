package org.circle.board;

import io.vertx.core.Vertx;

/**
 * What a room uses of the shard that owns it, all confined to the shard's context: the log it
 * reads from, the writer its batches go through, the outbox its frames go through.
 */
public record Shard(BoardLog log, ShardWriter writer, Outbox outbox) {
  /** A shard's parts around one log. */
  public static Shard over(Vertx vertx, BoardLog log) {
    return new Shard(log, new ShardWriter(log, vertx, System::nanoTime), new Outbox());
  }
}
