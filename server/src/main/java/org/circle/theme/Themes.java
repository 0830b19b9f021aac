package org.circle.theme;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.error.Refusal;
import org.circle.consent.Answer;
import org.circle.consent.Given;
import org.circle.consent.ConsentRule;

/**
 * Themes inside the room: any member proposes one from cards of the community's boards, a
 * facilitator curates it, everyone in the room consents to its exact text, and a facilitator
 * releases it. A release copies the text, category and a band of contributors into the sponsor's
 * store (released_theme) and nothing else; it is refused, with the reason and nothing changed,
 * below k distinct contributors, without consent, with an identifying detail in the text, or when
 * comparing it with an earlier release would reveal someone ({@link Differencing}).
 *
 * <p>Contributors are counted in PostgreSQL ({@code theme_contributors}), by the same function the
 * withdrawal cascade uses when a card or an account is withdrawn (migration V7), so the two never
 * disagree; releases and recounts take one lock first ({@code theme_lock}).
 */
public final class Themes {
  static final int MAX_TITLE = 200;
  static final int MAX_SUMMARY = 4_000;
  static final int MAX_CARDS = 200;

  private static final String LOCK_RELEASES = "SELECT theme_lock()";
  private static final String COLUMNS = "id, community_id, title, summary, category, status, round, withdrawn_why, proposed_by";
  private static final String ONE = "SELECT " + COLUMNS + " FROM theme WHERE id = $1 AND community_id = $2";
  private static final String ONE_FOR_UPDATE = ONE + " FOR UPDATE";
  private static final String ALL = "SELECT " + COLUMNS + " FROM theme WHERE community_id = $1 ORDER BY created_at, id";
  private static final String CARDS = """
      SELECT tc.theme_id, tc.board_id, tc.card_id FROM theme_card tc JOIN theme t ON t.id = tc.theme_id
      WHERE t.community_id = $1 ORDER BY tc.board_id, tc.card_id
      """;
  /** For each card asked for: is its board in this community, and is the card on it now. */
  private static final String CHECK_CARDS = """
      WITH refs AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS r(board_id, card_id))
      SELECT r.board_id, r.card_id,
        EXISTS (SELECT 1 FROM board b WHERE b.id = r.board_id AND b.community_id = $3) AS here,
        EXISTS (SELECT 1 FROM board_event e WHERE e.board_id = r.board_id AND e.op->>'kind' = 'card.create' AND e.op->>'card' = r.card_id)
          AND NOT EXISTS (SELECT 1 FROM board_event e WHERE e.board_id = r.board_id AND e.op->>'kind' = 'card.delete' AND e.op->>'card' = r.card_id)
          AS live
      FROM refs r
      """;
  private static final String INSERT = """
      INSERT INTO theme (community_id, title, summary, category, proposed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id
      """;
  private static final String INSERT_CARDS = """
      INSERT INTO theme_card (theme_id, board_id, card_id) SELECT $1, r.board_id, r.card_id
      FROM unnest($2::uuid[], $3::text[]) AS r(board_id, card_id) ON CONFLICT DO NOTHING
      """;
  private static final String DELETE_CARDS = "DELETE FROM theme_card WHERE theme_id = $1";
  /** Any edit ends the consent round: members consent to an exact text. */
  private static final String UPDATE_TEXT = """
      UPDATE theme SET title = $2, summary = $3, category = $4, status = 'draft', withdrawn_why = NULL, updated_at = now() WHERE id = $1
      """;
  private static final String START_ROUND = "UPDATE theme SET status = 'consulting', round = round + 1, updated_at = now() WHERE id = $1";
  private static final String SET_STATUS = "UPDATE theme SET status = $2, withdrawn_why = $3, updated_at = now() WHERE id = $1";
  private static final String ANSWER = """
      INSERT INTO theme_consent_answer (theme_id, round, account_id, answer, note) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (theme_id, round, account_id) DO UPDATE SET answer = EXCLUDED.answer, note = EXCLUDED.note, answered_at = now()
      """;
  private static final String ROUND_ANSWERS = """
      SELECT c.theme_id, c.account_id, a.display_name, c.answer, c.note
      FROM theme_consent_answer c JOIN theme t ON t.id = c.theme_id AND t.round = c.round JOIN account a ON a.id = c.account_id
      WHERE t.community_id = $1 ORDER BY a.display_name
      """;
  private static final String CONTRIBUTORS = "SELECT account_id FROM theme_contributors($1)";
  private static final String COUNTS = """
      SELECT t.id, (SELECT count(*) FROM theme_contributors(t.id)) FROM theme t WHERE t.community_id = $1
      """;
  private static final String THRESHOLD = "SELECT community_release_threshold($1)";
  /** Whose names must not leave the room: members now, and whoever wrote the theme's cards. */
  private static final String NAMES = """
      SELECT a.display_name FROM membership m JOIN account a ON a.id = m.account_id
      WHERE m.community_id = $1 AND a.deleted_at IS NULL
      UNION
      SELECT a.display_name FROM theme_card tc JOIN theme t ON t.id = tc.theme_id
      JOIN board_event e ON e.board_id = tc.board_id AND e.op->>'kind' = 'card.create' AND e.op->>'card' = tc.card_id
      JOIN account a ON a.id = e.author_id AND a.deleted_at IS NULL
      WHERE t.community_id = $1
      """;
  private static final String EARLIER = """
      SELECT r.theme_id, t.title, r.contributors FROM theme_release r JOIN theme t ON t.id = r.theme_id
      WHERE r.community_id = $1 ORDER BY r.released_at
      """;
  private static final String RECORD_RELEASE = """
      INSERT INTO theme_release (theme_id, community_id, released_by, contributors) VALUES ($1, $2, $3, $4)
      """;
  private static final String PUBLISH = """
      INSERT INTO released_theme (theme_id, community_id, status, title, summary, category, band, released_at)
      VALUES ($1, $2, 'released', $3, $4, $5, contributor_band($6), now())
      ON CONFLICT (theme_id) DO UPDATE SET status = 'released', title = EXCLUDED.title, summary = EXCLUDED.summary,
        category = EXCLUDED.category, band = EXCLUDED.band, released_at = now(), withdrawn_at = NULL
      """;
  private static final String TAKE_BACK = """
      UPDATE released_theme SET status = 'withdrawn', title = NULL, summary = NULL, category = NULL, band = NULL,
        withdrawn_at = now() WHERE theme_id = $1 AND status = 'released'
      """;
  private static final String DELETE = "DELETE FROM theme WHERE id = $1";
  private static final String EVER_RELEASED = "SELECT EXISTS (SELECT 1 FROM theme_release WHERE theme_id = $1)";
  private static final String RELEASED = """
      SELECT theme_id, status, band, released_at, withdrawn_at FROM released_theme WHERE community_id = $1
      """;
  private static final String REPLIES = """
      SELECT r.theme_id, r.text, r.replied_at, a.display_name FROM theme_reply r LEFT JOIN account a ON a.id = r.replied_by
      WHERE r.community_id = $1
      """;
  private static final String ACCESSES = """
      SELECT x.theme_id, x.opened_at, a.display_name FROM theme_access x LEFT JOIN account a ON a.id = x.account_id
      WHERE x.community_id = $1 ORDER BY x.opened_at DESC, x.id DESC
      """;
  /** Members see the most recent openings of each theme; the count covers them all. */
  private static final int ACCESSES_SHOWN = 20;

