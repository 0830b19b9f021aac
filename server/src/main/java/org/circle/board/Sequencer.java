package org.circle.board;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;

/**
 * Sequencing and durable commit for one room. An operation is checked against the {@code working}
 * state (committed plus not yet durable), gets the next sequence number and waits in the queue.
 * One batch at a time goes to the shard's writer; whatever arrives meanwhile forms the next batch
 * (group commit). Nobody learns a sequence number before it is durable, so when PostgreSQL refuses
 * what an operation holds, the queue is sequenced again from the committed state: the operations
 * of the failed batch are written one by one until the one that cannot be stored is found and
 * rejected alone, and the board goes on without a gap. Any other failure may or may not have
 * committed, so the room must restart and reload the truth ({@link Outcome#failed}).
 */
final class Sequencer {
  /**
   * The most events one batch carries. Whatever waits beyond goes in the next: one broadcast of
   * thousands of events at once would overflow even an attentive reader's send queue.
   */
  static final int MAX_BATCH = 256;
  /** A snapshot is written with the batch that crosses each multiple of this, bounding replay on load. */
  static final int SNAPSHOT_EVERY = 500;
  /** Shuffles the cards of a reveal: nobody may predict (or later infer) the order of writing from it. */
  private static final java.security.SecureRandom SHUFFLE = new java.security.SecureRandom();

  /** What becomes of each operation; called on the room's context. */
  interface Outcome {
    void durable(PendingOperation p);

    void refused(PendingOperation p, Rejection reason);

    /** A write failed in a way that may or may not have committed: the room must reload. */
    void failed(Throwable err);
  }

  private final BoardInfo info;
  private final ShardWriter writer;
  private final RoomMetrics metrics;
  private final LongSupplier nanoClock;
  private final int maxQueued;
  private Outcome outcome;

  private final BoardState committed;
  private BoardState working;
  private long committedSeq;
  private long workingSeq;
  private List<PendingOperation> queue = new ArrayList<>();
  private List<PendingOperation> committing;
  private final Map<AppliedOperations.OpKey, PendingOperation> inFlight = new HashMap<>();
  /** Batches still to be written one operation at a time, after a batch whose content was refused. */
  private int isolating;
  private boolean stopped;

  Sequencer(BoardInfo info, BoardLog.Loaded loaded, ShardWriter writer, RoomMetrics metrics, int maxQueued, LongSupplier nanoClock) {
    this.info = info;
    this.writer = writer;
    this.metrics = metrics;
    this.maxQueued = maxQueued;
    this.nanoClock = nanoClock;
    this.committed = loaded.state();
    this.working = committed.copy();
    this.committedSeq = loaded.seq();
    this.workingSeq = loaded.seq();
  }

  void outcome(Outcome outcome) {
    this.outcome = outcome;
  }

  long committedSeq() { return committedSeq; }
  BoardState committed() { return committed; }
  BoardState working() { return working; }

  boolean idle() {
    return committing == null && queue.isEmpty();
  }

  /** Whether a client's operation must wait for room in the queue (a room's own operations never do). */
  boolean full() {
    return queue.size() >= maxQueued;
  }

  PendingOperation inFlight(AppliedOperations.OpKey key) {
    return inFlight.get(key);
  }

  Optional<Rejection> check(Operation op, Actor actor) {
    return working.check(op, actor, info.voteBudget());
  }

  /** Sequences an operation already checked, and queues it for the next batch. */
  void append(Actor actor, String clientId, String opId, Operation op, RoomMember sender, Promise<Void> durable) {
    // A reveal is completed against the board as it stands; whether an event is its author's alone is decided now, once.
    Operation completed = working.prepare(op, SHUFFLE);
    BoardEvent event = new BoardEvent(++workingSeq, completed, actor.accountId(), actor.name(), clientId, opId,
        working.concernsUnrevealed(completed));
    working.apply(completed, actor.accountId(), actor.name());
    PendingOperation p = new PendingOperation(event, actor, sender, durable);
    queue.add(p);
    inFlight.put(p.key(), p);
    flush();
  }

  /** Stops writing; returns what was not durable, for the room to reject. */
  List<PendingOperation> stop() {
    stopped = true;
    List<PendingOperation> lost = new ArrayList<>();
    if (committing != null) lost.addAll(committing);
    lost.addAll(queue);
    committing = null;
    queue = new ArrayList<>();
    inFlight.clear();
    return lost;
  }

