package org.circle.board;

import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.circle.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authority for one board while it is open: the only place its state changes. Confined to one
 * Vert.x context (see {@link BoardRooms}); nothing here blocks or locks.
 *
 * <p>An operation is checked against the {@code working} state (committed plus not yet durable),
 * gets the next sequence number and waits in the queue. One batch at a time is written to the
 * log; whatever arrives meanwhile forms the next batch (group commit). When a batch is durable its
 * senders are acknowledged and everyone else receives the events through {@link BoardView}. If a
 * batch fails, its operations and the queued ones are rejected as {@code unavailable}, the room
 * closes every connection with {@link #RESYNC} and is dropped, so the next join reloads the truth
 * from the database: sequence numbers never skip and nothing unacknowledged is shown.
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
  /** A snapshot is written with the batch that crosses each multiple of this, bounding replay on load. */
  public static final int SNAPSHOT_EVERY = 500;
  /**
   * The most events one batch carries. Whatever waits beyond goes in the next: one broadcast of
   * thousands of events at once would overflow even an attentive reader's send queue.
   */
  static final int MAX_BATCH = 256;
  /** How long "I am typing in this card" holds without being renewed. Clients renew every 5 s. */
  public static final long SOFT_LOCK_MS = 15_000;
  /** Presence changes are sent at most this often, coalesced. */
  static final long PRESENCE_INTERVAL_MS = 100;
  /** Cursors are relayed at most this often (20 per second), only the latest of each person. */
  public static final long CURSOR_INTERVAL_MS = 50;

  private static final Logger log = LoggerFactory.getLogger(BoardRoom.class);
  /** Shuffles the cards of a reveal: nobody may predict (or later infer) the order of writing from it. */
  private static final java.security.SecureRandom SHUFFLE = new java.security.SecureRandom();

  private record ClientKey(UUID account, String client) {}

  private record OpKey(ClientKey client, String opId) {}

  private static final class Pending {
    final BoardEvent event;
    RoomMember sender;

    Pending(BoardEvent event, RoomMember sender) {
      this.event = event;
      this.sender = sender;
    }
  }

  private record SoftLock(String connectionId, UUID accountId, String name, long expiresAt) {}

  private record Cursor(double x, double y) {}

  private final Vertx vertx;
  private final BoardInfo info;
  private final BoardLog boardLog;
  private final ShardWriter writer;
  private final Outbox outbox;
  private final LongSupplier clock;
  private final Runnable onClosed;

  private final BoardState committed;
  private BoardState working;
  private long committedSeq;
  private long workingSeq;
  private final ArrayDeque<BoardEvent> recent = new ArrayDeque<>();

  private final Map<String, RoomMember> members = new LinkedHashMap<>();
  /**
   * Applied operations of the clients here now, by operation id, as the log had them when each
   * joined. Operations committed since are in {@link #recentOps}: a client re-sends only after it
   * rejoins, and a rejoin reloads this. (Adding every commit here grew it by every operation of
   * every connected client for as long as they stayed.)
   */
  private final Map<ClientKey, Map<String, Long>> done = new HashMap<>();
  private final Map<String, ClientKey> clientOf = new HashMap<>();
  /** The operation ids of the retained events, whoever is here: covers a client whose join raced a commit. */
  private final Map<OpKey, Long> recentOps = new HashMap<>();
  private final Map<OpKey, Pending> inFlight = new HashMap<>();
  private List<Pending> queue = new ArrayList<>();
  private List<Pending> committing;
  private final Map<String, SoftLock> softLocks = new HashMap<>();
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  private boolean presenceScheduled;
  private boolean cursorsScheduled;
  private boolean closed;
  private long lastActivity;

  public BoardRoom(Vertx vertx, Shard shard, BoardLog.Loaded loaded, LongSupplier clock, Runnable onClosed) {
    this.vertx = vertx;
    this.boardLog = shard.log();
    this.writer = shard.writer();
    this.outbox = shard.outbox();
    this.info = loaded.info();
    this.clock = clock;
    this.onClosed = onClosed;
    this.committed = loaded.state();
    this.working = committed.copy();
    this.committedSeq = loaded.seq();
    this.workingSeq = loaded.seq();
    for (BoardEvent e : loaded.recent()) remember(e);
    this.lastActivity = clock.getAsLong();
  }

  public BoardInfo info() {
    return info;
  }

  public long committedSeq() {
    return committedSeq;
  }

  /** A copy of the durable state, for tests and checks. */
  public BoardState committedState() {
    return committed.copy();
  }

  /** Nobody is here and nothing is waiting to be written: the room may be dropped. */
  public boolean idleSince(long millis) {
    return members.isEmpty() && committing == null && queue.isEmpty() && clock.getAsLong() - lastActivity >= millis;
  }

  public boolean closed() {
    return closed;
  }

  /**
   * Adds a connection and sends it the welcome: the events after {@code since} when the room still
   * has them all, otherwise a snapshot. Loads first which operations this client already had
   * applied, so a re-sent operation is acknowledged rather than applied twice.
   */
  public Future<Void> join(RoomMember member, String clientId, Long since) {
    return boardLog.operationsOf(info.id(), member.accountId(), clientId).map(ops -> {
      if (closed) {
        outbox.close(member, RESYNC, "resync");
        return null;
      }
      ClientKey client = new ClientKey(member.accountId(), clientId);
      Map<String, Long> applied = done.computeIfAbsent(client, k -> new HashMap<>());
      ops.forEach(applied::putIfAbsent);
      members.put(member.connectionId(), member);
      clientOf.put(member.connectionId(), client);
      lastActivity = clock.getAsLong();
      JsonObject you = new JsonObject().put("id", member.accountId().toString()).put("name", member.name())
          .put("role", member.role().wireName());
      long oldest = recent.isEmpty() ? committedSeq + 1 : recent.peekFirst().seq();
      ServerMessage.Welcome welcome;
      // A reveal is sent with the board as it was then; one in what was missed means a snapshot.
      boolean missedReveal = since != null && recent.stream().anyMatch(e -> e.seq() > since && BoardView.isReveal(e));
      if (since != null && since <= committedSeq && since >= oldest - 1 && !missedReveal) {
        List<ServerMessage.Event> missed = new ArrayList<>();
        for (BoardEvent e : recent) {
          if (e.seq() > since) missed.add(BoardView.visibleTo(member, info, e));
        }
        welcome = new ServerMessage.Welcome(info.toJson(), committedSeq, you, null, missed);
      } else {
        welcome = new ServerMessage.Welcome(info.toJson(), committedSeq, you, BoardView.snapshotFor(member, info, committed), null);
      }
      outbox.welcome(member, welcome.encode());
      schedulePresence();
      return null;
    });
  }

  public void leave(String connectionId) {
    if (members.remove(connectionId) == null) return;
    ClientKey client = clientOf.remove(connectionId);
    // Forget a client's operation ids once its last connection leaves; a rejoin reloads them.
    if (!clientOf.containsValue(client)) done.remove(client);
    lastActivity = clock.getAsLong();
    softLocks.values().removeIf(lock -> lock.connectionId().equals(connectionId));
    cursors.remove(connectionId);
    schedulePresence();
  }

  /** One client operation: checked, sequenced, queued for the next batch. */
  public void operation(RoomMember from, Actor actor, String clientId, String opId, Operation op) {
    if (closed) {
      outbox.send(from, new ServerMessage.Reject(opId, Rejection.UNAVAILABLE).encode());
      return;
    }
    if (!members.containsKey(from.connectionId())) {
      outbox.send(from, new ServerMessage.Reject(opId, Rejection.UNAVAILABLE).encode());
      return;
    }
    lastActivity = clock.getAsLong();
    ClientKey client = new ClientKey(actor.accountId(), clientId);
    OpKey key = new OpKey(client, opId);
    Long seq = done.getOrDefault(client, Map.of()).get(opId);
    if (seq == null) seq = recentOps.get(key);
    if (seq != null) {
      outbox.send(from, new ServerMessage.Ack(opId, seq).encode());
      return;
    }
    Pending waiting = inFlight.get(key);
    if (waiting != null) {
      waiting.sender = from;
      return;
    }
    Optional<Rejection> refused = softLocked(op, actor).or(() -> working.check(op, actor, info.voteBudget()));
    if (refused.isPresent()) {
      outbox.send(from, new ServerMessage.Reject(opId, refused.get()).encode());
      return;
    }
    Operation applied = working.prepare(op, SHUFFLE);
    BoardEvent event = new BoardEvent(++workingSeq, applied, actor.accountId(), actor.name(), clientId, opId,
        working.concernsUnrevealed(applied));
    working.apply(applied, actor.accountId(), actor.name());
    if (applied instanceof Operation.DeleteCard d && softLocks.remove(d.card()) != null) schedulePresence();
    Pending pending = new Pending(event, from);
    queue.add(pending);
    inFlight.put(key, pending);
    flush();
  }

  /**
   * Withdraws everything a person wrote here (their account was deleted): each of their cards and
   * comments is deleted by an ordinary sequenced event in their name, so every client sees it go.
   * Completes once the deletions are durable.
   */
  public Future<Void> withdraw(UUID accountId) {
    if (closed) return Future.failedFuture("room closed");
    List<Operation> deletions = new ArrayList<>();
    working.cards().values().stream().filter(c -> c.authorId().equals(accountId))
        .forEach(c -> deletions.add(new Operation.DeleteCard(c.id())));
    working.comments().values().stream().filter(c -> c.authorId().equals(accountId))
        .filter(c -> working.cards().get(c.card()) == null || !working.cards().get(c.card()).authorId().equals(accountId))
        .forEach(c -> deletions.add(new Operation.DeleteComment(c.id())));
    if (deletions.isEmpty()) return Future.succeededFuture();
    Promise<Void> done = Promise.promise();
    for (Operation op : deletions) {
      String opId = "withdraw-" + java.util.UUID.randomUUID();
      BoardEvent event = new BoardEvent(++workingSeq, op, accountId, WITHDRAWN_NAME, WITHDRAWAL_CLIENT, opId,
          working.concernsUnrevealed(op));
      working.apply(op, accountId, WITHDRAWN_NAME);
      // Only the last deletion's acknowledgement completes the withdrawal: batches commit in order.
      queue.add(new Pending(event, new Withdrawal(accountId, opId, done)));
    }
    String lastOpId = queue.get(queue.size() - 1).event.opId();
    for (Pending p : queue) {
      if (p.sender instanceof Withdrawal w && !w.opId.equals(lastOpId)) w.done = Promise.promise();
    }
    flush();
    return done.future();
  }

  /** Closes the room; clients resynchronise and the room reloads from the database. */
  public void reload() {
    if (!closed) closeRoom(List.of());
  }

  /** The sender of a withdrawal's deletions: nobody is connected; the last acknowledgement completes it. */
  private static final class Withdrawal implements RoomMember {
    private final UUID accountId;
    private final String opId;
    private Promise<Void> done;

    Withdrawal(UUID accountId, String opId, Promise<Void> done) {
      this.accountId = accountId;
      this.opId = opId;
      this.done = done;
    }

    @Override public String connectionId() { return WITHDRAWAL_CLIENT; }
    @Override public UUID accountId() { return accountId; }
    @Override public String name() { return WITHDRAWN_NAME; }
    @Override public org.circle.community.Role role() { return org.circle.community.Role.PARTICIPANT; }
    @Override public void welcome(String frame) {}
    @Override public void close(short code, String reason) {}

    @Override
    public void send(String frame) {
      if (frame.contains("\"reject\"")) done.tryFail("withdrawal could not be saved");
      else if (frame.contains(opId)) done.tryComplete();
    }
  }

  static final String WITHDRAWN_NAME = "Former member";
  static final String WITHDRAWAL_CLIENT = "withdrawal";

  private Optional<Rejection> softLocked(Operation op, Actor actor) {
    if (!(op instanceof Operation.EditText edit)) return Optional.empty();
    SoftLock lock = softLocks.get(edit.card());
    boolean heldByOther = lock != null && !lock.accountId().equals(actor.accountId()) && lock.expiresAt() > clock.getAsLong();
    return heldByOther ? Optional.of(Rejection.BEING_EDITED) : Optional.empty();
  }

  private void flush() {
    if (committing != null || queue.isEmpty() || closed) return;
    if (queue.size() <= MAX_BATCH) {
      committing = queue;
      queue = new ArrayList<>();
    } else {
      committing = new ArrayList<>(queue.subList(0, MAX_BATCH));
      queue = new ArrayList<>(queue.subList(MAX_BATCH, queue.size()));
    }
    List<BoardEvent> batch = new ArrayList<>(committing.size());
    for (Pending p : committing) batch.add(p.event);
    long first = batch.get(0).seq();
    long last = batch.get(batch.size() - 1).seq();
    Optional<JsonObject> snapshot = (first - 1) / SNAPSHOT_EVERY != last / SNAPSHOT_EVERY
        ? Optional.of(stateAfter(batch)) : Optional.empty();
    writer.write(info.id(), batch, snapshot).onComplete(ar -> {
      if (ar.succeeded()) committed();
      else fail(ar.cause());
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

  private void committed() {
    List<Pending> batch = committing;
    committing = null;
    for (Pending p : batch) {
      BoardEvent e = p.event;
      committed.apply(e.op(), e.authorId(), e.authorName());
      committedSeq = e.seq();
      remember(e);
      ClientKey client = new ClientKey(e.authorId(), e.clientId());
      OpKey key = new OpKey(client, e.opId());
      inFlight.remove(key);
      // A reveal brings cards its sender has not seen: they receive it as an event too, before the ack.
      if (BoardView.isReveal(e)) outbox.send(p.sender, BoardView.visibleTo(p.sender, info, e, committed).encode());
      outbox.send(p.sender, new ServerMessage.Ack(e.opId(), e.seq()).encode());
      broadcast(e, p.sender.connectionId());
    }
    flush();
  }

  private void broadcast(BoardEvent event, String exceptConnection) {
    // Everyone in one audience sees the same view: build and encode it once per audience.
    String forAuthor = null;
    String forOthers = null;
    boolean reveal = BoardView.isReveal(event);
    for (RoomMember m : members.values()) {
      if (m.connectionId().equals(exceptConnection)) continue;
      String frame;
      if (reveal) {
        // The revealed cards differ per recipient (on an anonymous board each sees their own cards' author only).
        frame = BoardView.visibleTo(m, info, event, committed).encode();
      } else if (BoardView.isAuthor(m, event)) {
        if (forAuthor == null) forAuthor = BoardView.visibleTo(m, info, event).encode();
        frame = forAuthor;
      } else {
        if (forOthers == null) forOthers = BoardView.visibleTo(m, info, event).encode();
        frame = forOthers;
      }
      outbox.send(m, frame);
    }
  }

  private void fail(Throwable err) {
    // The class and SQL state only: a database message may quote what a member wrote.
    log.error("Board {}: a batch could not be written ({}); the room restarts and clients resume", info.id(), describe(err));
    List<Pending> lost = new ArrayList<>(committing);
    lost.addAll(queue);
    committing = null;
    queue = new ArrayList<>();
    closeRoom(lost);
  }

  private void closeRoom(List<Pending> lost) {
    closed = true;
    for (Pending p : lost) outbox.send(p.sender, new ServerMessage.Reject(p.event.opId(), Rejection.UNAVAILABLE).encode());
    for (RoomMember m : new ArrayList<>(members.values())) outbox.close(m, RESYNC, "resync");
    members.clear();
    onClosed.run();
  }

  /** Renews or releases this connection's soft lock: "I am typing in this card". */
  public void presence(String connectionId, String editing) {
    RoomMember member = members.get(connectionId);
    if (member == null) return;
    // A person edits one card at a time: release this connection's other locks.
    boolean changed = softLocks.entrySet().removeIf(e -> e.getValue().connectionId().equals(connectionId) && !e.getKey().equals(editing));
    if (editing != null && working.cards().containsKey(editing)) {
      SoftLock current = softLocks.get(editing);
      long now = clock.getAsLong();
      if (current == null || current.expiresAt() <= now || current.accountId().equals(member.accountId())) {
        if (current == null || !current.connectionId().equals(connectionId)) changed = true;
        softLocks.put(editing, new SoftLock(connectionId, member.accountId(), member.name(), now + SOFT_LOCK_MS));
      }
    }
    if (changed) schedulePresence();
  }

  public void cursor(String connectionId, double x, double y) {
    if (!members.containsKey(connectionId) || !BoardView.relaysCursors(info)) return;
    cursors.put(connectionId, new Cursor(x, y));
    if (!cursorsScheduled) {
      cursorsScheduled = true;
      vertx.setTimer(CURSOR_INTERVAL_MS, t -> sendCursors());
    }
  }

  private void sendCursors() {
    cursorsScheduled = false;
    if (cursors.isEmpty()) return;
    Map<String, Cursor> batch = new LinkedHashMap<>(cursors);
    cursors.clear();
    for (RoomMember m : members.values()) {
      JsonArray list = new JsonArray();
      batch.forEach((conn, c) -> {
        RoomMember who = members.get(conn);
        if (who != null && !conn.equals(m.connectionId())) {
          list.add(new JsonObject().put("id", who.accountId().toString()).put("name", who.name()).put("x", c.x()).put("y", c.y()));
        }
      });
      if (!list.isEmpty()) outbox.send(m, new ServerMessage.Cursors(list).encode());
    }
  }

  private void schedulePresence() {
    if (presenceScheduled || closed) return;
    presenceScheduled = true;
    vertx.setTimer(PRESENCE_INTERVAL_MS, t -> sendPresence());
  }

  private void sendPresence() {
    presenceScheduled = false;
    if (closed) return;
    long now = clock.getAsLong();
    softLocks.values().removeIf(lock -> lock.expiresAt() <= now);
    Map<UUID, JsonObject> people = new LinkedHashMap<>();
    for (RoomMember m : members.values()) {
      people.putIfAbsent(m.accountId(), new JsonObject().put("id", m.accountId().toString()).put("name", m.name())
          .put("role", m.role().wireName()));
    }
    JsonArray editing = new JsonArray();
    softLocks.forEach((card, lock) -> editing.add(new JsonObject().put("card", card)
        .put("by", BoardView.author(lock.accountId().toString(), lock.name()))));
    JsonArray peopleList = new JsonArray(new ArrayList<>(people.values()));
    for (RoomMember m : members.values()) outbox.send(m, BoardView.presenceFor(m, info, peopleList, editing, working).encode());
    if (!softLocks.isEmpty()) {
      // Re-check when the earliest lock may lapse, so others see it released.
      long next = softLocks.values().stream().mapToLong(SoftLock::expiresAt).min().orElse(now) - now;
      vertx.setTimer(Math.max(PRESENCE_INTERVAL_MS, next + 1), t -> expireLocks());
    }
  }

  private void expireLocks() {
    long now = clock.getAsLong();
    Iterator<SoftLock> it = softLocks.values().iterator();
    boolean changed = false;
    while (it.hasNext()) {
      if (it.next().expiresAt() <= now) {
        it.remove();
        changed = true;
      }
    }
    if (changed) schedulePresence();
  }

  static String describe(Throwable err) {
    return err.getClass().getSimpleName() + (err instanceof io.vertx.pgclient.PgException pg ? " SQLSTATE " + pg.getSqlState() : "");
  }

  private void remember(BoardEvent e) {
    recent.addLast(e);
    recentOps.put(keyOf(e), e.seq());
    while (recent.size() > RETAINED_EVENTS) recentOps.remove(keyOf(recent.removeFirst()));
  }

  private static OpKey keyOf(BoardEvent e) {
    return new OpKey(new ClientKey(e.authorId(), e.clientId()), e.opId());
  }
}
