package org.circle.board;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Which boards exist, in which community, and the community's phase. */
public final class BoardDirectory {
  static final String PLACE = """
      SELECT b.community_id, c.phase FROM board b JOIN community c ON c.id = b.community_id WHERE b.id = $1
      """;
  static final String PHASE = "SELECT phase FROM community WHERE id = $1";
  static final String CREATE = """
      INSERT INTO board (community_id, title, kind, anonymous, vote_budget, created_by)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING id, community_id, title, kind, anonymous, vote_budget
      """;
  /** The first co-design session's question; its board is opened when co-design starts. */
  public static final String CODESIGN_QUESTION =
      "What is needed to create a safe space to have authentic conversations about this work?";
  public static final String CODESIGN_KIND = "codesign";
  static final String ENSURE_CODESIGN = """
      INSERT INTO board (community_id, title, kind, anonymous, vote_budget, created_by)
      SELECT $1, $2, $3, false, 5, $4
      WHERE NOT EXISTS (SELECT 1 FROM board WHERE community_id = $1 AND kind = $3)
      """;
  static final String LIST = """
      SELECT id, community_id, title, kind, anonymous, vote_budget FROM board WHERE community_id = $1 ORDER BY created_at, id
      """;

  /** Where a board lives and whether its community's phase lets it be written. */
  public record Place(UUID communityId, String phase) {
    /** Boards are written during co-design, sessions and review; before the mandate is signed off and once archived, they are read-only. */
    public boolean writable() {
      return "codesign".equals(phase) || "sessions".equals(phase) || "review".equals(phase);
    }
  }

  private final Pool pool;

  public BoardDirectory(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Place>> place(UUID boardId) {
    return pool.preparedQuery(PLACE).execute(Tuple.of(boardId)).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row r = rows.iterator().next();
      return Optional.of(new Place(r.getUUID(0), r.getString(1)));
    });
  }

  public Future<Optional<String>> phaseOf(UUID communityId) {
    return pool.preparedQuery(PHASE).execute(Tuple.of(communityId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0)));
  }

  /** Opens the co-design board with its question, once per community (part of the caller's transaction). */
  public static Future<Void> ensureCodesignBoard(io.vertx.sqlclient.SqlClient tx, UUID communityId, UUID createdBy) {
    return tx.preparedQuery(ENSURE_CODESIGN).execute(Tuple.of(communityId, CODESIGN_QUESTION, CODESIGN_KIND, createdBy)).mapEmpty();
  }

  public Future<BoardInfo> create(UUID communityId, UUID createdBy, NewBoard board) {
    return create(pool, communityId, createdBy, board);
  }

  /** Creates a board as part of the caller's transaction (a session's segment and its board together). */
  public static Future<BoardInfo> create(io.vertx.sqlclient.SqlClient client, UUID communityId, UUID createdBy, NewBoard board) {
    return client.preparedQuery(CREATE)
        .execute(Tuple.of(communityId, board.title(), board.kind(), board.anonymous(), board.voteBudget(), createdBy))
        .map(rows -> info(rows.iterator().next()));
  }

  public Future<List<BoardInfo>> list(UUID communityId) {
    return pool.preparedQuery(LIST).execute(Tuple.of(communityId)).map(rows -> {
      List<BoardInfo> boards = new ArrayList<>();
      for (Row r : rows) boards.add(info(r));
      return boards;
    });
  }

  private static BoardInfo info(Row r) {
    return new BoardInfo(r.getUUID("id"), r.getUUID("community_id"), r.getString("title"), r.getString("kind"),
        r.getBoolean("anonymous"), r.getInteger("vote_budget"));
  }

  /** A board a facilitator asks for, already checked. */
  public record NewBoard(String title, String kind, boolean anonymous, int voteBudget) {}
}
