package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.account.ContentWithdrawal;

/**
 * When a person deletes their account, what they wrote disappears everywhere: on each board they
 * wrote on, the room deletes their cards and comments (every client sees them go), then their
 * words are blanked in the stored history, then the room reloads from that history, so nothing
 * they wrote can reach a client again, not even one resuming from long ago.
 */
public final class BoardWithdrawal implements ContentWithdrawal {
  /** Stands in for withdrawn words in the history; it passes the same checks as any text when a room reloads. */
  static final String WITHDRAWN_TEXT = "(withdrawn)";
  private static final String BOARDS = "SELECT DISTINCT board_id FROM board_event WHERE author_id = $1";
  private static final String SCRUB_EVENTS = """
      UPDATE board_event SET op = op || jsonb_build_object('text', $2::text)
      WHERE author_id = $1 AND op ? 'text'
      """;
  private static final String SCRUB_SNAPSHOTS = """
      UPDATE board_snapshot SET state = state
        || jsonb_build_object('cards', (SELECT coalesce(jsonb_agg(CASE WHEN c->>'authorId' = $1::text
              THEN c || jsonb_build_object('text', $3::text, 'authorName', $2::text) ELSE c END), '[]'::jsonb)
            FROM jsonb_array_elements(state->'cards') c))
        || jsonb_build_object('comments', (SELECT coalesce(jsonb_agg(CASE WHEN c->>'authorId' = $1::text
              THEN c || jsonb_build_object('text', $3::text, 'authorName', $2::text) ELSE c END), '[]'::jsonb)
            FROM jsonb_array_elements(state->'comments') c))
      WHERE board_id IN (SELECT DISTINCT board_id FROM board_event WHERE author_id = $1::uuid)
      """;

  private final Vertx vertx;
  private final Pool pool;
  private final int shards;

  public BoardWithdrawal(Vertx vertx, Pool pool, int shards) {
    this.vertx = vertx;
    this.pool = pool;
    this.shards = shards;
  }

  @Override
  public Future<Void> withdrawAllBy(UUID accountId) {
    return pool.preparedQuery(BOARDS).execute(Tuple.of(accountId)).compose(rows -> {
      List<UUID> boards = new ArrayList<>();
      for (Row r : rows) boards.add(r.getUUID(0));
      return each(boards, board -> ask(new RoomCommand.Withdraw(board, accountId)))
          .compose(v -> pool.preparedQuery(SCRUB_EVENTS).execute(Tuple.of(accountId, WITHDRAWN_TEXT)))
          .compose(v -> pool.preparedQuery(SCRUB_SNAPSHOTS).execute(Tuple.of(accountId.toString(), BoardRoom.WITHDRAWN_NAME, WITHDRAWN_TEXT)))
          .compose(v -> each(boards, board -> ask(new RoomCommand.Reload(board))));
    });
  }

  private Future<Void> ask(RoomCommand command) {
    return vertx.eventBus().request(BoardRooms.address(command.boardId(), shards), command, LocalCodec.DELIVERY).mapEmpty();
  }

  private static Future<Void> each(List<UUID> boards, java.util.function.Function<UUID, Future<Void>> step) {
    List<Future<Void>> all = new ArrayList<>();
    boards.forEach(b -> all.add(step.apply(b)));
    return Future.all(all).mapEmpty();
  }
}
