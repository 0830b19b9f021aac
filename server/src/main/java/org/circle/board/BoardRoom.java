package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import org.circle.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authority for one board while it is open: the only place its state changes. Confined to one
 * Vert.x context (see {@link BoardRooms}); nothing here blocks or locks. It keeps who is here and
 * hands each concern to its part: {@link Sequencer} (sequencing and durable commit),
 * {@link AppliedOperations} (what was applied, for retries and resuming clients),
 * {@link RoomPresence} (presence, soft locks, cursors), {@link RoomWithdrawal} (withdrawing a
 * person), and {@link BoardView} for what each member may see.
 *
 * <p>When a batch is durable its senders are acknowledged and everyone else receives the events.
 * If a write fails in a way that may or may not have committed, the room rejects what waits as
 * {@code unavailable}, closes every connection with {@link #RESYNC} and is dropped, so the next
 * join reloads the truth from the database: sequence numbers never skip and nothing unacknowledged
 * is shown. An operation whose content PostgreSQL refuses fails alone ({@link Sequencer}).
 */
public final class BoardRoom {
  /** Close code telling a client to reconnect and resume (it could not keep up, or the room restarted). */
  public static final short RESYNC = 4001;
  /**
   * Events kept in memory so a client that reconnects gets what it missed rather than the whole
   * board; minutes of a real session. At 2,000 they lived long enough under load for the garbage
   * collector to copy them again and again (40 ms pauses; docs/benchmarks.md).
   */
  public static final int RETAINED_EVENTS = 500;
  public static final int SNAPSHOT_EVERY = Sequencer.SNAPSHOT_EVERY;
  static final int MAX_BATCH = Sequencer.MAX_BATCH;
  public static final long SOFT_LOCK_MS = RoomPresence.SOFT_LOCK_MS;
  public static final long CURSOR_INTERVAL_MS = RoomPresence.CURSOR_INTERVAL_MS;
  static final String WITHDRAWN_NAME = RoomWithdrawal.NAME;

  private static final Logger log = LoggerFactory.getLogger(BoardRoom.class);

  private final BoardInfo info;
  private final BoardLog boardLog;
  private final Outbox outbox;
  private final RoomMetrics metrics;
  private final LongSupplier clock;
  private final Runnable onClosed;
  private final Sequencer sequencer;
  private final AppliedOperations applied;
  private final RoomPresence presence;

  /** Members whose welcome has gone out, by connection id. */
  private final Map<String, RoomMember> members = new LinkedHashMap<>();
  /** Members whose join waits for their applied operations to load: a leave meanwhile cancels it. */
  private final Map<String, RoomMember> joining = new HashMap<>();
  /** People withdrawn from this board (their account was deleted): nothing more of theirs is applied. */
  private final Set<UUID> withdrawn = new HashSet<>();
  private boolean closed;
  private long lastActivity;

  public BoardRoom(Vertx vertx, Shard shard, BoardLog.Loaded loaded, LongSupplier clock, Runnable onClosed) {
    this.boardLog = shard.log();
    this.outbox = shard.outbox();
    this.metrics = shard.metrics();
    this.info = loaded.info();
    this.clock = clock;
    this.onClosed = onClosed;
    this.applied = new AppliedOperations(RETAINED_EVENTS, loaded.recent());
    this.sequencer = new Sequencer(info, loaded, shard.writer(), metrics, shard.limits().maxQueuedOperations(), System::nanoTime);
    this.presence = new RoomPresence(vertx, info, outbox, clock, members, sequencer::working);
    sequencer.outcome(new Sequencer.Outcome() {
      @Override public void durable(PendingOperation p) { BoardRoom.this.durable(p); }
      @Override public void refused(PendingOperation p, Rejection reason) { BoardRoom.this.refused(p, reason); }
      @Override public void failed(Throwable err) { BoardRoom.this.failed(err); }
    });
    this.lastActivity = clock.getAsLong();
    metrics.roomOpened();
  }

  public BoardInfo info() {
    return info;
  }

  public long committedSeq() {
    return sequencer.committedSeq();
  }

  /** A copy of the durable state, for tests and checks. */
  public BoardState committedState() {
    return sequencer.committed().copy();
  }

  /** Nobody is here or on the way and nothing is waiting to be written: the room may be dropped. */
  public boolean idleSince(long millis) {
    return members.isEmpty() && joining.isEmpty() && sequencer.idle() && clock.getAsLong() - lastActivity >= millis;
  }

  public boolean closed() {
    return closed;
  }

  /** How many members are here, for tests and metrics. */
  public int memberCount() {
    return members.size();
  }

  /**
   * Adds a connection and sends it the welcome: the events after {@code since} when the room still
   * has them all, otherwise a snapshot. Loads first which operations this client already had
   * applied, so a re-sent operation is acknowledged rather than applied twice. A connection that
   * leaves, or whose socket goes, while that load is on the way is never added.
   */
  public Future<Void> join(RoomMember member, String clientId, Long since) {
    if (closed) {
      outbox.close(member, RESYNC, "resync");
      return Future.succeededFuture();
    }
    if (!member.connected()) return Future.succeededFuture();
    String id = member.connectionId();
    joining.put(id, member);
    lastActivity = clock.getAsLong();
    return boardLog.operationsOf(info.id(), member.accountId(), clientId)
        .onFailure(err -> joining.remove(id, member))
        .map(ops -> {
          if (!joining.remove(id, member) || !member.connected()) return null;
          if (closed) {
            outbox.close(member, RESYNC, "resync");
            return null;
          }
          admit(member, clientId, since, ops);
          return null;
        });
  }

  private void admit(RoomMember member, String clientId, Long since, Map<String, Long> ops) {
    applied.joined(member.connectionId(), new AppliedOperations.ClientKey(member.accountId(), clientId), ops);
    RoomMember replaced = members.put(member.connectionId(), member);
    if (replaced == null) metrics.memberJoined();
    lastActivity = clock.getAsLong();
    JsonObject you = new JsonObject().put("id", member.accountId().toString()).put("name", member.name())
        .put("role", member.role().wireName());
    long seq = sequencer.committedSeq();
    List<BoardEvent> missed = since == null ? null : applied.after(since, seq);
    // A reveal is sent with the board as it was then; one in what was missed means a snapshot.
    if (missed != null && missed.stream().anyMatch(BoardView::isReveal)) missed = null;
    ServerMessage.Welcome welcome;
    if (missed != null) {
      List<ServerMessage.Event> events = new ArrayList<>(missed.size());
      for (BoardEvent e : missed) events.add(BoardView.visibleTo(BoardView.audienceOf(member, e), info, e));
      welcome = new ServerMessage.Welcome(info.toJson(), seq, you, null, events);
    } else {
      welcome = new ServerMessage.Welcome(info.toJson(), seq, you, BoardView.snapshotFor(member, info, sequencer.committed()), null);
    }
    metrics.welcomed(missed == null);
    outbox.welcome(member, welcome.encode());
    presence.changed();
  }

  /** The connection left this board (or its socket went): only this member, not a later join of the same connection. */
  public void leave(RoomMember member) {
    String id = member.connectionId();
    joining.remove(id, member);
    if (!members.remove(id, member)) return;
    departed(id, 1);
  }

  private void departed(String connectionId, int count) {
    applied.left(connectionId);
    metrics.membersLeft(count);
    lastActivity = clock.getAsLong();
    presence.left(connectionId);
  }

  /** Removes members whose socket is gone without a leave reaching the room; returns how many. */
  public int sweep() {
    joining.values().removeIf(m -> !m.connected());
    List<RoomMember> gone = members.values().stream().filter(m -> !m.connected()).toList();
    for (RoomMember m : gone) {
      members.remove(m.connectionId());
      departed(m.connectionId(), 1);
    }
    return gone.size();
  }

  /** One client operation: checked, sequenced, queued for the next batch. */
  public void operation(RoomMember from, Actor actor, String clientId, String opId, Operation op) {
    if (closed || members.get(from.connectionId()) != from) {
      reject(from, opId, Rejection.UNAVAILABLE);
      return;
    }
    lastActivity = clock.getAsLong();
    if (withdrawn.contains(actor.accountId())) {
      reject(from, opId, Rejection.FORBIDDEN);
      return;
    }
    AppliedOperations.OpKey key = new AppliedOperations.OpKey(new AppliedOperations.ClientKey(actor.accountId(), clientId), opId);
    Long seq = applied.seqOf(key);
    if (seq != null) {
      outbox.send(from, new ServerMessage.Ack(opId, seq).encode());
      return;
    }
    PendingOperation waiting = sequencer.inFlight(key);
    if (waiting != null) {
      waiting.sender = from;
      return;
    }
    if (sequencer.full()) {
      // The database is not keeping up: this client resumes later rather than piling up here.
      reject(from, opId, Rejection.UNAVAILABLE);
      outbox.close(from, RESYNC, "resync");
      metrics.resync(RoomMetrics.Resync.QUEUE_FULL, 1);
      return;
    }
    Optional<Rejection> refused = presence.softLocked(op, actor).or(() -> sequencer.check(op, actor));
    if (refused.isPresent()) {
      reject(from, opId, refused.get());
      return;
    }
    sequencer.append(actor, clientId, opId, op, from, null);
    if (op instanceof Operation.DeleteCard d) presence.cardDeleted(d.card());
  }

  /**
   * Withdraws everything a person wrote here, as ordinary sequenced operations in their name; when
   * their account was deleted, applies nothing more of theirs. Completes once those operations
   * are durable; each withdrawal waits for its own, so several at once never wait for each other.
   */
  public Future<Void> withdraw(UUID accountId, boolean accountGone) {
    if (closed) return Future.failedFuture("room closed");
    if (accountGone) withdrawn.add(accountId);
    Actor actor = RoomWithdrawal.actor(accountId);
    List<Future<Void>> done = new ArrayList<>();
    for (Operation op : RoomWithdrawal.operations(accountId, sequencer.working())) {
      if (sequencer.check(op, actor).isPresent()) continue;
      Promise<Void> durable = Promise.promise();
      done.add(durable.future());
      sequencer.append(actor, RoomWithdrawal.CLIENT, "withdraw-" + UUID.randomUUID(), op, null, durable);
      if (op instanceof Operation.DeleteCard d) presence.cardDeleted(d.card());
    }
    return Future.all(done).mapEmpty();
  }

  /**
   * The person's words are gone from the stored history: forget them in the events kept here too,
   * and store a snapshot of the board as it is now (it holds none of them) in place of any older
   * one that may.
   */
  public Future<Void> scrubbed(UUID accountId) {
    if (closed) return Future.failedFuture("room closed");
    applied.scrub(accountId, RoomWithdrawal.TEXT, RoomWithdrawal.NAME);
    return boardLog.replaceSnapshot(info.id(), sequencer.committedSeq(), sequencer.committed().toJson());
  }

  /** Renews or releases this connection's soft lock: "I am typing in this card". */
  public void presence(String connectionId, String editing) {
    RoomMember member = members.get(connectionId);
    if (member != null) presence.editing(member, editing, sequencer.working());
  }

  public void cursor(String connectionId, double x, double y) {
    RoomMember member = members.get(connectionId);
    if (member != null) presence.cursor(member, x, y);
  }

  private void durable(PendingOperation p) {
    BoardEvent e = p.event;
    applied.remember(e);
    // A reveal brings cards its sender has not seen: they receive it as an event too, before the ack.
    if (p.sender != null && BoardView.isReveal(e)) {
      outbox.send(p.sender, BoardView.visibleTo(BoardView.audienceOf(p.sender, e, sequencer.committed()), info, e, sequencer.committed()).encode());
    }
    if (p.sender != null) outbox.send(p.sender, new ServerMessage.Ack(e.opId(), e.seq()).encode());
    broadcast(e, p.sender == null ? null : p.sender.connectionId());
    // Others may be told how many cards they cannot see: the presence frame says so, coalesced.
    if (e.privateToAuthor() || BoardView.isReveal(e)) presence.changed();
    if (p.durable != null) p.durable.tryComplete();
  }

  private void refused(PendingOperation p, Rejection reason) {
    if (p.sender != null) reject(p.sender, p.event.opId(), reason);
    if (p.durable != null) {
      // A withdrawal's operation that no longer applies (someone deleted the card first) has nothing left to do.
      if (reason == Rejection.UNAVAILABLE) p.durable.tryFail("the board could not be saved");
      else p.durable.tryComplete();
    }
  }

  private void reject(RoomMember to, String opId, Rejection reason) {
    metrics.rejected(reason);
    outbox.send(to, new ServerMessage.Reject(opId, reason).encode());
  }

  private void broadcast(BoardEvent event, String exceptConnection) {
    // Everyone in one audience sees the same view: build and encode it once per audience.
    Map<Audience, String> frames = new HashMap<>(4);
    for (RoomMember m : members.values()) {
      if (m.connectionId().equals(exceptConnection)) continue;
      // The board just after this event (each is made durable and sent in order): a reveal shows its cards from it.
      BoardState after = sequencer.committed();
      String frame = frames.computeIfAbsent(BoardView.audienceOf(m, event, after), a -> BoardView.visibleTo(a, info, event, after).encode());
      outbox.send(m, frame);
    }
  }

  private void failed(Throwable err) {
    // The class and SQL state only: a database message may quote what a member wrote.
    log.error("Board {}: a batch could not be written ({}); the room restarts and clients resume", info.id(), describe(err));
    closeRoom();
  }

  private void closeRoom() {
    closed = true;
    presence.stop();
    for (PendingOperation p : sequencer.stop()) refused(p, Rejection.UNAVAILABLE);
    List<RoomMember> everyone = new ArrayList<>(members.values());
    everyone.addAll(joining.values());
    for (RoomMember m : everyone) outbox.close(m, RESYNC, "resync");
    metrics.resync(RoomMetrics.Resync.ROOM_RESTART, everyone.size());
    metrics.membersLeft(members.size());
    members.clear();
    joining.clear();
    onClosed.run();
  }

  /** Closes the room: its members resynchronise and the next join reloads it from the database. */
  public void reload() {
    if (!closed) closeRoom();
  }

  /** Called by the shard when it drops this room. */
  void dropped() {
    metrics.roomClosed();
  }

  /** The class and SQL state of a database error (its message may quote what a member wrote); the message of any other. */
  static String describe(Throwable err) {
    if (err instanceof io.vertx.pgclient.PgException pg) return "PgException SQLSTATE " + pg.getSqlState();
    return err.getClass().getSimpleName() + (err.getMessage() == null ? "" : ": " + err.getMessage());
  }
}
