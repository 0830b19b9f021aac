package org.circle.board;

import org.circle.protocol.InvalidOperation;
import org.circle.protocol.Operation;
import org.circle.protocol.Operations;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.circle.protocol.JsonText;

/**
 * The durable side of a board: its append-only event log and its latest snapshot in PostgreSQL.
 * A write is one statement, so it commits whole or not at all, in one round trip however many
 * operations and boards it carries (group commit, see {@link ShardWriter}).
 */
public final class BoardLog {
  /** Every board's events of a write, in one statement: the board id travels as an array too. */
  static final String APPEND = """
      INSERT INTO board_event (board_id, seq, client_id, op_id, author_id, op)
      SELECT e.board_id, e.seq, e.client_id, e.op_id, e.author_id, e.op::jsonb
      FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::uuid[], $6::text[])
        AS e(board_id, seq, client_id, op_id, author_id, op)
      """;

  /**
   * The same insert plus the state after the batch of the boards that crossed a snapshot boundary,
   * in one statement and so one transaction. Each board appears at most once in a write.
   */
  static final String APPEND_WITH_SNAPSHOTS = """
      WITH appended AS (
        INSERT INTO board_event (board_id, seq, client_id, op_id, author_id, op)
        SELECT e.board_id, e.seq, e.client_id, e.op_id, e.author_id, e.op::jsonb
        FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::uuid[], $6::text[])
          AS e(board_id, seq, client_id, op_id, author_id, op)
        RETURNING 1
      )
      INSERT INTO board_snapshot (board_id, seq, state)
      SELECT s.board_id, s.seq, (s.state)::jsonb FROM unnest($7::uuid[], $8::bigint[], $9::text[]) AS s(board_id, seq, state)
      ON CONFLICT (board_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state, updated_at = now()
      """;

  /** A snapshot written outside a batch; never replaces a later one. */
  static final String REPLACE_SNAPSHOT = """
      INSERT INTO board_snapshot (board_id, seq, state) VALUES ($1, $2, $3::text::jsonb)
      ON CONFLICT (board_id) DO UPDATE SET seq = EXCLUDED.seq, state = EXCLUDED.state, updated_at = now()
      WHERE board_snapshot.seq <= EXCLUDED.seq
      """;

  static final String FIND_BOARD = """
      SELECT id, community_id, title, kind, anonymous, vote_budget FROM board WHERE id = $1
      """;

  static final String FIND_SNAPSHOT = "SELECT seq, state::text FROM board_snapshot WHERE board_id = $1";

  static final String EVENTS_AFTER = """
      SELECT e.seq, e.client_id, e.op_id, e.author_id, a.display_name, e.op::text
      FROM board_event e JOIN account a ON a.id = e.author_id
      WHERE e.board_id = $1 AND e.seq > $2
      ORDER BY e.seq
      """;

  static final String OPERATIONS_OF_CLIENT = """
      SELECT op_id, seq FROM board_event WHERE board_id = $1 AND author_id = $2 AND client_id = $3
      """;

  /** Marks a stored operation that reaches its author alone ({@link BoardEvent#privateToAuthor}). Never sent to a client. */
  static final String PRIVATE = "private";

  /** A board as it was last made durable, with its most recent events for resuming clients. */
  public record Loaded(BoardInfo info, BoardState state, long seq, List<BoardEvent> recent) {}

  private final Pool pool;

  public BoardLog(Pool pool) {
    this.pool = pool;
  }

  /** One board's batch of events, with the board's state after it when the batch crosses a snapshot boundary. */
  public record Batch(UUID boardId, List<BoardEvent> events, Optional<JsonObject> snapshotAfter) {}

