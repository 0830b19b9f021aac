package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The one writer of a shard's rooms, confined to the shard's context. A room hands it one batch at
 * a time; batches that arrive while a write is in flight wait and go together in the next write:
 * one statement and one transaction for every board of the shard (group commit across boards).
 * With many quiet boards each batch holds one or two operations, and a transaction per board cost
 * PostgreSQL more than everything else the server did (docs/benchmarks.md).
 *
 * <p>A busy shard paces its writes: while batches arrive more often than every
 * {@link #BUSY_GAP_NANOS} on average, a write starts at most every {@link #PACE_MS} unless
 * {@link #FULL_WRITE} events are waiting. PostgreSQL commits in well under a millisecond here, so
 * unpaced writes carried 1.3 boards each and the server paid for a transaction per operation or
 * two; a busy shard that wrote a moment ago now waits that moment and writes what gathered
 * meanwhile. A shard with fewer batches (a class board, a handful of busy boards) writes at once,
 * so its latency does not change.
 *
 * <p>If a combined write fails, each of its batches is tried again on its own, so one board whose
 * batch cannot be written (say it was deleted meanwhile) fails alone and the others go on.
 *
 * <p>Bounded ({@link RoomLimits}): a write that PostgreSQL does not answer within
 * {@code writeTimeoutMs} fails its batches (their rooms restart and reload what is durable), and
 * until PostgreSQL answers it the shard refuses new batches at once instead of holding them; a
 * batch that would make more than {@code maxWaitingEvents} wait is refused too.
 */
public final class ShardWriter {
  /** The shortest time between the starts of two writes of a shard, unless a full write is waiting. */
  static final long PACE_MS = 2;
  /** Events that make a write worth starting without waiting for the pace. */
  static final int FULL_WRITE = 32;
  /** Batches arriving closer together than this on average make the shard busy: it paces. */
  static final long BUSY_GAP_NANOS = 1_000_000;
  private static final long QUIET_GAP_NANOS = 1_000_000_000;

  private record Request(BoardLog.Batch batch, Promise<Void> done) {}

  private final BoardLog boardLog;
  private final Vertx vertx;
  private final LongSupplier nanoClock;
  private final RoomLimits limits;
  private List<Request> waiting = new ArrayList<>();
  private int waitingEvents;
  private boolean writing;
  private boolean paused;
  /** A write timed out and PostgreSQL has not answered it yet. */
  private boolean stalled;
  private long lastStart = Long.MIN_VALUE / 2;
  private long lastArrival = Long.MIN_VALUE / 2;
  /** Moving average of the time between arriving batches (gaps count as at most a second); starts quiet. */
  private long averageGap = QUIET_GAP_NANOS;

  public ShardWriter(BoardLog boardLog, Vertx vertx, LongSupplier nanoClock) {
    this(boardLog, vertx, nanoClock, RoomLimits.DEFAULT);
  }

  public ShardWriter(BoardLog boardLog, Vertx vertx, LongSupplier nanoClock, RoomLimits limits) {
    this.boardLog = boardLog;
    this.vertx = vertx;
    this.nanoClock = nanoClock;
    this.limits = limits;
  }

  /** The writer would not take a batch, or gave up waiting for PostgreSQL; the batch may or may not be durable. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message, null, false, false);
    }
  }

  /** Hands over one room's batch; completes once it is durable. */
  public Future<Void> write(UUID boardId, List<BoardEvent> events, Optional<JsonObject> snapshotAfter) {
    if (stalled) return Future.failedFuture(new Unavailable("the database has not answered the last write"));
    if (waitingEvents + events.size() > limits.maxWaitingEvents()) {
      return Future.failedFuture(new Unavailable("more than " + limits.maxWaitingEvents() + " events wait to be written"));
    }
    Promise<Void> done = Promise.promise();
    waiting.add(new Request(new BoardLog.Batch(boardId, events, snapshotAfter), done));
    waitingEvents += events.size();
    long now = nanoClock.getAsLong();
    averageGap += (Math.min(now - lastArrival, QUIET_GAP_NANOS) - averageGap) / 16;
    lastArrival = now;
    next();
    return done.future();
  }

  private void next() {
    if (waiting.isEmpty() || writing) return;
    long sinceLast = nanoClock.getAsLong() - lastStart;
    long paceNanos = PACE_MS * 1_000_000;
    boolean busy = averageGap < BUSY_GAP_NANOS;
    if (!busy || waitingEvents >= FULL_WRITE || sinceLast >= paceNanos) {
      start();
    } else if (!paused) {
      paused = true;
      vertx.setTimer(Math.max(1, (paceNanos - sinceLast) / 1_000_000), t -> {
        paused = false;
        if (!waiting.isEmpty() && !writing) start();
      });
    }
  }

  private void start() {
    List<Request> requests = waiting;
    waiting = new ArrayList<>();
    waitingEvents = 0;
    writing = true;
    lastStart = nanoClock.getAsLong();
    long timer = vertx.setTimer(limits.writeTimeoutMs(), t -> {
      stalled = true;
      Unavailable err = new Unavailable("the database did not answer a write within " + limits.writeTimeoutMs() + " ms");
      requests.forEach(r -> r.done.tryFail(err));
      waiting.forEach(r -> r.done.tryFail(err));
      waiting = new ArrayList<>();
      waitingEvents = 0;
    });
    boardLog.appendAll(requests.stream().map(Request::batch).toList())
        .recover(err -> requests.size() == 1 ? Future.failedFuture(err) : eachAlone(requests))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          stalled = false;
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
