package org.circle.journal;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import org.circle.error.Refusal;

/**
 * A member's private journal in a community, readable by its author alone. Every statement here
 * names the author, so an entry read by anyone else (a facilitator, an administrator, another
 * member) is not found: exactly the answer for an id that does not exist.
 */
public final class Journal {
  public static final int MAX_TEXT = 20_000;
  public static final org.circle.input.Schema.Obj ENTRY = org.circle.input.Schema.object()
      .required("id", org.circle.input.Schema.uuid())
      .required("text", org.circle.input.Schema.anyText())
      .required("createdAt", org.circle.input.Schema.dateTime())
      .required("updatedAt", org.circle.input.Schema.dateTime())
      .named("JournalEntry");
  private static final String MINE = """
      SELECT id, text, created_at, updated_at FROM journal_entry
      WHERE community_id = $1 AND author_id = $2 ORDER BY created_at DESC, id
      """;
  private static final String ONE = """
      SELECT id, text, created_at, updated_at FROM journal_entry WHERE id = $1 AND community_id = $2 AND author_id = $3
      """;
  private static final String WRITE = """
      INSERT INTO journal_entry (community_id, author_id, text) VALUES ($1, $2, $3)
      RETURNING id, text, created_at, updated_at
      """;
  private static final String EDIT = """
      UPDATE journal_entry SET text = $4, updated_at = now() WHERE id = $1 AND community_id = $2 AND author_id = $3
      RETURNING id, text, created_at, updated_at
      """;
  private static final String ERASE = "DELETE FROM journal_entry WHERE id = $1 AND community_id = $2 AND author_id = $3";

  private final Pool pool;

  public Journal(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonArray> mine(UUID community, UUID author) {
    return pool.preparedQuery(MINE).execute(Tuple.of(community, author)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(json(r)));
      return out;
    });
  }

  public Future<JsonObject> read(UUID community, UUID entry, UUID reader) {
    return pool.preparedQuery(ONE).execute(Tuple.of(entry, community, reader)).map(Journal::only);
  }

  public Future<JsonObject> write(UUID community, UUID author, String text) {
    return pool.preparedQuery(WRITE).execute(Tuple.of(community, author, text)).map(Journal::only);
  }

  public Future<JsonObject> edit(UUID community, UUID entry, UUID author, String text) {
    return pool.preparedQuery(EDIT).execute(Tuple.of(entry, community, author, text)).map(Journal::only);
  }

  public Future<Void> erase(UUID community, UUID entry, UUID author) {
    return pool.preparedQuery(ERASE).execute(Tuple.of(entry, community, author)).map(rows -> {
      if (rows.rowCount() == 0) throw notFound();
      return null;
    });
  }

  /** The one answer for an entry that is missing and for one that is someone else's. */
  public static Refusal notFound() {
    return Refusal.notFound("That journal entry");
  }

  private static JsonObject only(RowSet<Row> rows) {
    if (rows.size() == 0) throw notFound();
    return json(rows.iterator().next());
  }

  private static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getUUID(0).toString()).put("text", r.getString(1))
        .put("createdAt", r.getOffsetDateTime(2).toString()).put("updatedAt", r.getOffsetDateTime(3).toString());
  }
}
