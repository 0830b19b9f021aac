package org.circle.board;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.circle.account.ContentWithdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a person deletes their account, what they wrote disappears everywhere. On each board they
 * wrote on: (1) the room withdraws it with ordinary sequenced operations, so every client sees it
 * go ({@link RoomWithdrawal}: their cards and comments deleted, their text on others' cards and
 * their group titles replaced); (2) their words are replaced in the stored history; (3) the room
 * forgets them in the events it keeps and stores a snapshot of the board as it now is, so nothing
 * they wrote can reach a client again, not even one resuming from sequence 0.
 *
 * <p>The deletion writes a {@code pending_withdrawal} row in its own transaction (a trigger);
 * the row goes only when every step is done. Each step can run again harmlessly, so a withdrawal
 * cut short (a crash, a database failure) is finished by {@link #resumePending} at start-up and
 * then every {@link #RETRY_MS}; withdrawals of several people at once each wait for their own
 * operations only.
 */
public final class BoardWithdrawal implements ContentWithdrawal {
  static final String WITHDRAWN_TEXT = RoomWithdrawal.TEXT;
  /** How often unfinished withdrawals are tried again. */
  public static final long RETRY_MS = 60_000;
  private static final Logger log = LoggerFactory.getLogger(BoardWithdrawal.class);

  private static final String BOARDS = "SELECT DISTINCT board_id FROM board_event WHERE author_id = $1";
  /** Their words in the history: card and comment texts, group titles. */
  private static final String SCRUB_EVENTS = """
      UPDATE board_event SET op = op
          || CASE WHEN op ? 'text' THEN jsonb_build_object('text', $2::text) ELSE '{}'::jsonb END
          || CASE WHEN op ? 'title' THEN jsonb_build_object('title', $2::text) ELSE '{}'::jsonb END
      WHERE author_id = $1 AND (op ? 'text' OR op ? 'title')
      """;
  private static final String DONE = "DELETE FROM pending_withdrawal WHERE account_id = $1";
  /** At start-up every pending one; later, only those not just requested (their request is still running). */
  private static final String PENDING = """
      SELECT account_id FROM pending_withdrawal WHERE requested_at <= now() - make_interval(secs => $1)
      ORDER BY requested_at
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
    return withdraw(accountId, true);
  }

  @Override
  public Future<Void> eraseAllBy(UUID accountId) {
    return withdraw(accountId, false);
  }

  private Future<Void> withdraw(UUID accountId, boolean accountGone) {
    return pool.preparedQuery(BOARDS).execute(Tuple.of(accountId)).compose(rows -> {
      List<UUID> boards = new ArrayList<>();
      for (Row r : rows) boards.add(r.getUUID(0));
      return each(boards, board -> ask(new RoomCommand.Withdraw(board, accountId, accountGone)))
          .compose(v -> pool.preparedQuery(SCRUB_EVENTS).execute(Tuple.of(accountId, WITHDRAWN_TEXT)))
          .compose(v -> each(boards, board -> ask(new RoomCommand.Scrub(board, accountId))))
          .compose(v -> pool.preparedQuery(DONE).execute(Tuple.of(accountId)))
          .mapEmpty();
    });
  }

  /**
   * Finishes withdrawals that did not complete, one after another; with {@code olderThanSeconds}
   * above zero, leaves alone those requested more recently (their own request is still at work).
   */
  public Future<Void> resumePending(long olderThanSeconds) {
    return pool.preparedQuery(PENDING).execute(Tuple.of((double) olderThanSeconds)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID account = r.getUUID(0);
        chain = chain.compose(v -> withdrawAllBy(account)
            .onSuccess(x -> log.info("Finished an interrupted withdrawal"))
            .recover(err -> {
              log.warn("A withdrawal could not be finished yet ({}); it is tried again later", BoardRoom.describe(err));
              return Future.succeededFuture();
            }));
      }
      return chain;
    });
  }

  /** Finishes what is pending now, then keeps trying every {@link #RETRY_MS}. */
  public void resumeNowAndLater() {
    resumePending(0).onFailure(err -> log.warn("Pending withdrawals could not be read: {}", BoardRoom.describe(err)));
    vertx.setPeriodic(RETRY_MS, t -> resumePending(RETRY_MS / 1000)
        .onFailure(err -> log.warn("Pending withdrawals could not be read: {}", BoardRoom.describe(err))));
  }

  private Future<Void> ask(RoomCommand command) {
    return vertx.eventBus().request(BoardRooms.address(command.boardId(), shards), command, LocalCodec.DELIVERY).mapEmpty();
  }

  private static Future<Void> each(List<UUID> boards, Function<UUID, Future<Void>> step) {
    List<Future<Void>> all = new ArrayList<>();
    boards.forEach(b -> all.add(step.apply(b)));
    return Future.all(all).mapEmpty();
  }
}
