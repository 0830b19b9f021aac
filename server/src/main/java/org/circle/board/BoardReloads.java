package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reloads the open rooms of a community's boards after something they hold in memory changed in
 * the database: when the ground rules make cards anonymous, every board of the community becomes
 * anonymous (a database trigger sees to it), and a room that was already open must stop sending
 * authors at once. Clients resynchronise (4001) and resume with the new view.
 */
public final class BoardReloads {
  static final String BOARDS = "SELECT id FROM board WHERE community_id = $1";

  private final Vertx vertx;
  private final Pool pool;
  private final int shards;

  public BoardReloads(Vertx vertx, Pool pool, int shards) {
    this.vertx = vertx;
    this.pool = pool;
    this.shards = shards;
  }

  public Future<Void> reloadCommunity(UUID communityId) {
    return pool.preparedQuery(BOARDS).execute(Tuple.of(communityId)).compose(rows -> {
      List<UUID> boards = new ArrayList<>();
      for (Row r : rows) boards.add(r.getUUID(0));
      return reload(boards);
    });
  }

  /** Reloads these boards' open rooms (their content was destroyed, or changed under them). */
  public Future<Void> reload(List<UUID> boards) {
    List<Future<Object>> reloads = new ArrayList<>();
    for (UUID board : boards) {
      reloads.add(vertx.eventBus().request(BoardRooms.address(board, shards), new RoomCommand.Reload(board), LocalCodec.DELIVERY)
          .map(m -> (Object) null));
    }
    return Future.join(reloads).mapEmpty();
  }
}
