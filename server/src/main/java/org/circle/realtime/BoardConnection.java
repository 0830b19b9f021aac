package org.circle.realtime;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.circle.account.Principal;
import org.circle.board.Actor;
import org.circle.board.BoardAccess;
import org.circle.board.BoardRooms;
import org.circle.board.LocalCodec;
import org.circle.board.RoomCommand;
import org.circle.board.RoomMember;
import org.circle.community.Role;
import org.circle.protocol.ClientMessage;
import org.circle.protocol.ErrorCode;
import org.circle.protocol.Protocol;
import org.circle.protocol.ProtocolException;
import org.circle.protocol.Rejection;
import org.circle.protocol.ServerMessage;
import org.circle.ratelimit.TokenBucket;

/**
 * One signed-in person's WebSocket: decodes and checks each frame, enforces the connection's
 * limits, checks access to the board, and hands board work to the board's room over the event bus.
 * Confined to the event loop of its socket.
 *
 * <p>Its life is an explicit {@link State}. Each join makes a new {@link Member}, the room's
 * handle on this connection for that board; the room answers through it, on this connection's
 * context (by the room's {@link org.circle.board.Outbox}). Only the current member of a joined
 * connection reaches the socket: a join overtaken by another join or by the socket closing is
 * left at once (and a room never admits it, or sweeps it out), and whatever its room still sends
 * is dropped, so a stale room can never stream another board's frames to this socket.
 */
public final class BoardConnection {
  /** Close code for a connection that sent nothing for too long. */
  static final short IDLE = 4002;
  /**
   * Close code when the reason for this socket's access is gone: signed out (here or by a
   * password change elsewhere), account deleted, removed from the board's community, or no longer
   * allowed to see its content (made sponsor, ground rules not agreed).
   */
  public static final short ACCESS_REVOKED = 4003;
  /** Close code for abuse: far more frames than any person sends. */
  static final short POLICY_VIOLATION = 1008;

  /** A connection's life. Only {@link #JOINED} receives board content. */
  public enum State {
    /** Signed in, no board open. */
    AUTHENTICATED,
    /** A join is on its way: access being checked, or the room loading. */
    JOINING,
    /** The welcome went out; operations, presence and cursors are accepted. */
    JOINED,
    /** The server is closing the socket: nothing more is sent or accepted. */
    CLOSING,
    /** The socket is gone. */
    CLOSED
  }

  /** Whether the sign-in behind this connection still stands. */
  @FunctionalInterface
  public interface SignIn {
    Future<Boolean> stillValid();

    SignIn ALWAYS = () -> Future.succeededFuture(true);
  }

  private final Vertx vertx;
  private final Context context;
  private final String id = UUID.randomUUID().toString();
  private final Principal principal;
  private final SignIn signIn;
  private final ClientSocket socket;
  private final BoardAccess access;
  private final int shards;
  private final ConnectionLimits limits;
  private final LongSupplier clock;
  private final TokenBucket frames;
  private final TokenBucket ops;
  private final long idleTimer;
  private final long accessTimer;
  private long lastFrameAt;

  private volatile State state = State.AUTHENTICATED;
  /** The current join (JOINING or JOINED), or null. */
  private volatile Member member;
  private String clientId;
  private Future<Optional<BoardAccess.Decision>> decision;
  private long decidedAt;
  private boolean rechecking;
  private boolean recheckAgain;

  /** A connection whose sign-in is taken to stand, on the caller's context (tests). */
  public BoardConnection(Vertx vertx, Principal principal, ClientSocket socket, BoardAccess access, int shards,
                         ConnectionLimits limits, LongSupplier clock) {
    this(vertx, vertx.getOrCreateContext(), principal, SignIn.ALWAYS, socket, access, shards, limits, clock);
  }

  /**
   * @param context the context this connection runs on; connections of one event loop share one,
   *                so rooms hand them their frames in one task per event loop
   */
  public BoardConnection(Vertx vertx, Context context, Principal principal, SignIn signIn, ClientSocket socket,
                         BoardAccess access, int shards, ConnectionLimits limits, LongSupplier clock) {
    this.vertx = vertx;
    this.context = context;
    this.principal = principal;
    this.signIn = signIn;
    this.socket = socket;
    this.access = access;
    this.shards = shards;
    this.limits = limits;
    this.clock = clock;
    long now = clock.getAsLong();
    this.frames = new TokenBucket(limits.framesPerSecond(), limits.framesBurst(), now);
    this.ops = new TokenBucket(limits.opsPerSecond(), limits.opsBurst(), now);
    this.lastFrameAt = now;
    this.idleTimer = vertx.setPeriodic(Math.max(1_000, limits.idleTimeoutMs() / 4), t -> {
      if (clock.getAsLong() - lastFrameAt > limits.idleTimeoutMs()) close(IDLE, "idle");
    });
    // Spread over the period, so a node's connections do not all ask the database at once.
    long sweep = Math.max(1, limits.accessSweepMs());
    this.accessTimer = vertx.setPeriodic(1 + (long) (Math.random() * sweep), sweep, t -> recheckAccess());
  }