  /**
   * Writes the batches of several boards in one statement, so they commit together or not at all
   * and PostgreSQL pays for one transaction however many boards and events it carries.
   */
  public Future<Void> appendAll(List<Batch> batches) {
    int n = 0;
    int snapshots = 0;
    for (Batch b : batches) {
      n += b.events().size();
      if (b.snapshotAfter().isPresent()) snapshots++;
    }
    UUID[] boards = new UUID[n];
    Long[] seqs = new Long[n];
    String[] clients = new String[n];
    String[] opIds = new String[n];
    UUID[] authors = new UUID[n];
    String[] ops = new String[n];
    UUID[] snapshotBoards = new UUID[snapshots];
    Long[] snapshotSeqs = new Long[snapshots];
    String[] states = new String[snapshots];
    int i = 0;
    int s = 0;
    for (Batch b : batches) {
      for (BoardEvent e : b.events()) {
        boards[i] = b.boardId();
        seqs[i] = e.seq();
        clients[i] = e.clientId();
        opIds[i] = e.opId();
        authors[i] = e.authorId();
        ops[i] = JsonText.write(e.privateToAuthor() ? e.op().toJson().put(PRIVATE, true) : e.op().toJson());
        i++;
      }
      if (b.snapshotAfter().isPresent()) {
        snapshotBoards[s] = b.boardId();
        snapshotSeqs[s] = seqs[i - 1];
        states[s] = JsonText.write(b.snapshotAfter().get());
        s++;
      }
    }
    Tuple params = Tuple.of(boards, seqs, clients, opIds, authors, ops);
    if (snapshots == 0) return pool.preparedQuery(APPEND).execute(params).mapEmpty();
    params.addArrayOfUUID(snapshotBoards).addArrayOfLong(snapshotSeqs).addArrayOfString(states);
    return pool.preparedQuery(APPEND_WITH_SNAPSHOTS).execute(params).mapEmpty();
  }

  /**
   * Loads a board: the snapshot, then the events after it replayed on top. Events from up to
   * {@code keepRecent} before the snapshot are returned too, so resuming clients get events rather
   * than a whole snapshot after the room reloads.
   */
  public Future<Optional<Loaded>> load(UUID boardId, int keepRecent) {
    return pool.preparedQuery(FIND_BOARD).execute(Tuple.of(boardId)).compose(rows -> {
      if (rows.size() == 0) return Future.succeededFuture(Optional.empty());
      Row b = rows.iterator().next();
      BoardInfo info = new BoardInfo(b.getUUID("id"), b.getUUID("community_id"), b.getString("title"), b.getString("kind"),
          b.getBoolean("anonymous"), b.getInteger("vote_budget"));
      return pool.preparedQuery(FIND_SNAPSHOT).execute(Tuple.of(boardId)).compose(snapshots -> {
        long snapshotSeq = 0;
        BoardState state = new BoardState();
        if (snapshots.size() > 0) {
          Row s = snapshots.iterator().next();
          snapshotSeq = s.getLong(0);
          state = BoardState.fromJson(new JsonObject(s.getString(1)));
        }
        long from = snapshotSeq;
        BoardState base = state;
        return pool.preparedQuery(EVENTS_AFTER).execute(Tuple.of(boardId, Math.max(0, from - keepRecent)))
            .map(events -> Optional.of(replay(info, base, from, events)));
      });
    });
  }

  private static Loaded replay(BoardInfo info, BoardState state, long snapshotSeq, Iterable<Row> rows) {
    List<BoardEvent> recent = new ArrayList<>();
    long seq = snapshotSeq;
    for (Row r : rows) {
      Operation op;
      JsonObject stored = new JsonObject(r.getString(5));
      try {
        op = Operations.decode(stored);
      } catch (InvalidOperation e) {
        throw new IllegalStateException("event " + r.getLong(0) + " of board " + info.id() + " cannot be read", e);
      }
      BoardEvent event = new BoardEvent(r.getLong(0), op, r.getUUID(3), r.getString(4), r.getString(1), r.getString(2),
          stored.getBoolean(PRIVATE, false));
      recent.add(event);
      if (event.seq() > snapshotSeq) {
        state.apply(op, event.authorId(), event.authorName());
        seq = event.seq();
      }
    }
    return new Loaded(info, state, seq, recent);
  }

  /** Stores {@code state} as the board's snapshot after {@code seq}, unless a later one is stored already. */
  public Future<Void> replaceSnapshot(UUID boardId, long seq, JsonObject state) {
    return pool.preparedQuery(REPLACE_SNAPSHOT).execute(Tuple.of(boardId, seq, JsonText.write(state))).mapEmpty();
  }

  /** The operations a client has already had applied to a board, by operation id, with their sequence numbers. */
  public Future<Map<String, Long>> operationsOf(UUID boardId, UUID accountId, String clientId) {
    return pool.preparedQuery(OPERATIONS_OF_CLIENT).execute(Tuple.of(boardId, accountId, clientId)).map(rows -> {
      Map<String, Long> done = new HashMap<>();
      for (Row r : rows) done.put(r.getString(0), r.getLong(1));
      return done;
    });
  }
}
