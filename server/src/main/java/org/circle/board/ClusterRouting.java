package org.circle.board;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.UUID;
import org.circle.protocol.Rejection;
import org.circle.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's part in a cluster of nodes: who owns a board, and how commands and frames reach it.
 *
 * <p>The owner of a board is the node whose shard holds its lock ({@link BoardLocks}); while the
 * room is open there it listens on the clustered event bus at {@link RoomCluster#roomAddress}. A
 * join for a board not open here takes the board's lock if it is free and opens the room here;
 * otherwise it, like any command, goes to the owner ({@link RoomWire}); when it cannot get there
 * (nobody listens, or the owner's node is gone), the lock decides again, and while it is held
 * elsewhere the command is tried again shortly.
 * A member whose join went to another node is represented there by a {@link RemoteMember}; the
 * owner's frames for it come back to this shard's own address and go out through the
 * {@link Outbox} as any local frame does. A member on the owner's node never leaves its node.
 *
 * <p>When a node leaves the cluster, its members are swept from the rooms here, and the members
 * here whose board it owned are told to resynchronise: they join again, and the board opens on a
 * surviving node from what is durable. Confined to the shard's context.
 */
final class ClusterRouting {
  /** What the owning shard needs of its {@link BoardRooms}. */
  interface Host {
    BoardRoom open(UUID board);

    /** The room is open or loading here. */
    boolean busy(UUID board);

    Future<BoardRoom> load(UUID board);

    Collection<BoardRoom> openRooms();

    void dispatch(BoardRoom room, RoomCommand command, BoardRooms.Answer answer);

    Outbox outbox();
  }

  static final String OWNER = "owner";
  /** The answer of a node that no longer has the room open: the sender asks again. */
  static final int MOVED = 410;
  /** A join waits for the owner's database read of what the client already had applied. */
  private static final long JOIN_TIMEOUT_MS = 5_000;
  private static final long REQUEST_TIMEOUT_MS = 10_000;
  /** How long a command keeps looking for a board's owner (a dead owner's listener goes within seconds). */
  private static final long ROUTE_DEADLINE_MS = 15_000;
  private static final long RETRY_MS = 100;
  private static final Logger log = LoggerFactory.getLogger(ClusterRouting.class);

  /** A join this shard forwarded to another node. */
  private static final class Forward {
    final UUID board;
    final RoomMember local;
    final RemoteMember handle;
    String owner;
    /** While the join waits for its owner's answer: how to join again if that owner turns out gone. */
    Runnable again;
    /** Joined again elsewhere: the first answer, if it ever comes, is not this join's any more. */
    boolean abandoned;

    Forward(UUID board, RoomMember local, RemoteMember handle) {
      this.board = board;
      this.local = local;
      this.handle = handle;
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final RoomCluster cluster;
  private final Host host;
  private final String framesAddress;
  private final BoardLocks locks;
  private final RemoteMember.Link link;
  private final DeliveryOptions ownerReply;

  private final Map<RoomMember, Forward> forwarded = new IdentityHashMap<>();
  private final Map<String, Forward> byJoin = new HashMap<>();
  private final Map<String, Forward> byConnection = new HashMap<>();
  /** The boards owned here, with their listener on the clustered event bus. */
  private final Map<UUID, MessageConsumer<RoomCommand>> owned = new HashMap<>();
  /** The members from other nodes in the rooms here, by board and join. */
  private final Map<UUID, Map<String, RemoteMember>> remote = new HashMap<>();

  ClusterRouting(Vertx vertx, RoomCluster cluster, int shard, Host host) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.cluster = cluster;
    this.host = host;
    this.framesAddress = RoomCluster.framesAddress(cluster.nodeId(), shard);
    this.locks = new BoardLocks(vertx, cluster.lockDatabase(), this::lockLost);
    this.ownerReply = new DeliveryOptions().addHeader(OWNER, cluster.nodeId());
    RemoteFrames outgoing = new RemoteFrames(context, (address, batch) -> vertx.eventBus().send(address, batch));
    this.link = new RemoteMember.Link() {
      @Override public void send(String address, char kind, String joinId, String frame) { outgoing.send(address, kind, joinId, frame); }
      @Override public boolean alive(String node) { return cluster.alive(node); }
    };
  }

  Future<Void> start() {
    RoomWire.register(vertx);
    cluster.onLeft(node -> context.runOnContext(v -> nodeLeft(node)));
    MessageConsumer<String> frames = vertx.eventBus().consumer(framesAddress, this::frames);
    return Future.all(locks.connect(), frames.completion()).mapEmpty();
  }

  /** A command from this node: for a join forwarded elsewhere it follows the join; otherwise to the board's owner, here or there. */
  void handle(Message<RoomCommand> message) {
    RoomCommand command = message.body();
    Forward f = followsForwardedJoin(command);
    if (f != null) {
      if (command instanceof RoomCommand.Leave) {
        forget(f);
        toOwner(new RoomCommand.Leave(f.board, f.handle));
      } else if (command instanceof RoomCommand.Apply a) {
        toOwner(new RoomCommand.Apply(a.boardId(), f.handle, a.actor(), a.clientId(), a.opId(), a.op()));
      } else {
        toOwner(command);
      }
      return;
    }
    BoardRoom open = host.open(command.boardId());
    if (open != null) {
      host.dispatch(open, command, BoardRooms.Answer.to(message));
      return;
    }
    long deadline = System.currentTimeMillis() + ROUTE_DEADLINE_MS;
    if (command instanceof RoomCommand.Join j) {
      // A free lock means no live node owns the board: it opens here, without asking a node that may be dead.
      takeOrElse(j, message, () -> join(j, message, deadline));
    } else if (command instanceof RoomCommand.Withdraw || command instanceof RoomCommand.Scrub
        || command instanceof RoomCommand.Reload) {
      request(command, message, deadline);
    } else if (command instanceof RoomCommand.Apply a) {
      host.outbox().send(a.member(), new ServerMessage.Reject(a.opId(), Rejection.UNAVAILABLE).encode());
    }
    // A leave, presence or cursor for a board whose room is gone means nothing.
  }

  private Forward followsForwardedJoin(RoomCommand command) {
    if (command instanceof RoomCommand.Leave l) return forwarded.get(l.member());
    if (command instanceof RoomCommand.Apply a) return forwarded.get(a.member());
    String connection = command instanceof RoomCommand.Presence p ? p.connectionId()
        : command instanceof RoomCommand.Cursor c ? c.connectionId() : null;
    if (connection == null) return null;
    Forward f = byConnection.get(connection);
    return f != null && f.board.equals(command.boardId()) ? f : null;
  }

  private void toOwner(RoomCommand command) {
    vertx.eventBus().send(RoomCluster.roomAddress(command.boardId()), command, RoomWire.delivery(REQUEST_TIMEOUT_MS));
  }

  private void join(RoomCommand.Join j, Message<RoomCommand> message, long deadline) {
    RoomMember local = j.member();
    if (!local.connected()) {
      message.fail(503, "gone");
      return;
    }
    // Opened here meanwhile (another join took the lock while this one waited)?
    BoardRoom open = host.open(j.boardId());
    if (open != null) {
      host.dispatch(open, j, BoardRooms.Answer.to(message));
      return;
    }
    RemoteMember handle = new RemoteMember(UUID.randomUUID().toString(), cluster.nodeId(), framesAddress,
        local.connectionId(), local.accountId(), local.name(), local.role());
    Forward f = new Forward(j.boardId(), local, handle);
    // Joined again when its owner may be gone: through the lock, as a new join is.
    f.again = () -> takeOrElse(j, message, () -> join(j, message, deadline));
    // Before sending: the owner's welcome may arrive before its reply.
    remember(f);
    vertx.eventBus().request(RoomCluster.roomAddress(j.boardId()), new RoomCommand.Join(j.boardId(), handle, j.clientId(), j.since()),
        RoomWire.delivery(JOIN_TIMEOUT_MS)).onComplete(ar -> {
          if (f.abandoned) return;
          f.again = null;
          if (ar.succeeded()) {
            f.owner = ar.result().headers().get(OWNER);
            if (f.owner == null || !cluster.alive(f.owner)) ownerGone(f);
            message.reply(ar.result().body());
            return;
          }
          forget(f);
          // The owner may have admitted it before the answer was lost: it must not keep it.
          if (failure(ar.cause()) == ReplyFailure.TIMEOUT) toOwner(new RoomCommand.Leave(j.boardId(), handle));
          if (!local.connected()) {
            message.fail(503, "gone");
            return;
          }
          afterFailure(j, message, deadline, ar.cause(), () -> join(j, message, deadline));
        });
  }

  private void request(RoomCommand command, Message<RoomCommand> message, long deadline) {
    BoardRoom open = host.open(command.boardId());
    if (open != null) {
      host.dispatch(open, command, BoardRooms.Answer.to(message));
      return;
    }
    vertx.eventBus().request(RoomCluster.roomAddress(command.boardId()), command, RoomWire.delivery(REQUEST_TIMEOUT_MS))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(ar.result().body());
          } else if (command instanceof RoomCommand.Reload && failure(ar.cause()) == ReplyFailure.NO_HANDLERS) {
            message.reply(null); // no room is open anywhere: the next join loads the truth
          } else {
            afterFailure(command, message, deadline, ar.cause(), () -> request(command, message, deadline));
          }
        });
  }

  /**
   * The owner refused: so be it. Anything else (nobody listens, the room moved, no answer, a node
   * that cannot be reached) and the board's lock decides: free, this shard takes the board;
   * held, the command is tried again shortly. The lock, not the cluster's view of who is alive,
   * is what moves a dead node's boards: PostgreSQL frees its locks when its connection goes,
   * seconds before the cluster takes the node for dead.
   */
  private void afterFailure(RoomCommand command, Message<RoomCommand> message, long deadline, Throwable err, Runnable again) {
    ReplyFailure failure = failure(err);
    if (failure == ReplyFailure.RECIPIENT_FAILURE && ((ReplyException) err).failureCode() != MOVED) {
      message.fail(503, "unavailable");
      return;
    }
    takeOrElse(command, message, () -> later(message, deadline, again));
  }

  /** Opens the board here and hands it the command if this shard gets its lock; if the lock is held elsewhere, {@code otherwise}. */
  private void takeOrElse(RoomCommand command, Message<RoomCommand> message, Runnable otherwise) {
    UUID board = command.boardId();
    locks.claim(board).onComplete(claimed -> {
      if (claimed.failed() || !claimed.result()) {
        otherwise.run();
        return;
      }
      openHere(board).onSuccess(room -> host.dispatch(room, command, BoardRooms.Answer.to(message))).onFailure(e -> {
        log.warn("Board {} could not be opened: {}", board, BoardRoom.describe(e));
        if ((command instanceof RoomCommand.Withdraw || command instanceof RoomCommand.Scrub) && "no such board".equals(e.getMessage())) {
          message.reply(null);
        } else {
          message.fail(503, "unavailable");
        }
      });
    });
  }

  private void later(Message<RoomCommand> message, long deadline, Runnable again) {
    if (System.currentTimeMillis() >= deadline) {
      message.fail(503, "no owner");
      return;
    }
    vertx.setTimer(RETRY_MS, t -> again.run());
  }

  private static ReplyFailure failure(Throwable err) {
    return err instanceof ReplyException re ? re.failureType() : ReplyFailure.ERROR;
  }

  /** Loads the room under this shard's lock and starts listening for it across the cluster. */
  private Future<BoardRoom> openHere(UUID board) {
    return host.load(board).compose(room -> {
      if (!locks.holds(board)) {
        // The lock went with its connection while the room loaded: it must not be written.
        room.reload();
        return Future.failedFuture("the board lock was lost");
      }
      owned.computeIfAbsent(board, b -> vertx.eventBus().consumer(RoomCluster.roomAddress(b), this::fromCluster));
      superseded(board);
      return Future.succeededFuture(room);
    }, err -> {
      if (!host.busy(board)) locks.release(board);
      return Future.failedFuture(err);
    });
  }

  /** The room of a board owned here closed: stop listening for it, then let another node take it. */
  void closed(UUID board) {
    Map<String, RemoteMember> members = remote.remove(board);
    if (members != null) members.values().forEach(RemoteMember::left);
    MessageConsumer<RoomCommand> consumer = owned.remove(board);
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    // Released only once nobody can reach this node's listener for it, and only if it did not open again meanwhile.
    unregistered.onComplete(v -> {
      if (!host.busy(board) && !owned.containsKey(board)) locks.release(board);
    });
  }

  /** A command from another node for a board owned here. */
  private void fromCluster(Message<RoomCommand> message) {
    RoomCommand command = message.body();
    UUID board = command.boardId();
    BoardRoom room = host.open(board);
    if (room == null || !locks.holds(board)) {
      if (command instanceof RoomCommand.Apply a) {
        ((RemoteMember) a.member()).attached(link).send(new ServerMessage.Reject(a.opId(), Rejection.UNAVAILABLE).encode());
      } else if (!(command instanceof RoomCommand.Leave) && !(command instanceof RoomCommand.Presence)
          && !(command instanceof RoomCommand.Cursor)) {
        message.fail(MOVED, "moved");
      }
      return;
    }
    BoardRooms.Answer answer = new BoardRooms.Answer() {
      @Override public void ok(Object body) { message.reply(body, ownerReply); }
      @Override public void fail() { message.fail(503, "unavailable"); }
    };
    if (command instanceof RoomCommand.Join j) {
      RemoteMember member = ((RemoteMember) j.member()).attached(link);
      remote.computeIfAbsent(board, b -> new HashMap<>()).put(member.joinId(), member);
      host.dispatch(room, new RoomCommand.Join(board, member, j.clientId(), j.since()), answer);
    } else if (command instanceof RoomCommand.Leave l) {
      Map<String, RemoteMember> members = remote.get(board);
      RemoteMember member = members == null ? null : members.remove(((RemoteMember) l.member()).joinId());
      if (member != null) {
        member.left();
        room.leave(member);
      }
    } else if (command instanceof RoomCommand.Apply a) {
      RemoteMember sent = (RemoteMember) a.member();
      RemoteMember member = membersOf(board).get(sent.joinId());
      // An unknown join is no member: the room refuses its operation, and the refusal must reach it.
      if (member == null) member = sent.attached(link);
      host.dispatch(room, new RoomCommand.Apply(board, member, a.actor(), a.clientId(), a.opId(), a.op()), answer);
    } else {
      host.dispatch(room, command, answer);
    }
  }

  private Map<String, RemoteMember> membersOf(UUID board) {
    return remote.getOrDefault(board, Map.of());
  }

  /** The owner's frames for joins this shard forwarded, a batch at a time. */
  private void frames(Message<String> message) {
    RemoteFrames.read(message.body(), this::frame);
  }

  private void frame(char kind, String joinId, String payload) {
    Forward f = byJoin.get(joinId);
    if (f == null) return;
    switch (kind) {
      case RemoteMember.FRAME -> host.outbox().send(f.local, payload);
      case RemoteMember.WELCOME -> host.outbox().welcome(f.local, payload);
      case RemoteMember.CLOSE -> {
        forget(f);
        int space = payload.indexOf(' ');
        host.outbox().close(f.local, Short.parseShort(payload.substring(0, space)), payload.substring(space + 1));
      }
      default -> log.warn("Ignored a frame of unknown kind from another node");
    }
  }

  /** Forwarded joins whose connection went without a leave: the owner is told. */
  void sweep() {
    for (Forward f : new ArrayList<>(forwarded.values())) {
      if (f.local.connected()) continue;
      forget(f);
      toOwner(new RoomCommand.Leave(f.board, f.handle));
    }
  }

  private void nodeLeft(String node) {
    for (Forward f : new ArrayList<>(forwarded.values())) {
      if (!stillForwarded(f)) continue;
      if (node.equals(f.owner)) {
        ownerGone(f);
      } else if (f.again != null) {
        joinAgain(f); // perhaps sent to that node
      }
    }
    // The rooms here sweep its members out (they are no longer connected); their handles go now.
    remote.values().forEach(members -> members.values().removeIf(m -> node.equals(m.node())));
  }

  /**
   * This shard now holds the board's lock, so whichever node the joins here were forwarded to for
   * it lost the board (it died, or its lock connection broke): they join again, here.
   */
  private void superseded(UUID board) {
    for (Forward f : new ArrayList<>(forwarded.values())) {
      // Joining again may open the room here and come back to this: each forward is handled once.
      if (!f.board.equals(board) || !stillForwarded(f)) continue;
      if (f.again != null) {
        joinAgain(f);
      } else {
        ownerGone(f);
      }
    }
  }

  /**
   * A join still waiting for an owner that may be gone: a request to a node that died is answered
   * by nobody until its timeout, so it is joined again now (and the first owner, should it be
   * alive after all, is told to let the first attempt go).
   */
  private void joinAgain(Forward f) {
    Runnable again = f.again;
    f.abandoned = true;
    f.again = null;
    forget(f);
    toOwner(new RoomCommand.Leave(f.board, f.handle));
    again.run();
  }

  /** The board's owner is gone: the member joins again, and the board opens where its lock is free. */
  private void ownerGone(Forward f) {
    forget(f);
    host.outbox().close(f.local, BoardRoom.RESYNC, "resync");
  }

  /** This shard's lock connection broke: it may no longer write any board, so every room here closes. */
  private void lockLost() {
    for (BoardRoom room : new ArrayList<>(host.openRooms())) room.reload();
  }

  /** Not yet forgotten: a loop over a copy of the forwards may meet one an earlier step let go. */
  private boolean stillForwarded(Forward f) {
    return forwarded.get(f.local) == f;
  }

  private void remember(Forward f) {
    forwarded.put(f.local, f);
    byJoin.put(f.handle.joinId(), f);
    byConnection.put(f.local.connectionId(), f);
  }

  private void forget(Forward f) {
    forwarded.remove(f.local, f);
    byJoin.remove(f.handle.joinId(), f);
    byConnection.remove(f.local.connectionId(), f);
  }

  Future<Void> stop() {
    return locks.close();
  }
}
