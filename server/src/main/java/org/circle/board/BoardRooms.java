package org.circle.board;

import org.circle.protocol.Rejection;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.circle.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the open rooms of one shard of boards, all on this verticle's context. A board always maps
 * to the same shard ({@link #address}), so each room has exactly one owner on this node and its
 * state is touched by one thread. Rooms load on first use (concurrent joins share one load) and
 * are dropped when idle. In a cluster ({@link RoomCluster}) a board's room is open on one node
 * only, the one holding its lock, and commands for it travel there ({@link ClusterRouting}); with
 * one node, nothing of that runs.
 */
public final class BoardRooms extends VerticleBase {
  /** An empty room with nothing to write is dropped after this long; it reloads from the database on the next join. */
  static final long IDLE_ROOM_MS = 60_000;
  private static final Logger log = LoggerFactory.getLogger(BoardRooms.class);

  private final int shard;
  private final int shards;
  private final BoardLog boardLog;
  private final RoomLimits limits;
  private final RoomMetrics metrics;
  private Shard parts;
  private final Map<UUID, BoardRoom> rooms = new HashMap<>();
  private final Map<UUID, Future<BoardRoom>> loading = new HashMap<>();
  private final Optional<RoomCluster> cluster;
  private MessageConsumer<RoomCommand> consumer;
  private ClusterRouting routing;

  public BoardRooms(int shard, int shards, BoardLog boardLog, RoomLimits limits, RoomMetrics metrics) {
    this(shard, shards, boardLog, limits, metrics, Optional.empty());
  }

  public BoardRooms(int shard, int shards, BoardLog boardLog, RoomLimits limits, RoomMetrics metrics, Optional<RoomCluster> cluster) {
    this.shard = shard;
    this.shards = shards;
    this.boardLog = boardLog;
    this.limits = limits;
    this.metrics = metrics;
    this.cluster = cluster;
  }

  /** How a command is answered: locally, or to the node that sent it. */
  interface Answer {
    void ok(Object body);

    void fail();

    static Answer to(Message<RoomCommand> message) {
      return new Answer() {
        @Override public void ok(Object body) { message.reply(body); }
        @Override public void fail() { message.fail(503, "unavailable"); }
      };
    }
  }

  public static String address(UUID boardId, int shards) {
    return "circle.board.rooms." + Math.floorMod(boardId.hashCode(), shards);
  }

  /** Deploys {@code shards} owners, one per context. */
  public static Future<Void> deploy(Vertx vertx, int shards, BoardLog boardLog) {
    return deploy(vertx, shards, boardLog, RoomLimits.DEFAULT, RoomMetrics.none());
  }

  public static Future<Void> deploy(Vertx vertx, int shards, BoardLog boardLog, RoomLimits limits, RoomMetrics metrics) {
    return deploy(vertx, shards, boardLog, limits, metrics, Optional.empty());
  }

  /** With a cluster, each shard takes board locks and listens for the boards it owns across the nodes. */
  public static Future<Void> deploy(Vertx vertx, int shards, BoardLog boardLog, RoomLimits limits, RoomMetrics metrics,
                                    Optional<RoomCluster> cluster) {
    LocalCodec.register(vertx);
    Future<?>[] deployed = new Future<?>[shards];
    for (int i = 0; i < shards; i++) deployed[i] = vertx.deployVerticle(new BoardRooms(i, shards, boardLog, limits, metrics, cluster));
    return Future.all(List.of(deployed)).mapEmpty();
  }

  @Override
  public Future<?> start() {
    parts = Shard.over(vertx, boardLog, limits, metrics);
    routing = cluster.map(c -> new ClusterRouting(vertx, c, shard, new Host())).orElse(null);
    consumer = vertx.eventBus().localConsumer("circle.board.rooms." + shard, routing == null ? this::handle : routing::handle);
    vertx.setPeriodic(IDLE_ROOM_MS / 4, t -> rooms.values().removeIf(room -> {
      if (!room.idleSince(IDLE_ROOM_MS)) return false;
      room.dropped();
      if (routing != null) routing.closed(room.info().id());
      return true;
    }));
    // A safety net: a member whose socket went without its leave reaching the room is removed here.
    vertx.setPeriodic(limits.sweepMs(), t -> {
      rooms.values().forEach(room -> {
        int gone = room.sweep();
        if (gone > 0) log.info("Board {}: removed {} member(s) whose connection was gone", room.info().id(), gone);
      });
      if (routing != null) routing.sweep();
    });
    return routing == null ? consumer.completion() : Future.all(consumer.completion(), routing.start());
  }

  @Override
  public Future<?> stop() {
    return routing == null ? Future.succeededFuture() : routing.stop();
  }

  /** What the cluster routing uses of this shard. */
  private final class Host implements ClusterRouting.Host {
    @Override public BoardRoom open(UUID board) { return rooms.get(board); }
    @Override public boolean busy(UUID board) { return rooms.containsKey(board) || loading.containsKey(board); }
    @Override public Future<BoardRoom> load(UUID board) { return room(board); }
    @Override public Collection<BoardRoom> openRooms() { return rooms.values(); }
    @Override public void dispatch(BoardRoom room, RoomCommand command, Answer answer) { BoardRooms.this.dispatch(room, command, answer); }
    @Override public Outbox outbox() { return parts.outbox(); }
  }

  private void handle(Message<RoomCommand> message) {
    RoomCommand command = message.body();
    BoardRoom open = rooms.get(command.boardId());
    if (open != null) {
      dispatch(open, command, Answer.to(message));
      return;
    }
    // A room that is not open will load the truth anyway.
    if (command instanceof RoomCommand.Reload) {
      message.reply(null);
      return;
    }
    // Only a join, an operation or a withdrawal opens a room; presence for a room that is gone means nothing.
    if (!(command instanceof RoomCommand.Join) && !(command instanceof RoomCommand.Apply)
        && !(command instanceof RoomCommand.Withdraw) && !(command instanceof RoomCommand.Scrub)) return;
    room(command.boardId())
        .onSuccess(room -> dispatch(room, command, Answer.to(message)))
        .onFailure(err -> {
          log.warn("Board {} could not be opened: {}", command.boardId(), BoardRoom.describe(err));
          if (command instanceof RoomCommand.Apply a) {
            parts.outbox().send(a.member(), new ServerMessage.Reject(a.opId(), Rejection.UNAVAILABLE).encode());
          } else if ((command instanceof RoomCommand.Withdraw || command instanceof RoomCommand.Scrub)
              && "no such board".equals(err.getMessage())) {
            message.reply(null);
          } else {
            message.fail(503, "unavailable");
          }
        });
  }

  private Future<BoardRoom> room(UUID boardId) {
    BoardRoom open = rooms.get(boardId);
    if (open != null) return Future.succeededFuture(open);
    return loading.computeIfAbsent(boardId, id -> {
      Promise<BoardRoom> promise = Promise.promise();
      boardLog.load(id, BoardRoom.RETAINED_EVENTS).onComplete(ar -> {
        loading.remove(id);
        if (ar.failed()) {
          promise.fail(ar.cause());
        } else if (ar.result().isEmpty()) {
          promise.fail("no such board");
        } else {
          BoardRoom[] self = new BoardRoom[1];
          self[0] = new BoardRoom(vertx, parts, ar.result().get(), System::currentTimeMillis, () -> {
            if (rooms.remove(id, self[0])) {
              self[0].dropped();
              if (routing != null) routing.closed(id);
            }
          });
          rooms.put(id, self[0]);
          promise.complete(self[0]);
        }
      });
      return promise.future();
    });
  }

  private void dispatch(BoardRoom room, RoomCommand command, Answer message) {
    if (command instanceof RoomCommand.Join j) {
      room.join(j.member(), j.clientId(), j.since())
          .onSuccess(v -> message.ok(room.committedSeq()))
          .onFailure(err -> message.fail());
    } else if (command instanceof RoomCommand.Leave l) {
      room.leave(l.member());
    } else if (command instanceof RoomCommand.Apply a) {
      room.operation(a.member(), a.actor(), a.clientId(), a.opId(), a.op());
    } else if (command instanceof RoomCommand.Presence p) {
      room.presence(p.connectionId(), p.editing());
    } else if (command instanceof RoomCommand.Cursor c) {
      room.cursor(c.connectionId(), c.x(), c.y());
    } else if (command instanceof RoomCommand.Withdraw w) {
      room.withdraw(w.accountId(), w.accountGone())
          .onSuccess(v -> message.ok(null))
          .onFailure(err -> message.fail());
    } else if (command instanceof RoomCommand.Reload) {
      room.reload();
      message.ok(null);
    } else if (command instanceof RoomCommand.Scrub s) {
      room.scrubbed(s.accountId())
          .onSuccess(v -> message.ok(null))
          .onFailure(err -> message.fail());
    }
  }

  /** The open room of a board on this shard, for tests. */
  BoardRoom openRoom(UUID boardId) {
    return rooms.get(boardId);
  }
}
