package org.circle.realtime;

import org.circle.protocol.ClientMessage;
import org.circle.protocol.ErrorCode;
import org.circle.protocol.Protocol;
import org.circle.protocol.ProtocolException;
import org.circle.protocol.ServerMessage;
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
import org.circle.protocol.Rejection;
import org.circle.board.RoomCommand;
import org.circle.board.RoomMember;
import org.circle.community.Role;
import org.circle.ratelimit.TokenBucket;

/**
 * One signed-in person's WebSocket: decodes and checks each frame, enforces the connection's
 * limits, checks access to the board, and hands board work to the board's room over the event bus.
 * The room answers through {@link Member}, run on this connection's context by the room's
 * {@link org.circle.board.Outbox}, so the room never touches the socket from its own thread.
 * Confined to the event loop of its socket.
 */
public final class BoardConnection {
  /** Close code for a connection that sent nothing for too long. */
  static final short IDLE = 4002;
  /** Close code for abuse: far more frames than any person sends. */
  static final short POLICY_VIOLATION = 1008;

  private final Vertx vertx;
  private final Context context;
  private final String id = UUID.randomUUID().toString();
  private final Principal principal;
  private final ClientSocket socket;
  private final BoardAccess access;
  private final int shards;
  private final ConnectionLimits limits;
  private final LongSupplier clock;
  private final TokenBucket frames;
  private final TokenBucket ops;
  private final long idleTimer;
  private long lastFrameAt;

  private UUID board;
  private String clientId;
  private boolean joined;
  private Future<Optional<BoardAccess.Decision>> decision;
  private long decidedAt;
  private Member member;
  private boolean closed;

  public BoardConnection(Vertx vertx, Principal principal, ClientSocket socket, BoardAccess access, int shards,
                         ConnectionLimits limits, LongSupplier clock) {
    this.vertx = vertx;
    this.principal = principal;
    this.socket = socket;
    this.access = access;
    this.shards = shards;
    this.limits = limits;
    this.clock = clock;
    long now = clock.getAsLong();
    this.frames = new TokenBucket(limits.framesPerSecond(), limits.framesBurst(), now);
    this.ops = new TokenBucket(limits.opsPerSecond(), limits.opsBurst(), now);
    this.lastFrameAt = now;
    this.context = vertx.getOrCreateContext();
    this.idleTimer = vertx.setPeriodic(Math.max(1_000, limits.idleTimeoutMs() / 4), t -> {
      if (clock.getAsLong() - lastFrameAt > limits.idleTimeoutMs()) close(IDLE, "idle");
    });
  }

  public void receive(String frame) {
    if (closed) return;
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
      if (requireJoined(null)) toRoom(new RoomCommand.Presence(board, id, p.editing()));
    } else if (message instanceof ClientMessage.Cursor c) {
      if (requireJoined(null)) toRoom(new RoomCommand.Cursor(board, id, c.x(), c.y()));
    }
  }

  public void receiveBinary() {
    if (closed) return;
    lastFrameAt = clock.getAsLong();
    send(new ServerMessage.Error(ErrorCode.BAD_JSON, "Binary frames are not accepted; send JSON text.", null));
  }

  private void join(ClientMessage.Join join) {
    leaveBoard();
    UUID wanted = join.board();
    board = wanted;
    clientId = join.client();
    decision = access.decide(wanted, principal.accountId());
    decidedAt = clock.getAsLong();
    decision.onComplete(ar -> {
      if (closed || !wanted.equals(board)) return;
      if (ar.failed()) {
        board = null;
        send(new ServerMessage.Error(ErrorCode.UNAVAILABLE, "The board cannot be opened just now; try again.", null));
      } else if (ar.result().isEmpty()) {
        board = null;
        send(new ServerMessage.Error(ErrorCode.FORBIDDEN, "You cannot use this board.", null));
      } else if (!ar.result().get().consented()) {
        board = null;
        send(new ServerMessage.Error(ErrorCode.CONSENT_REQUIRED, "Agree to the community's ground rules to see its boards.", null));
      } else {
        member = new Member(ar.result().get().role(), wanted);
        vertx.eventBus().request(BoardRooms.address(wanted, shards),
                new RoomCommand.Join(wanted, member, clientId, join.since()), LocalCodec.DELIVERY)
            .onComplete(reply -> {
              if (closed || !wanted.equals(board)) return;
              if (reply.failed()) {
                board = null;
                send(new ServerMessage.Error(ErrorCode.UNAVAILABLE, "The board cannot be opened just now; try again.", null));
              }
            });
      }
    });
  }

  private void operation(ClientMessage.Op op, long now) {
    if (!requireJoined(op.id())) return;
    if (!ops.tryTake(now)) {
      send(new ServerMessage.Error(ErrorCode.RATE_LIMITED,
          "More than " + limits.opsPerSecond() + " operations a second; this one was not applied.", op.id()));
      return;
    }
    if (now - decidedAt > limits.accessRecheckMs()) {
      decision = access.decide(board, principal.accountId());
      decidedAt = now;
    }
    UUID target = board;
    // Handlers of one future run in the order they were added, so operations keep their order.
    decision.onComplete(ar -> {
      if (closed || !target.equals(board)) return;
      if (ar.failed()) {
        send(new ServerMessage.Reject(op.id(), Rejection.UNAVAILABLE));
      } else if (ar.result().isEmpty() || !ar.result().get().consented()) {
        send(new ServerMessage.Error(ErrorCode.FORBIDDEN, "You can no longer use this board.", op.id()));
        leaveBoard();
      } else {
        BoardAccess.Decision d = ar.result().get();
        Actor actor = new Actor(principal.accountId(), principal.displayName(), d.role(), d.writable());
        toRoom(new RoomCommand.Apply(target, member, actor, clientId, op.id(), op.op()));
      }
    });
  }

  private boolean requireJoined(String ref) {
    if (joined) return true;
    send(new ServerMessage.Error(ErrorCode.NOT_JOINED, "Join a board before sending this.", ref));
    return false;
  }

  private void toRoom(RoomCommand command) {
    vertx.eventBus().send(BoardRooms.address(command.boardId(), shards), command, LocalCodec.DELIVERY);
  }

  private void leaveBoard() {
    if (board != null && joined) toRoom(new RoomCommand.Leave(board, id));
    board = null;
    joined = false;
    member = null;
  }

  private void send(ServerMessage message) {
    if (!closed) socket.send(message.encode());
  }

  private void close(short code, String reason) {
    if (closed) return;
    socket.close(code, reason);
    closed();
  }

  /** The socket is gone: leave the room and stop listening. */
  public void closed() {
    if (closed) return;
    leaveBoard();
    closed = true;
    vertx.cancelTimer(idleTimer);
  }

  /** How the room reaches this connection: its methods run on this connection's context. */
  private final class Member implements RoomMember {
    private final Role role;
    private final UUID memberOf;

    Member(Role role, UUID memberOf) {
      this.role = role;
      this.memberOf = memberOf;
    }

    @Override public String connectionId() { return id; }
    @Override public UUID accountId() { return principal.accountId(); }
    @Override public String name() { return principal.displayName(); }
    @Override public Role role() { return role; }
    @Override public Context context() { return context; }

    @Override
    public void send(String frame) {
      if (!closed) socket.send(frame);
    }

    @Override
    public void welcome(String frame) {
      if (closed) return;
      // Joined only once the welcome goes out, so an operation sent right after it is accepted.
      if (memberOf.equals(board)) joined = true;
      socket.send(frame);
    }

    @Override
    public void close(short code, String reason) {
      BoardConnection.this.close(code, reason);
    }
  }
}