  public String id() {
    return id;
  }

  public UUID accountId() {
    return principal.accountId();
  }

  public State state() {
    return state;
  }

  public void receive(String frame) {
    if (!open()) return;
    long now = clock.getAsLong();
    lastFrameAt = now;
    if (!frames.tryTake(now)) {
      close(POLICY_VIOLATION, "too many frames");
      return;
    }
    ClientMessage message;
    try {
      message = Protocol.decode(frame);
    } catch (ProtocolException e) {
      send(e.toMessage());
      return;
    }
    if (message instanceof ClientMessage.Ping ping) {
      send(new ServerMessage.Pong(ping.id()));
    } else if (message instanceof ClientMessage.Join join) {
      // A join costs database queries: it counts against the operation rate.
      if (ops.tryTake(now)) join(join);
      else send(new ServerMessage.Error(ErrorCode.RATE_LIMITED, "Too many joins; wait a moment.", null));
    } else if (message instanceof ClientMessage.Op op) {
      operation(op, now);
    } else if (message instanceof ClientMessage.Presence p) {
      if (requireJoined(null)) toRoom(new RoomCommand.Presence(member.board, id, p.editing()));
    } else if (message instanceof ClientMessage.Cursor c) {
      if (requireJoined(null)) toRoom(new RoomCommand.Cursor(member.board, id, c.x(), c.y()));
    }
  }

  public void receiveBinary() {
    if (!open()) return;
    lastFrameAt = clock.getAsLong();
    send(new ServerMessage.Error(ErrorCode.BAD_JSON, "Binary frames are not accepted; send JSON text.", null));
  }

  private boolean open() {
    return state != State.CLOSING && state != State.CLOSED;
  }

  private void join(ClientMessage.Join join) {
    leaveBoard();
    Member joining = new Member(join.board());
    member = joining;
    state = State.JOINING;
    clientId = join.client();
    decision = access.decide(joining.board, principal.accountId());
    decidedAt = clock.getAsLong();
    decision.onComplete(ar -> {
      if (member != joining) return;
      if (ar.failed()) {
        notJoined(new ServerMessage.Error(ErrorCode.UNAVAILABLE, "The board cannot be opened just now; try again.", null));
      } else if (ar.result().isEmpty()) {
        notJoined(new ServerMessage.Error(ErrorCode.FORBIDDEN, "You cannot use this board.", null));
      } else if (!ar.result().get().consented()) {
        notJoined(new ServerMessage.Error(ErrorCode.CONSENT_REQUIRED, "Agree to the community's ground rules to see its boards.", null));
      } else {
        joining.role = ar.result().get().role();
        vertx.eventBus().request(BoardRooms.address(joining.board, shards),
                new RoomCommand.Join(joining.board, joining, clientId, join.since()), LocalCodec.DELIVERY)
            .onComplete(reply -> {
              if (reply.failed() && member == joining && state == State.JOINING) {
                notJoined(new ServerMessage.Error(ErrorCode.UNAVAILABLE, "The board cannot be opened just now; try again.", null));
              }
            });
      }
    });
  }

  /** The join did not happen: back to signed in, with the reason. */
  private void notJoined(ServerMessage.Error error) {
    leaveBoard();
    send(error);
  }

  private void operation(ClientMessage.Op op, long now) {
    if (!requireJoined(op.id())) return;
    if (!ops.tryTake(now)) {
      send(new ServerMessage.Error(ErrorCode.RATE_LIMITED,
          "More than " + limits.opsPerSecond() + " operations a second; this one was not applied.", op.id()));
      return;
    }
    Member target = member;
    if (now - decidedAt > limits.accessRecheckMs()) {
      decision = signIn.stillValid().compose(valid -> valid
          ? access.decide(target.board, principal.accountId())
          : Future.succeededFuture(Optional.empty()));
      decidedAt = now;
    }
    // Handlers of one future run in the order they were added, so operations keep their order.
    decision.onComplete(ar -> {
      if (member != target || state != State.JOINED) return;
      if (ar.failed()) {
        send(new ServerMessage.Reject(op.id(), Rejection.UNAVAILABLE));
      } else if (ar.result().isEmpty() || !ar.result().get().consented()) {
        send(new ServerMessage.Error(ErrorCode.FORBIDDEN, "You can no longer use this board.", op.id()));
        close(ACCESS_REVOKED, "access revoked");
      } else {
        BoardAccess.Decision d = ar.result().get();
        Actor actor = new Actor(principal.accountId(), principal.displayName(), d.role(), d.writable());
        toRoom(new RoomCommand.Apply(target.board, target, actor, clientId, op.id(), op.op()));
      }
    });
  }