  /** A card on a board of the community. */
  public record CardRef(UUID board, String card) {}

  /** A theme's text and cards as a member proposes or edits them, already checked for form. */
  public record Draft(String title, String summary, Category category, List<CardRef> cards) {}

  private record Theme(UUID id, UUID community, String title, String summary, Category category, String status,
                       int round, String withdrawnWhy, UUID proposedBy) {
    static Theme from(Row r) {
      return new Theme(r.getUUID("id"), r.getUUID("community_id"), r.getString("title"), r.getString("summary"),
          Category.parse(r.getString("category")).orElseThrow(), r.getString("status"), r.getInteger("round"),
          r.getString("withdrawn_why"), r.getUUID("proposed_by"));
    }

    String text() {
      return title + "\n" + summary;
    }
  }

  private final Pool pool;
  private final CommunityCards boards;

  public Themes(Pool pool, CommunityCards boards) {
    this.pool = pool;
    this.boards = boards;
  }

  // ---- reading, for members in the room ----

  /** Every theme of the community as members see it, with what stands between it and release. */
  public Future<JsonObject> list(UUID community, UUID me) {
    return view(community, me, Optional.empty());
  }

  public Future<JsonObject> one(UUID community, UUID theme, UUID me) {
    return view(community, me, Optional.of(theme)).map(all -> {
      JsonArray themes = all.getJsonArray("themes");
      if (themes.isEmpty()) throw notFound();
      return themes.getJsonObject(0).put("threshold", all.getInteger("threshold")).put("membersInRoom", all.getInteger("membersInRoom"));
    });
  }

