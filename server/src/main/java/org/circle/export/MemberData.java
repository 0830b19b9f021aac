package org.circle.export;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.circle.board.BoardLog;
import org.circle.board.BoardState;
import org.circle.board.Card;
import org.circle.board.Group;
import org.circle.input.Schema;

/**
 * Everything a member wrote, for them alone to download: their cards, comments and group titles
 * with the boards they are on, their journal entries, their consent answers with their notes,
 * the themes and ground-rules amendments they proposed, and the experiments they proposed or own.
 * Nobody else's words or names are in it.
 */
public final class MemberData {
  private static final String ACCOUNT = "SELECT display_name, email FROM account WHERE id = $1";
  private static final String COMMUNITIES = """
      SELECT c.id, c.name, m.role FROM membership m JOIN community c ON c.id = m.community_id
      WHERE m.account_id = $1 ORDER BY c.name, c.id
      """;
  private static final String BOARDS = """
      SELECT b.id, b.title, c.name FROM board b JOIN community c ON c.id = b.community_id
      WHERE b.id IN (SELECT DISTINCT board_id FROM board_event WHERE author_id = $1)
      ORDER BY c.name, b.created_at, b.id
      """;
  private static final String JOURNAL = """
      SELECT c.name, j.text, j.created_at, j.updated_at FROM journal_entry j JOIN community c ON c.id = j.community_id
      WHERE j.author_id = $1 ORDER BY c.name, j.created_at, j.id
      """;
  private static final String CONSENT = """
      SELECT c.name, CASE r.subject WHEN 'ground_rules' THEN 'ground rules' ELSE r.subject END AS subject,
             r.version, r.round, a.answer, a.note, a.answered_at
      FROM consent_round_answer a JOIN consent_round r ON r.id = a.round_id JOIN community c ON c.id = r.community_id
      WHERE a.account_id = $1
      UNION ALL
      SELECT c.name, 'theme: ' || t.title, NULL, a.round, a.answer, a.note, a.answered_at
      FROM theme_consent_answer a JOIN theme t ON t.id = a.theme_id JOIN community c ON c.id = t.community_id
      WHERE a.account_id = $1
      ORDER BY 7
      """;
  private static final String THEMES = """
      SELECT c.name, t.title, t.summary, t.category, t.status, t.created_at FROM theme t JOIN community c ON c.id = t.community_id
      WHERE t.proposed_by = $1 ORDER BY c.name, t.created_at, t.id
      """;
  private static final String AMENDMENTS = """
      SELECT c.name, v.version, v.reason FROM ground_rules_version v JOIN community c ON c.id = v.community_id
      WHERE v.proposed_by = $1 AND v.reason IS NOT NULL ORDER BY c.name, v.version
      """;
  private static final String EXPERIMENTS = """
      SELECT c.name, e.question, e.observe, e.happened, e.learned, e.starts_on, e.ends_on,
             e.created_by = $1 AS proposed, $1 = ANY(e.owners) AS owner
      FROM experiment e JOIN community c ON c.id = e.community_id
      WHERE e.created_by = $1 OR $1 = ANY(e.owners) ORDER BY c.name, e.starts_on, e.id
      """;

  private static final String REVIEWS = """
      SELECT c.name, s.title, r.answers, r.updated_at FROM review_answer r
      JOIN community_session s ON s.id = r.session_id JOIN community c ON c.id = r.community_id
      WHERE r.author_id = $1 ORDER BY c.name, s.starts_at, s.id
      """;

  private static final Schema.Text TEXT = Schema.anyText();
  private static Schema.Obj inCommunity(String name, Schema.Obj fields) {
    return Schema.object().required("community", TEXT).plus(fields).named(name);
  }
  /** The JSON download. */
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("exportedAt", Schema.dateTime())
      .required("account", Schema.object().required("displayName", TEXT).required("email", TEXT).named("MyAccount"))
      .required("communities", Schema.list(Schema.object().required("id", Schema.uuid()).required("name", TEXT)
          .required("role", TEXT).named("MyCommunity")))
      .required("cards", Schema.list(inCommunity("MyCard", Schema.object().required("board", TEXT)
          .required("group", TEXT.orNull()).required("text", TEXT).required("votes", Schema.whole(0, Long.MAX_VALUE)))))
      .required("comments", Schema.list(inCommunity("MyComment", Schema.object().required("board", TEXT).required("text", TEXT))))
      .required("groupTitles", Schema.list(inCommunity("MyGroupTitle", Schema.object().required("board", TEXT).required("title", TEXT))))
      .required("journal", Schema.list(inCommunity("MyJournalEntry", Schema.object().required("text", TEXT)
          .required("createdAt", Schema.dateTime()).required("updatedAt", Schema.dateTime()))))
      .required("consentAnswers", Schema.list(inCommunity("MyConsentAnswer", Schema.object().required("subject", TEXT)
          .required("version", Schema.whole(1, Integer.MAX_VALUE).orNull()).required("round", Schema.whole(0, Integer.MAX_VALUE))
          .required("answer", TEXT).required("note", TEXT.orNull()).required("answeredAt", Schema.dateTime()))))
      .required("themesProposed", Schema.list(inCommunity("MyTheme", Schema.object().required("title", TEXT)
          .required("summary", TEXT).required("category", TEXT).required("status", TEXT).required("createdAt", Schema.dateTime()))))
      .required("groundRulesAmendments", Schema.list(inCommunity("MyAmendment", Schema.object()
          .required("version", Schema.whole(1, Integer.MAX_VALUE)).required("reason", TEXT))))
      .required("experiments", Schema.list(inCommunity("MyExperiment", Schema.object().required("question", TEXT)
          .required("observe", TEXT).required("happened", TEXT.orNull()).required("learned", TEXT.orNull())
          .required("startsOn", TEXT).required("endsOn", TEXT).required("proposedByMe", Schema.bool()).required("ownedByMe", Schema.bool()))))
      .required("reviews", Schema.list(inCommunity("MyReview", Schema.object().required("session", TEXT)
          .required("text", TEXT.describe("my answers, prompt by prompt")).required("updatedAt", Schema.dateTime()))))
      .named("MyData");