  /**
   * Checks again that the sign-in stands and, on a board, that this person may still see it;
   * closes with {@link #ACCESS_REVOKED} if not. Called when an access change is announced for this
   * account, and every {@code accessSweepMs} as a safety net. Checks asked for meanwhile run once more after.
   */
  public void recheckAccess() {
    if (!open()) return;
    if (rechecking) {
      recheckAgain = true;
      return;
    }
    rechecking = true;
    Member target = member;
    signIn.stillValid().compose(valid -> {
      if (!valid) return Future.succeededFuture(Verdict.SIGNED_OUT);
      if (target == null) return Future.succeededFuture(Verdict.ALLOWED);
      return access.decide(target.board, principal.accountId()).map(d -> {
        if (d.isEmpty() || !d.get().consented()) return Verdict.NOT_ON_BOARD;
        if (member == target) {
          decision = Future.succeededFuture(d);
          decidedAt = clock.getAsLong();
        }
        return Verdict.ALLOWED;
      });
    }).onComplete(ar -> {
      rechecking = false;
      // When the database cannot answer, the next check tries again; the socket is not closed for it.
      if (ar.succeeded() && (ar.result() == Verdict.SIGNED_OUT || ar.result() == Verdict.NOT_ON_BOARD && member == target)) {
        close(ACCESS_REVOKED, "access revoked");
      } else if (recheckAgain) {
        recheckAgain = false;
        recheckAccess();
      }
    });
  }

  private enum Verdict { ALLOWED, SIGNED_OUT, NOT_ON_BOARD }

  private boolean requireJoined(String ref) {
    if (state == State.JOINED) return true;
    send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "Join a board before sending this.", ref));
    return false;
  }

  private void toRoom(RoomCommand command) {
    vertx.eventBus().send(BoardRooms.address(command.boardId(), shards), command, LocalCodec.DELIVERY);
  }

  /** Leaves the current board, joined or still joining; the room drops the member, or never admits it. */
  private void leaveBoard() {
    Member left = member;
    member = null;
    if (open()) state = State.AUTHENTICATED;
    if (left != null) toRoom(new RoomCommand.Leave(left.board, left));
  }

  private void send(ServerMessage message) {
    if (open()) socket.send(message.encode());
  }

  private void close(short code, String reason) {
    if (!open()) return;
    state = State.CLOSING;
    leaveBoard();
    socket.close(code, reason);
  }

  /** The socket is gone: leave the room and stop listening. */
  public void closed() {
    if (state == State.CLOSED) return;
    state = State.CLOSED;
    leaveBoard();
    vertx.cancelTimer(idleTimer);
    vertx.cancelTimer(accessTimer);
  }

  /** The room's handle on this connection for one join. Called on this connection's context. */
  private final class Member implements RoomMember {
    private final UUID board;
    private volatile Role role = Role.PARTICIPANT;

    Member(UUID board) {
      this.board = board;
    }

    private boolean current() {
      return member == this;
    }

    @Override public String connectionId() { return id; }
    @Override public UUID accountId() { return principal.accountId(); }
    @Override public String name() { return principal.displayName(); }
    @Override public Role role() { return role; }
    @Override public Context context() { return context; }

    @Override
    public boolean connected() {
      return current() && open();
    }

    @Override
    public void send(String frame) {
      if (current() && state == State.JOINED) socket.send(frame);
    }

    @Override
    public void welcome(String frame) {
      if (!current() || state != State.JOINING) {
        // Overtaken by another join or by a close: the room must not keep this member.
        toRoom(new RoomCommand.Leave(board, this));
        return;
      }
      // Joined only once the welcome goes out, so an operation sent right after it is accepted.
      state = State.JOINED;
      socket.send(frame);
    }

    @Override
    public void close(short code, String reason) {
      if (current()) BoardConnection.this.close(code, reason);
    }
  }
}