  private Future<JsonObject> view(UUID community, UUID me, Optional<UUID> only) {
    Tuple c = Tuple.of(community);
    List<Future<?>> reads = List.of(pool.preparedQuery(ALL).execute(c), pool.preparedQuery(CARDS).execute(c),
        pool.preparedQuery(COUNTS).execute(c), pool.preparedQuery(THRESHOLD).execute(c),
        pool.preparedQuery(ROUND_ANSWERS).execute(c), pool.preparedQuery(RELEASED).execute(c),
        pool.preparedQuery(REPLIES).execute(c), pool.preparedQuery(ACCESSES).execute(c),
        pool.preparedQuery(NAMES).execute(c), ConsentRule.inTheRoom(pool, community), boards.of(community));
    return Future.all(reads).map(all -> {
      int k = all.<RowSet<Row>>resultAt(3).iterator().next().getInteger(0);
      Set<UUID> room = all.resultAt(9);
      List<String> names = new ArrayList<>();
      all.<RowSet<Row>>resultAt(8).forEach(r -> names.add(r.getString(0)));
      Map<UUID, Map<String, String>> cardTexts = new HashMap<>();
      Map<UUID, String> boardTitles = new HashMap<>();
      for (CommunityCards.BoardCards b : all.<List<CommunityCards.BoardCards>>resultAt(10)) {
        cardTexts.put(b.board().id(), b.cards());
        boardTitles.put(b.board().id(), b.board().title());
      }
      Map<UUID, JsonArray> cards = new HashMap<>();
      for (Row r : all.<RowSet<Row>>resultAt(1)) {
        UUID board = r.getUUID(1);
        String card = r.getString(2);
        String text = cardTexts.getOrDefault(board, Map.of()).get(card);
        cards.computeIfAbsent(r.getUUID(0), x -> new JsonArray()).add(new JsonObject().put("board", board.toString())
            .put("boardTitle", boardTitles.get(board)).put("card", card).put("text", text).put("withdrawn", text == null));
      }
      Map<UUID, Long> counts = new HashMap<>();
      all.<RowSet<Row>>resultAt(2).forEach(r -> counts.put(r.getUUID(0), r.getLong(1)));
      Map<UUID, Map<UUID, Answer>> answers = new HashMap<>();
      Map<UUID, JsonArray> answerJson = new HashMap<>();
      for (Row r : all.<RowSet<Row>>resultAt(4)) {
        answers.computeIfAbsent(r.getUUID(0), x -> new HashMap<>()).put(r.getUUID(1), Answer.parse(r.getString(3)).orElseThrow());
        answerJson.computeIfAbsent(r.getUUID(0), x -> new JsonArray()).add(new JsonObject().put("name", r.getString(2))
            .put("answer", r.getString(3)).put("note", r.getString(4)).put("mine", r.getUUID(1).equals(me)));
      }
      Map<UUID, JsonObject> released = new HashMap<>();
      for (Row r : all.<RowSet<Row>>resultAt(5)) {
        released.put(r.getUUID(0), new JsonObject().put("status", r.getString(1)).put("band", r.getString(2))
            .put("releasedAt", r.getOffsetDateTime(3).toString())
            .put("withdrawnAt", r.getOffsetDateTime(4) == null ? null : r.getOffsetDateTime(4).toString()));
      }
      Map<UUID, JsonObject> replies = new HashMap<>();
      all.<RowSet<Row>>resultAt(6).forEach(r -> replies.put(r.getUUID(0), new JsonObject().put("text", r.getString(1))
          .put("repliedAt", r.getOffsetDateTime(2).toString()).put("by", r.getString(3))));
      Map<UUID, JsonArray> accesses = new HashMap<>();
      Map<UUID, Integer> accessCounts = new HashMap<>();
      for (Row r : all.<RowSet<Row>>resultAt(7)) {
        int seen = accessCounts.merge(r.getUUID(0), 1, Integer::sum);
        if (seen <= ACCESSES_SHOWN) {
          accesses.computeIfAbsent(r.getUUID(0), x -> new JsonArray()).add(new JsonObject()
              .put("openedAt", r.getOffsetDateTime(1).toString()).put("by", r.getString(2)));
        }
      }
      JsonArray themes = new JsonArray();
      for (Row r : all.<RowSet<Row>>resultAt(0)) {
        Theme t = Theme.from(r);
        if (only.isPresent() && !only.get().equals(t.id())) continue;
        Map<UUID, Answer> round = answers.getOrDefault(t.id(), Map.of());
        boolean roundOn = t.status().equals("consulting") || t.status().equals("agreed");
        JsonObject json = new JsonObject().put("id", t.id().toString()).put("title", t.title()).put("summary", t.summary())
            .put("category", t.category().wireName()).put("status", t.status()).put("round", t.round())
            .put("withdrawnWhy", t.withdrawnWhy()).put("mine", me.equals(t.proposedBy()))
            .put("cards", cards.getOrDefault(t.id(), new JsonArray()))
            // Whether k is reached, not the exact count: on an anonymous board, counts for a chosen
            // handful of cards would tell members whether the same person wrote them.
            .put("enoughContributors", counts.getOrDefault(t.id(), 0L) >= k)
            .put("identifyingDetails", new JsonArray(IdentifyingDetails.find(t.text(), names)))
            .put("released", released.get(t.id())).put("reply", replies.get(t.id()))
            .put("sponsorOpened", accesses.getOrDefault(t.id(), new JsonArray()))
            .put("sponsorOpenedCount", accessCounts.getOrDefault(t.id(), 0));
        if (roundOn) {
          json.put("consent", new JsonObject().put("answers", answerJson.getOrDefault(t.id(), new JsonArray()))
              .put("blocked", ConsentRule.blocked(room, round)).put("consented", ConsentRule.consented(room, round)));
        }
        themes.add(json);
      }
      return new JsonObject().put("threshold", k).put("membersInRoom", room.size()).put("themes", themes);
    });
  }

