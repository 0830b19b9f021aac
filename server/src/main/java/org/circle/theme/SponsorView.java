package org.circle.theme;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.circle.error.Refusal;

/**
 * What a sponsor sees, read through the sponsor's own database role and pool
 * ({@code db.SponsorRole}): released themes (text, category, a band of contributors), a withdrawn
 * theme as "withdrawn" alone, how many sessions were held, and their own replies. That role can
 * read nothing else, so no mistake here can reach cards, names or journals.
 */
public final class SponsorView {
  private static final String OVERVIEW = """
      SELECT name, phase, sessions_held,
        (SELECT count(*) FROM released_theme WHERE community_id = $1 AND status = 'released') AS released
      FROM sponsor_community WHERE community_id = $1
      """;
  private static final String LIST = """
      SELECT t.theme_id, t.status, t.title, t.category, t.band, t.released_at, r.text AS reply, r.replied_at
      FROM released_theme t LEFT JOIN theme_reply r ON r.theme_id = t.theme_id
      WHERE t.community_id = $1 ORDER BY t.released_at DESC, t.theme_id
      """;
  private static final String ONE = """
      SELECT t.theme_id, t.status, t.title, t.summary, t.category, t.band, t.released_at, r.text AS reply, r.replied_at
      FROM released_theme t LEFT JOIN theme_reply r ON r.theme_id = t.theme_id
      WHERE t.community_id = $1 AND t.theme_id = $2
      """;
  private static final String RELEASED = """
      SELECT t.theme_id, t.status, t.title, t.summary, t.category, t.band, t.released_at, r.text AS reply, r.replied_at
      FROM released_theme t LEFT JOIN theme_reply r ON r.theme_id = t.theme_id
      WHERE t.community_id = $1 AND t.status = 'released' ORDER BY t.released_at, t.theme_id
      """;
  private static final String OPENED = "INSERT INTO theme_access (theme_id, community_id, account_id) VALUES ($1, $2, $3)";
  private static final String REPLY = """
      INSERT INTO theme_reply (theme_id, community_id, text, replied_by)
      SELECT theme_id, community_id, $3, $4 FROM released_theme WHERE theme_id = $1 AND community_id = $2 AND status = 'released'
      ON CONFLICT (theme_id) DO UPDATE SET text = EXCLUDED.text, replied_by = EXCLUDED.replied_by, replied_at = now()
      """;
  public static final int MAX_REPLY = 4_000;

  private final Pool sponsorPool;

  public SponsorView(Pool sponsorPool) {
    this.sponsorPool = sponsorPool;
  }

  public Future<JsonObject> overview(UUID community) {
    return sponsorPool.preparedQuery(OVERVIEW).execute(Tuple.of(community)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That community");
      Row r = rows.iterator().next();
      return new JsonObject().put("name", r.getString(0)).put("phase", r.getString(1)).put("sessionsHeld", r.getLong(2))
          .put("releasedThemes", r.getLong(3));
    });
  }

  /** The list shows each theme's title; its summary is read by opening it, which members see. */
  public Future<JsonArray> themes(UUID community) {
    return sponsorPool.preparedQuery(LIST).execute(Tuple.of(community)).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(json(r, false));
      return out;
    });
  }

  /** Opens a theme and records that the sponsor did, where the members can see it. */
  public Future<JsonObject> open(UUID community, UUID theme, UUID sponsor) {
    return sponsorPool.preparedQuery(ONE).execute(Tuple.of(community, theme)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(Themes.notFound());
      JsonObject json = json(rows.iterator().next(), true);
      if (!"released".equals(json.getString("status"))) return Future.succeededFuture(json);
      return sponsorPool.preparedQuery(OPENED).execute(Tuple.of(theme, community, sponsor)).map(json);
    });
  }

  /**
   * Every released theme whole, with its reply, for the sponsor's download. Downloading opens
   * each of them, and is recorded as such where the members can see it.
   */
  public Future<JsonArray> export(UUID community, UUID sponsor) {
    return sponsorPool.preparedQuery(RELEASED).execute(Tuple.of(community)).compose(rows -> {
      JsonArray out = new JsonArray();
      List<Tuple> opened = new java.util.ArrayList<>();
      for (Row r : rows) {
        out.add(json(r, true));
        opened.add(Tuple.of(r.getUUID("theme_id"), community, sponsor));
      }
      if (opened.isEmpty()) return Future.succeededFuture(out);
      return sponsorPool.preparedQuery(OPENED).executeBatch(opened).map(out);
    });
  }

  /** "You said, we did": the sponsor's reply to a released theme, which the community reads. */
  public Future<Void> reply(UUID community, UUID theme, UUID sponsor, String text) {
    return sponsorPool.preparedQuery(REPLY).execute(Tuple.of(theme, community, text, sponsor)).map(rows -> {
      if (rows.rowCount() == 0) throw Themes.notFound();
      return null;
    });
  }

  private static JsonObject json(Row r, boolean whole) {
    JsonObject out = new JsonObject().put("id", r.getUUID("theme_id").toString()).put("status", r.getString("status"));
    if (!"released".equals(r.getString("status"))) return out;
    out.put("title", r.getString("title")).put("category", r.getString("category"))
        .put("contributors", r.getString("band")).put("releasedAt", r.getOffsetDateTime("released_at").toString())
        .put("reply", r.getString("reply") == null ? null : new JsonObject().put("text", r.getString("reply"))
            .put("repliedAt", r.getOffsetDateTime("replied_at").toString()));
    if (whole) out.put("summary", r.getString("summary"));
    return out;
  }
}
