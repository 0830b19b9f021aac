package org.circle.board;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.circle.protocol.Operation;
import org.circle.protocol.Rejection;
import org.circle.protocol.ServerMessage;

/**
 * The ephemeral side of a room: who is here, soft locks ("I am typing in this card") and cursors.
 * Relayed, never stored; coalesced so a burst of changes costs one frame per member. What each
 * member may see of it is decided by {@link BoardView}.
 */
final class RoomPresence {
  /** How long "I am typing in this card" holds without being renewed. Clients renew every 5 s. */
  static final long SOFT_LOCK_MS = 15_000;
  /** Presence changes are sent at most this often, coalesced. */
  static final long PRESENCE_INTERVAL_MS = 100;
  /** Cursors are relayed at most this often (20 per second), only the latest of each person. */
  static final long CURSOR_INTERVAL_MS = 50;

  private record SoftLock(String connectionId, UUID accountId, String name, long expiresAt) {}

  private record Cursor(double x, double y) {}

  private final Vertx vertx;
  private final BoardInfo info;
  private final Outbox outbox;
  private final LongSupplier clock;
  /** The room's members, read only. */
  private final Map<String, RoomMember> members;
  /** The board as it stands, so nobody hears of someone typing in a card they cannot see. */
  private final Supplier<BoardState> board;
  private final Map<String, SoftLock> softLocks = new HashMap<>();
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  private boolean presenceScheduled;
  private boolean cursorsScheduled;
  private boolean stopped;

  RoomPresence(Vertx vertx, BoardInfo info, Outbox outbox, LongSupplier clock, Map<String, RoomMember> members,
               Supplier<BoardState> board) {
    this.board = board;
    this.vertx = vertx;
    this.info = info;
    this.outbox = outbox;
    this.clock = clock;
    this.members = members;
  }

  /** Text someone else is typing is never overwritten under them. */
  Optional<Rejection> softLocked(Operation op, Actor actor) {
    if (!(op instanceof Operation.EditText edit)) return Optional.empty();
    SoftLock lock = softLocks.get(edit.card());
    boolean heldByOther = lock != null && !lock.accountId().equals(actor.accountId()) && lock.expiresAt() > clock.getAsLong();
    return heldByOther ? Optional.of(Rejection.BEING_EDITED) : Optional.empty();
  }

  /** Renews or releases this member's soft lock. */
  void editing(RoomMember member, String editing, BoardState working) {
    String connectionId = member.connectionId();
    // A person edits one card at a time: release this connection's other locks.
    boolean changed = softLocks.entrySet().removeIf(e -> e.getValue().connectionId().equals(connectionId) && !e.getKey().equals(editing));
    if (editing != null && working.cards().containsKey(editing) && !working.hiddenFrom(editing, member.accountId())) {
      SoftLock current = softLocks.get(editing);
      long now = clock.getAsLong();
      if (current == null || current.expiresAt() <= now || current.accountId().equals(member.accountId())) {
        if (current == null || !current.connectionId().equals(connectionId)) changed = true;
        softLocks.put(editing, new SoftLock(connectionId, member.accountId(), member.name(), now + SOFT_LOCK_MS));
      }
    }
    if (changed) changed();
  }

  void cardDeleted(String card) {
    if (softLocks.remove(card) != null) changed();
  }

  void cursor(RoomMember member, double x, double y) {
    if (!BoardView.relaysCursors(info)) return;
    cursors.put(member.connectionId(), new Cursor(x, y));
    if (!cursorsScheduled) {
      cursorsScheduled = true;
      vertx.setTimer(CURSOR_INTERVAL_MS, t -> sendCursors());
    }
  }

  /** A member left: its locks and cursor go, and the others see who is here now. */
  void left(String connectionId) {
    softLocks.values().removeIf(lock -> lock.connectionId().equals(connectionId));
    cursors.remove(connectionId);
    changed();
  }

  /** Who is here changed: everyone hears of it within {@link #PRESENCE_INTERVAL_MS}. */
  void changed() {
    if (presenceScheduled || stopped) return;
    presenceScheduled = true;
    vertx.setTimer(PRESENCE_INTERVAL_MS, t -> sendPresence());
  }

  void stop() {
    stopped = true;
  }

  private void sendCursors() {
    cursorsScheduled = false;
    if (cursors.isEmpty() || stopped) return;
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

  private void sendPresence() {
    presenceScheduled = false;
    if (stopped) return;
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
    for (RoomMember m : members.values()) outbox.send(m, BoardView.presenceFor(m, info, peopleList, editing, board.get()).encode());
    if (!softLocks.isEmpty()) {
      // Re-check when the earliest lock may lapse, so others see it released.
      long next = softLocks.values().stream().mapToLong(SoftLock::expiresAt).min().orElse(now) - now;
      vertx.setTimer(Math.max(PRESENCE_INTERVAL_MS, next + 1), t -> expireLocks());
    }
  }

  private void expireLocks() {
    long now = clock.getAsLong();
    if (softLocks.values().removeIf(lock -> lock.expiresAt() <= now)) changed();
  }
}