  private final Pool pool;
  private final BoardLog boards;

  public MemberData(Pool pool, BoardLog boards) {
    this.pool = pool;
    this.boards = boards;
  }

  /** Everything {@code me} wrote, as {@link #SCHEMA} describes it. */
  public Future<JsonObject> of(UUID me) {
    Tuple who = Tuple.of(me);
    JsonObject out = new JsonObject().put("exportedAt", Instant.now().toString());
    return pool.preparedQuery(ACCOUNT).execute(who).compose(rows -> {
      Row a = rows.iterator().next();
      out.put("account", new JsonObject().put("displayName", a.getString(0)).put("email", a.getString(1)));
      return list(COMMUNITIES, who, r -> new JsonObject().put("id", r.getUUID(0).toString()).put("name", r.getString(1))
          .put("role", r.getString(2)));
    }).compose(communities -> {
      out.put("communities", communities);
      return boardContent(me, out);
    }).compose(v -> list(JOURNAL, who, r -> new JsonObject().put("community", r.getString(0)).put("text", r.getString(1))
        .put("createdAt", r.getOffsetDateTime(2).toString()).put("updatedAt", r.getOffsetDateTime(3).toString())))
        .compose(journal -> {
          out.put("journal", journal);
          return list(CONSENT, who, r -> new JsonObject().put("community", r.getString(0)).put("subject", r.getString(1))
              .put("version", r.getInteger(2)).put("round", r.getInteger(3)).put("answer", r.getString(4))
              .put("note", r.getString(5)).put("answeredAt", r.getOffsetDateTime(6).toString()));
        }).compose(consent -> {
          out.put("consentAnswers", consent);
          return list(THEMES, who, r -> new JsonObject().put("community", r.getString(0)).put("title", r.getString(1))
              .put("summary", r.getString(2)).put("category", r.getString(3)).put("status", r.getString(4))
              .put("createdAt", r.getOffsetDateTime(5).toString()));
        }).compose(themes -> {
          out.put("themesProposed", themes);
          return list(AMENDMENTS, who, r -> new JsonObject().put("community", r.getString(0)).put("version", r.getInteger(1))
              .put("reason", r.getString(2)));
        }).compose(amendments -> {
          out.put("groundRulesAmendments", amendments);
          return list(EXPERIMENTS, who, r -> new JsonObject().put("community", r.getString(0)).put("question", r.getString(1))
              .put("observe", r.getString(2)).put("happened", r.getString(3)).put("learned", r.getString(4))
              .put("startsOn", r.getLocalDate(5).toString()).put("endsOn", r.getLocalDate(6).toString())
              .put("proposedByMe", Boolean.TRUE.equals(r.getBoolean(7))).put("ownedByMe", Boolean.TRUE.equals(r.getBoolean(8))));
        }).compose(experiments -> {
          out.put("experiments", experiments);
          return list(REVIEWS, who, r -> new JsonObject().put("community", r.getString(0)).put("session", r.getString(1))
              .put("text", reviewText(r.getValue(2))).put("updatedAt", r.getOffsetDateTime(3).toString()));
        }).map(reviews -> out.put("reviews", reviews));
  }

  /** A review's answers as stored (prompt to text), one "prompt: text" line each. */
  private static String reviewText(Object stored) {
    JsonObject answers = stored instanceof JsonObject o ? o : new JsonObject(String.valueOf(stored));
    StringBuilder text = new StringBuilder();
    answers.forEach(e -> {
      if (e.getValue() == null) return;
      if (text.length() > 0) text.append('\n');
      text.append(e.getKey()).append(": ").append(e.getValue());
    });
    return text.toString();
  }

