package org.circle.theme;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.review.Aggregate;

/**
 * What a sponsor sees, read through the sponsor's own database role and pool
 * ({@code db.SponsorRole}): released themes (text, category, a band of contributors), a withdrawn
 * theme as "withdrawn" alone, how many sessions were held and how often, their process health
 * under the minimum of 3, and their own replies. That role can read nothing else, so no mistake
 * here can reach cards, names, journals or anyone's answers.
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
  // The view applies the minimum of 3 itself (migrations/V14): took_part and safety_mean are NULL below it.
  private static final String SESSIONS = """
      SELECT number, held_on, took_part_counted, took_part, safety_asked, safety_mean
      FROM sponsor_session WHERE community_id = $1 ORDER BY number DESC LIMIT $2
      """;
  private static final String OPENED = "INSERT INTO theme_access (theme_id, community_id, account_id) VALUES ($1, $2, $3)";
  private static final String REPLY = """
      INSERT INTO theme_reply (theme_id, community_id, text, replied_by)
      SELECT theme_id, community_id, $3, $4 FROM released_theme WHERE theme_id = $1 AND community_id = $2 AND status = 'released'
      ON CONFLICT (theme_id) DO UPDATE SET text = EXCLUDED.text, replied_by = EXCLUDED.replied_by, replied_at = now()
      """;
  public static final int MAX_REPLY = 4_000;
  /** How many of the latest sessions held the sponsor's view lists and charts. */
  public static final int MAX_SESSIONS = 500;
  /** The longest run of months the per-month figures cover, ending with the latest session's month. */
  public static final int MAX_MONTHS = 120;

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

  /**
   * How often the community met and how its sessions went: each session held (ended), oldest
   * first, by its number and day; how many took part (from 3 people up, otherwise only "fewer than
   * 3"); the mean of its closed safety pulses (from 3 answers up). Then, from the days alone,
   * sessions per month and the usual (median) number of days between sessions.
   */
  public Future<JsonObject> sessions(UUID community) {
    return sponsorPool.preparedQuery(SESSIONS).execute(Tuple.of(community, MAX_SESSIONS)).map(rows -> {
      List<Row> held = new ArrayList<>();
      rows.forEach(held::add);
      Collections.reverse(held);
      JsonArray sessions = new JsonArray();
      List<LocalDate> days = new ArrayList<>();
      for (Row r : held) {
        LocalDate day = r.getLocalDate("held_on");
        days.add(day);
        Integer tookPart = r.getInteger("took_part");
        BigDecimal mean = r.getBigDecimal("safety_mean");
        sessions.add(new JsonObject().put("number", r.getLong("number")).put("heldOn", day.toString())
            .put("tookPart", tookPart)
            .put("tookPartShown", tookPart != null ? "count" : r.getBoolean("took_part_counted") ? "fewer-than-minimum" : "not-counted")
            .put("safetyMean", mean == null ? null : mean.setScale(1, RoundingMode.HALF_UP).toPlainString())
            .put("safetyShown", mean != null ? "mean" : r.getBoolean("safety_asked") ? "fewer-than-minimum" : "not-asked"));
      }
      return new JsonObject().put("minimum", Aggregate.MINIMUM).put("sessions", sessions)
          .put("perMonth", perMonth(days)).put("usualIntervalDays", usualInterval(days));
    });
  }

  /** Sessions held in each month from the first session's month to the latest's, months without one included. */
  static JsonArray perMonth(List<LocalDate> days) {
    JsonArray out = new JsonArray();
    if (days.isEmpty()) return out;
    YearMonth last = YearMonth.from(days.get(days.size() - 1));
    YearMonth first = YearMonth.from(days.get(0));
    if (first.plusMonths(MAX_MONTHS - 1).isBefore(last)) first = last.minusMonths(MAX_MONTHS - 1);
    Map<YearMonth, Long> counts = new TreeMap<>();
    for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) counts.put(m, 0L);
    for (LocalDate d : days) counts.computeIfPresent(YearMonth.from(d), (m, n) -> n + 1);
    counts.forEach((m, n) -> out.add(new JsonObject().put("month", m.toString()).put("sessions", n)));
    return out;
  }

  /** The median number of days between one session and the next, to the nearest day; null with fewer than 2 sessions. */
  static Long usualInterval(List<LocalDate> days) {
    if (days.size() < 2) return null;
    long[] gaps = new long[days.size() - 1];
    for (int i = 1; i < days.size(); i++) gaps[i - 1] = ChronoUnit.DAYS.between(days.get(i - 1), days.get(i));
    Arrays.sort(gaps);
    int mid = gaps.length / 2;
    return gaps.length % 2 == 1 ? gaps[mid] : Math.round((gaps[mid - 1] + gaps[mid]) / 2.0);
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
      List<Tuple> opened = new ArrayList<>();
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