  // ---- changing, inside the room ----

  public Future<UUID> propose(UUID community, UUID proposer, Draft draft) {
    return pool.withTransaction(tx -> checkCards(tx, community, draft.cards())
        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(community, draft.title(), draft.summary(),
            draft.category().wireName(), proposer)))
        .map(rows -> rows.iterator().next().getUUID(0))
        .compose(id -> insertCards(tx, id, draft.cards()).map(id)));
  }

  /** A facilitator curates any theme; the member who proposed one may edit it while it is a draft. */
  public Future<Void> edit(UUID community, UUID theme, UUID editor, Role role, Draft draft) {
    return pool.withTransaction(tx -> locked(tx, community, theme).compose(t -> {
      if (role != Role.FACILITATOR && !(editor.equals(t.proposedBy()) && t.status().equals("draft"))) {
        throw Refusal.conflict("A facilitator curates themes; you can edit a theme you proposed while it is a draft.");
      }
      if (t.status().equals("released")) throw Refusal.conflict("This theme is with the sponsor. Take it back first, then edit it.");
      return checkCards(tx, community, draft.cards())
          .compose(v -> tx.preparedQuery(UPDATE_TEXT).execute(Tuple.of(theme, draft.title(), draft.summary(), draft.category().wireName())))
          .compose(v -> tx.preparedQuery(DELETE_CARDS).execute(Tuple.of(theme)))
          .compose(v -> insertCards(tx, theme, draft.cards()));
    }));
  }

  public Future<Void> discard(UUID community, UUID theme) {
    return pool.withTransaction(tx -> locked(tx, community, theme).compose(t -> {
      if (t.status().equals("released")) throw Refusal.conflict("This theme is with the sponsor. Take it back first.");
      return tx.preparedQuery(EVER_RELEASED).execute(Tuple.of(theme)).compose(rows -> {
        // Its releases stay on record for the differencing check, and the theme with them.
        if (rows.iterator().next().getBoolean(0)) {
          throw Refusal.conflict("This theme has been released before, so it stays on record. Edit it instead.");
        }
        return tx.preparedQuery(DELETE).execute(Tuple.of(theme)).<Void>mapEmpty();
      });
    }));
  }

  /** A facilitator asks everyone in the room to consent to the theme's exact text. */
  public Future<Void> startRound(UUID community, UUID theme) {
    return pool.withTransaction(tx -> locked(tx, community, theme).compose(t -> switch (t.status()) {
      case "draft", "withdrawn" -> tx.preparedQuery(START_ROUND).execute(Tuple.of(theme)).<Void>mapEmpty();
      case "consulting", "agreed" -> Future.failedFuture(Refusal.conflict("A consent round on this text is already running."));
      default -> Future.failedFuture(Refusal.conflict("This theme is with the sponsor already."));
    }));
  }

  /** Records an answer; the theme is agreed while everyone in the room consents and nobody objects. */
  public Future<Boolean> answer(UUID community, UUID theme, UUID member, Given given) {
    return pool.withTransaction(tx -> locked(tx, community, theme).compose(t -> {
      if (!t.status().equals("consulting") && !t.status().equals("agreed")) {
        throw Refusal.conflict("No consent round is running on this theme.");
      }
      return tx.preparedQuery(ANSWER).execute(Tuple.of(theme, t.round(), member, given.answer().wireName(), given.note()))
          .compose(v -> consent(tx, community, t))
          .compose(agreed -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(theme, agreed ? "agreed" : "consulting", null)).map(agreed));
    }));
  }

  private Future<Boolean> consent(SqlClient tx, UUID community, Theme t) {
    return Future.all(ConsentRule.inTheRoom(tx, community), answersOf(tx, t)).map(all ->
        ConsentRule.consented(all.resultAt(0), all.resultAt(1)));
  }

  private static Future<Map<UUID, Answer>> answersOf(SqlClient tx, Theme t) {
    return tx.preparedQuery("SELECT account_id, answer FROM theme_consent_answer WHERE theme_id = $1 AND round = $2")
        .execute(Tuple.of(t.id(), t.round())).map(rows -> {
          Map<UUID, Answer> out = new HashMap<>();
          rows.forEach(r -> out.put(r.getUUID(0), Answer.parse(r.getString(1)).orElseThrow()));
          return out;
        });
  }

  /**
   * Copies the theme into the sponsor's store, or refuses with the first reason it may not leave
   * the room; a refusal changes nothing.
   */
  public Future<Void> release(UUID community, UUID theme, UUID facilitator) {
    return pool.withTransaction(tx -> tx.query(LOCK_RELEASES).execute()
        .compose(v -> locked(tx, community, theme))
        .compose(t -> {
          if (t.status().equals("released")) throw Refusal.conflict("This theme is already with the sponsor.");
          return Future.all(List.of(contributors(tx, theme), tx.preparedQuery(THRESHOLD).execute(Tuple.of(community)),
                  tx.preparedQuery(NAMES).execute(Tuple.of(community)), consent(tx, community, t), earlier(tx, community)))
              .compose(all -> {
                Set<UUID> people = all.resultAt(0);
                int k = all.<RowSet<Row>>resultAt(1).iterator().next().getInteger(0);
                List<String> names = new ArrayList<>();
                all.<RowSet<Row>>resultAt(2).forEach(r -> names.add(r.getString(0)));
                boolean consented = all.resultAt(3);
                List<Differencing.Earlier> before = all.resultAt(4);
                if (people.size() < k) {
                  throw Refusal.conflict("This theme has cards from fewer than " + k + " different people, the community's "
                      + "threshold. Add cards from more people before it can leave the room.");
                }
                if (!t.status().equals("consulting") && !t.status().equals("agreed") || !consented) {
                  throw Refusal.conflict(t.status().equals("consulting") || t.status().equals("agreed")
                      ? "Not everyone in the room has consented to this text yet, or an objection stands. Release it once everyone consents."
                      : "The members have not consented to this exact text. Ask for consent first.");
                }
                List<String> found = IdentifyingDetails.find(t.text(), names);
                if (!found.isEmpty()) {
                  throw Refusal.conflict("The text contains " + String.join(", ", found)
                      + ". Edit it out (this starts a new consent round), then release.");
                }
                Differencing.check(theme, people, before, k).ifPresent(reason -> {
                  throw Refusal.conflict(reason);
                });
                return tx.preparedQuery(RECORD_RELEASE).execute(Tuple.of(theme, community, facilitator, people.toArray(new UUID[0])))
                    .compose(v -> tx.preparedQuery(PUBLISH).execute(Tuple.tuple().addUUID(theme).addUUID(community)
                        .addString(t.title()).addString(t.summary()).addString(t.category().wireName()).addInteger(people.size())))
                    .compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(theme, "released", null)))
                    .<Void>mapEmpty();
              });
        }));
  }

  /** Takes a theme back from the sponsor: they see only that it was withdrawn. */
  public Future<Void> takeBack(UUID community, UUID theme) {
    return pool.withTransaction(tx -> tx.query(LOCK_RELEASES).execute()
        .compose(v -> locked(tx, community, theme))
        .compose(t -> {
          if (!t.status().equals("released")) throw Refusal.conflict("This theme is not with the sponsor.");
          return tx.preparedQuery(TAKE_BACK).execute(Tuple.of(theme))
              .compose(v -> tx.preparedQuery(SET_STATUS).execute(Tuple.of(theme, "withdrawn", "taken_back")))
              .<Void>mapEmpty();
        }));
  }

  // ---- helpers ----

  private static Future<Set<UUID>> contributors(SqlClient tx, UUID theme) {
    return tx.preparedQuery(CONTRIBUTORS).execute(Tuple.of(theme)).map(rows -> {
      Set<UUID> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getUUID(0)));
      return out;
    });
  }

  private static Future<List<Differencing.Earlier>> earlier(SqlClient tx, UUID community) {
    return tx.preparedQuery(EARLIER).execute(Tuple.of(community)).map(rows -> {
      List<Differencing.Earlier> out = new ArrayList<>();
      for (Row r : rows) {
        out.add(new Differencing.Earlier(r.getUUID(0), r.getString(1), new LinkedHashSet<>(List.of(r.getArrayOfUUIDs(2)))));
      }
      return out;
    });
  }

  private static Future<Theme> locked(SqlClient tx, UUID community, UUID theme) {
    return tx.preparedQuery(ONE_FOR_UPDATE).execute(Tuple.of(theme, community)).map(rows -> {
      if (rows.size() == 0) throw notFound();
      return Theme.from(rows.iterator().next());
    });
  }

  /** Every card must be on a board of this community now; the first that is not is named by its id. */
  private static Future<Void> checkCards(SqlClient tx, UUID community, List<CardRef> cards) {
    UUID[] boards = cards.stream().map(CardRef::board).toArray(UUID[]::new);
    String[] ids = cards.stream().map(CardRef::card).toArray(String[]::new);
    return tx.preparedQuery(CHECK_CARDS).execute(Tuple.of(boards, ids, community)).map(rows -> {
      for (Row r : rows) {
        if (!r.getBoolean("here")) throw Refusal.invalid("Card " + r.getString(1) + " is not on a board of this community.");
        if (!r.getBoolean("live")) throw Refusal.invalid("Card " + r.getString(1) + " is not on that board (it may have been withdrawn).");
      }
      return null;
    });
  }

  private static Future<Void> insertCards(SqlClient tx, UUID theme, List<CardRef> cards) {
    UUID[] boards = cards.stream().map(CardRef::board).toArray(UUID[]::new);
    String[] ids = cards.stream().map(CardRef::card).toArray(String[]::new);
    return tx.preparedQuery(INSERT_CARDS).execute(Tuple.of(theme, boards, ids)).mapEmpty();
  }

  public static Refusal notFound() {
    return Refusal.notFound("That theme");
  }

}