  /** My cards, comments and group titles as each board holds them now. */
  private Future<Void> boardContent(UUID me, JsonObject out) {
    JsonArray cards = new JsonArray();
    JsonArray comments = new JsonArray();
    JsonArray titles = new JsonArray();
    out.put("cards", cards).put("comments", comments).put("groupTitles", titles);
    return pool.preparedQuery(BOARDS).execute(Tuple.of(me)).compose(rows -> {
      Future<Void> chain = Future.succeededFuture();
      for (Row r : rows) {
        UUID board = r.getUUID(0);
        String title = r.getString(1);
        String community = r.getString(2);
        chain = chain.compose(v -> boards.load(board, 0).map(loaded -> {
          if (loaded.isEmpty()) return null;
          BoardState state = loaded.get().state();
          state.cards().values().stream().filter(c -> c.authorId().equals(me))
              .sorted(Comparator.comparing(Card::position).thenComparing(Card::id)).forEach(c -> {
                Group g = c.group() == null ? null : state.groups().get(c.group());
                cards.add(new JsonObject().put("community", community).put("board", title)
                    .put("group", g == null ? null : g.title()).put("text", c.text()).put("votes", c.totalVotes()));
              });
          state.comments().values().stream().filter(c -> c.authorId().equals(me)).forEach(c ->
              comments.add(new JsonObject().put("community", community).put("board", title).put("text", c.text())));
          state.groups().values().stream().filter(g -> me.equals(g.titleBy())).forEach(g ->
              titles.add(new JsonObject().put("community", community).put("board", title).put("title", g.title())));
          return null;
        }));
      }
      return chain;
    });
  }

  private Future<JsonArray> list(String sql, Tuple params, java.util.function.Function<Row, JsonObject> row) {
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) out.add(row.apply(r));
      return out;
    });
  }

  /** The same, to read: one section per kind, each item with where it was written. */
  public static String markdown(JsonObject data) {
    JsonObject account = data.getJsonObject("account");
    Markdown md = new Markdown().heading(1, "What I wrote in Circle")
        .line("Exported " + data.getString("exportedAt") + " for " + Markdown.escape(account.getString("displayName"))
            + " (" + Markdown.escape(account.getString("email")) + ").").blank();
    section(md, "Communities", data.getJsonArray("communities"), o -> List.of(o.getString("name"), "as " + o.getString("role")));
    section(md, "Cards", data.getJsonArray("cards"), o -> List.of(o.getString("text"), where(o)
        + (o.getString("group") == null ? "" : ", group " + o.getString("group")) + ", " + o.getInteger("votes") + " votes"));
    section(md, "Comments", data.getJsonArray("comments"), o -> List.of(o.getString("text"), where(o)));
    section(md, "Group titles", data.getJsonArray("groupTitles"), o -> List.of(o.getString("title"), where(o)));
    section(md, "Journal", data.getJsonArray("journal"), o -> List.of(o.getString("text"),
        o.getString("community") + ", written " + o.getString("createdAt")));
    section(md, "Consent answers", data.getJsonArray("consentAnswers"), o -> List.of(o.getString("answer")
        + (o.getString("note") == null ? "" : ": " + o.getString("note")), o.getString("community") + ", " + o.getString("subject")
        + (o.getInteger("version") == null ? "" : " version " + o.getInteger("version")) + ", round " + o.getInteger("round")));
    section(md, "Themes I proposed", data.getJsonArray("themesProposed"), o -> List.of(o.getString("title") + ": "
        + o.getString("summary"), o.getString("community") + ", " + o.getString("category") + ", " + o.getString("status")));
    section(md, "Ground-rules amendments I proposed", data.getJsonArray("groundRulesAmendments"), o -> List.of(o.getString("reason"),
        o.getString("community") + ", version " + o.getInteger("version")));
    section(md, "Experiments", data.getJsonArray("experiments"), o -> List.of(o.getString("question") + "\nObserve: "
        + o.getString("observe") + (o.getString("happened") == null ? "" : "\nWhat happened: " + o.getString("happened"))
        + (o.getString("learned") == null ? "" : "\nWhat we learned: " + o.getString("learned")),
        o.getString("community") + ", " + o.getString("startsOn") + " to " + o.getString("endsOn")
        + (o.getBoolean("proposedByMe") ? ", I proposed it" : "") + (o.getBoolean("ownedByMe") ? ", I own it" : "")));
    section(md, "Reviews of sessions", data.getJsonArray("reviews"), o -> List.of(o.getString("text"),
        o.getString("community") + ", session " + o.getString("session")));
    return md.toString();
  }

  private static String where(JsonObject o) {
    return o.getString("community") + ", board " + o.getString("board");
  }

  private static void section(Markdown md, String title, JsonArray items, java.util.function.Function<JsonObject, List<String>> item) {
    md.heading(2, title);
    if (items.isEmpty()) {
      md.line("Nothing.");
      return;
    }
    for (Object o : items) {
      List<String> parts = new ArrayList<>(item.apply((JsonObject) o));
      md.item(Objects.toString(parts.get(0), ""), parts.subList(1, parts.size()).toArray(String[]::new));
    }
  }
}