  private void flush() {
    if (stopped || committing != null || queue.isEmpty()) return;
    int size = isolating > 0 ? 1 : MAX_BATCH;
    if (queue.size() <= size) {
      committing = queue;
      queue = new ArrayList<>();
    } else {
      committing = new ArrayList<>(queue.subList(0, size));
      queue = new ArrayList<>(queue.subList(size, queue.size()));
    }
    List<BoardEvent> batch = new ArrayList<>(committing.size());
    for (PendingOperation p : committing) batch.add(p.event);
    long first = batch.get(0).seq();
    long last = batch.get(batch.size() - 1).seq();
    Optional<JsonObject> snapshot = (first - 1) / SNAPSHOT_EVERY != last / SNAPSHOT_EVERY
        ? Optional.of(stateAfter(batch)) : Optional.empty();
    metrics.batch(batch.size());
    long started = nanoClock.getAsLong();
    List<PendingOperation> sent = committing;
    writer.write(info.id(), batch, snapshot).onComplete(ar -> {
      // A stopped room already told everyone; a write it no longer waits for changes nothing here.
      if (stopped || committing != sent) return;
      if (ar.succeeded()) {
        metrics.committed(nanoClock.getAsLong() - started);
        batchDurable();
      } else {
        writeFailed(ar.cause());
      }
    });
  }

  /** The board after {@code batch}, which directly follows the committed state. */
  private JsonObject stateAfter(List<BoardEvent> batch) {
    // With nothing queued behind the batch, the working state is exactly that.
    if (queue.isEmpty()) return working.toJson();
    BoardState after = committed.copy();
    for (BoardEvent e : batch) after.apply(e.op(), e.authorId(), e.authorName());
    return after.toJson();
  }

  private void batchDurable() {
    List<PendingOperation> batch = committing;
    committing = null;
    if (isolating > 0) isolating--;
    for (PendingOperation p : batch) {
      BoardEvent e = p.event;
      committed.apply(e.op(), e.authorId(), e.authorName());
      committedSeq = e.seq();
      inFlight.remove(p.key());
      outcome.durable(p);
    }
    flush();
  }

  private void writeFailed(Throwable err) {
    List<PendingOperation> batch = committing;
    committing = null;
    if (!contentRefused(err)) {
      // Not known to be durable: the room rejects these with everything queued behind them.
      queue.addAll(0, batch);
      outcome.failed(err);
      return;
    }
    if (batch.size() == 1) {
      PendingOperation refused = batch.get(0);
      inFlight.remove(refused.key());
      if (isolating > 0) isolating--;
      outcome.refused(refused, Rejection.INVALID);
    } else {
      // One or more of these cannot be stored: write them one by one to find which.
      isolating = batch.size();
      queue.addAll(0, batch);
    }
    resequence();
    flush();
  }

  /**
   * Sequences the queue again from the committed state, after an operation in it was refused:
   * each is checked again (one that relied on the refused operation is rejected now, with the
   * reason the board gives) and gets the next number.
   */
  private void resequence() {
    working = committed.copy();
    workingSeq = committedSeq;
    List<PendingOperation> waiting = queue;
    queue = new ArrayList<>(waiting.size());
    for (PendingOperation p : waiting) {
      BoardEvent e = p.event;
      Optional<Rejection> refused = working.check(e.op(), p.actor, info.voteBudget());
      if (refused.isPresent()) {
        inFlight.remove(p.key());
        outcome.refused(p, refused.get());
        continue;
      }
      Operation op = working.prepare(e.op() instanceof Operation.Reveal ? new Operation.Reveal(List.of()) : e.op(), SHUFFLE);
      p.event = new BoardEvent(++workingSeq, op, e.authorId(), e.authorName(), e.clientId(), e.opId(), working.concernsUnrevealed(op));
      working.apply(op, e.authorId(), e.authorName());
      queue.add(p);
    }
  }

  /**
   * PostgreSQL refused what the batch holds (a data exception, class 22, or a program limit,
   * class 54): it rolled back, and writing the same operations again would fail the same way.
   * Anything else (a lost connection, a timeout, a conflict with another writer) is ambiguous.
   */
  static boolean contentRefused(Throwable err) {
    if (!(err instanceof PgException pg) || pg.getSqlState() == null) return false;
    return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("54");
  }
}
