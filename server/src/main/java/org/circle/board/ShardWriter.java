package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one writer of a shard's rooms, confined to the shard's context. A room hands it one batch at
 * a time; batches that arrive while a write is in flight wait and go together in the next write:
 * one statement and one transaction for every board of the shard (group commit across boards).
 * With many quiet boards each batch holds one or two operations, and a transaction per board cost
 * PostgreSQL more than everything else the server did (docs/benchmarks.md).
 *
 * <p>If a combined write fails, each of its batches is tried again on its own, so one board whose
 * batch cannot be written (say it was deleted meanwhile) fails alone and the others go on.
 */
public final class ShardWriter {
  /** How a room writes its batches: completes once they are durable. */
  @FunctionalInterface
  public interface Writer {
    Future<Void> write(UUID boardId, List<BoardEvent> events, Optional<JsonObject> snapshotAfter);
  }

  private record Request(BoardLog.Batch batch, Promise<Void> done) {}

  private final BoardLog boardLog;
  private List<Request> waiting = new ArrayList<>();
  private boolean writing;

  public ShardWriter(BoardLog boardLog) {
    this.boardLog = boardLog;
  }

  public Future<Void> write(UUID boardId, List<BoardEvent> events, Optional<JsonObject> snapshotAfter) {
    Promise<Void> done = Promise.promise();
    waiting.add(new Request(new BoardLog.Batch(boardId, events, snapshotAfter), done));
    if (!writing) next();
    return done.future();
  }

  private void next() {
    if (waiting.isEmpty()) return;
    List<Request> requests = waiting;
    waiting = new ArrayList<>();
    writing = true;
    boardLog.appendAll(requests.stream().map(Request::batch).toList())
        .recover(err -> requests.size() == 1 ? Future.failedFuture(err) : eachAlone(requests))
        .onComplete(ar -> {
          // Rooms hand over their next batch while being told this one is durable: still writing,
          // so those batches wait and go together in the next write.
          if (ar.succeeded()) requests.forEach(r -> r.done.tryComplete());
          else requests.forEach(r -> r.done.tryFail(ar.cause()));
          writing = false;
          next();
        });
  }

  /** After a combined write failed: each batch on its own; each request completes with its own outcome. */
  private Future<Void> eachAlone(List<Request> requests) {
    List<Future<Void>> writes = new ArrayList<>();
    for (Request r : requests) {
      writes.add(boardLog.appendAll(List.of(r.batch())).andThen(ar -> {
        if (ar.failed()) r.done.tryFail(ar.cause());
      }));
    }
    return Future.join(writes).otherwiseEmpty().mapEmpty();
  }
}
