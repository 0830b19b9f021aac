package org.circle.review;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.groundrules.GroundRulesStore;
import org.circle.input.Schema;
import org.circle.session.SessionStore;

/**
 * The review on action after each session: each member writes their own answers to the review's
 * prompts and may edit them; the room reads them all, with names unless the ground rules in force
 * make cards anonymous. A facilitator turns ideas into proposals: a segment on the next session's
 * agenda (kept pending until one is scheduled), or a ground-rules amendment draft.
 */
public final class Reviews {
  public static final int MAX_ANSWER = 4_000;
  public static final int MAX_SEGMENT_TITLE = 200;
  public static final int MAX_RULE = 500;

  private static final String SESSION = """
      SELECT s.title, s.starts_at, s.state, r.template FROM community_session s LEFT JOIN session_review r ON r.session_id = s.id
      WHERE s.id = $1 AND s.community_id = $2
      """;
  private static final String ANONYMOUS = """
      SELECT card_names = 'anonymous' FROM ground_rules_version WHERE community_id = $1 AND status = 'ratified'
      """;
  private static final String ENTRIES = """
      SELECT r.author_id, a.display_name, r.answers, r.updated_at
      FROM review_answer r JOIN account a ON a.id = r.author_id
      WHERE r.session_id = $1 AND r.community_id = $2
      """;
  private static final String PROPOSALS = """
      SELECT p.id, p.kind, p.text, p.template, p.status, p.target_session_id, t.title AS target_title, p.ground_rules_version, p.created_at
      FROM review_proposal p LEFT JOIN community_session t ON t.id = p.target_session_id
      WHERE p.session_id = $1 AND p.community_id = $2 ORDER BY p.created_at, p.id
      """;
  private static final String LOCK_SESSION = "SELECT state FROM community_session WHERE id = $1 AND community_id = $2 FOR UPDATE";
  private static final String ANY_ANSWER = "SELECT EXISTS (SELECT 1 FROM review_answer WHERE session_id = $1)";
  private static final String CHOOSE = """
      INSERT INTO session_review (session_id, community_id, template, chosen_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (session_id) DO UPDATE SET template = EXCLUDED.template, chosen_by = EXCLUDED.chosen_by, chosen_at = now()
      """;
  private static final String WRITE = """
      INSERT INTO review_answer (session_id, community_id, author_id, answers) VALUES ($1, $2, $3, $4)
      ON CONFLICT (session_id, author_id) DO UPDATE SET answers = EXCLUDED.answers, updated_at = now()
      """;
  private static final String ERASE = "DELETE FROM review_answer WHERE session_id = $1 AND author_id = $2";
  private static final String NEXT_PLANNED = """
      SELECT id FROM community_session WHERE community_id = $1 AND state = 'planned' ORDER BY starts_at, id LIMIT 1
      """;
  private static final String PROPOSE = """
      INSERT INTO review_proposal (community_id, session_id, kind, text, template, status, target_session_id, ground_rules_version, proposed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
      """;
  private static final String PENDING = """
      SELECT id, text, template FROM review_proposal WHERE community_id = $1 AND status = 'pending' ORDER BY created_at, id
      """;
  private static final String ADDED = """
      UPDATE review_proposal SET status = 'added', target_session_id = $2 WHERE id = $1 AND status = 'pending'
      """;

  private static final Schema.Obj TEMPLATE = Schema.object().required("key", Schema.anyText()).required("name", Schema.anyText())
      .required("prompts", Schema.list(Schema.object().required("key", Schema.anyText()).required("label", Schema.anyText())
          .required("ideas", Schema.bool().describe("whether its answers are ideas a facilitator may turn into proposals"))
          .named("ReviewPrompt")))
      .named("ReviewTemplate");
  public static final Schema.Obj PROPOSAL = Schema.object()
      .required("id", Schema.uuid())
      .required("kind", Schema.oneOf("agenda", "ground-rules"))
      .required("text", Schema.anyText())
      .required("template", Schema.anyText().orNull().describe("the segment template of an agenda proposal"))
      .required("status", Schema.oneOf("pending", "added", "drafted")
          .describe("pending: added when the next session is scheduled; added: on that session's agenda; drafted: in a ground-rules draft"))
      .required("targetSessionId", Schema.uuid().orNull())
      .required("targetSessionTitle", Schema.anyText().orNull())
      .required("groundRulesVersion", Schema.whole(1, Integer.MAX_VALUE).orNull())
      .required("createdAt", Schema.dateTime())
      .named("ReviewProposal");
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("sessionId", Schema.uuid())
      .required("sessionTitle", Schema.anyText())
      .required("sessionStartsAt", Schema.dateTime())
      .required("template", TEMPLATE)
      .required("templates", Schema.list(TEMPLATE).describe("what a facilitator may choose from"))
      .required("named", Schema.bool().describe("false when the ground rules in force make cards, and so reviews, anonymous"))
      .required("entries", Schema.list(Schema.object()
          .required("author", Schema.anyText().orNull().describe("null when reviews are anonymous"))
          .required("mine", Schema.bool())
          .required("answers", Schema.list(Schema.object().required("prompt", Schema.anyText()).required("label", Schema.anyText())
              .required("text", Schema.anyText()).named("ReviewAnswer")))
          .required("updatedAt", Schema.dateTime().orNull().describe("null when reviews are anonymous"))
          .named("ReviewEntry")))
      .required("proposals", Schema.list(PROPOSAL))
      .named("SessionReview");

  public static final Schema.Obj CHOICE = Schema.object()
      .required("template", Schema.oneOf("well-better-ideas", "four-fs", "head-heart-hands"))
      .named("ReviewTemplateChoice");
  public static final Schema.Obj ANSWERS;
  public static final Schema.Obj NEW_PROPOSAL = Schema.object()
      .required("kind", Schema.oneOf("agenda", "ground-rules")
          .describe("agenda: a segment for the next session's agenda; ground-rules: a rule in an amendment draft"))
      .required("text", Schema.text(1, MAX_RULE).describe("the segment's title (at most 200 characters) or the rule"))
      .optional("template", Schema.text(1, 40).describe("an agenda proposal's segment template; 'ideas' by default"))
      .named("NewReviewProposal");

  static {
    Schema.Obj answers = Schema.object();
    for (String key : ReviewTemplate.ALL_PROMPTS) {
      answers = answers.optional(key, Schema.text(0, MAX_ANSWER).describe("my answer to this prompt; empty to clear it"));
    }
    ANSWERS = answers.named("MyReviewAnswers");
  }

  /** A proposal made, and the new version of the session whose agenda it joined, if it did. */
  public record Proposed(JsonObject proposal, Optional<UUID> session, long sessionVersion) {}

  private final Pool pool;
  private final SessionStore sessions;
  private final GroundRulesStore groundRules;

  public Reviews(Pool pool, SessionStore sessions, GroundRulesStore groundRules) {
    this.pool = pool;
    this.sessions = sessions;
    this.groundRules = groundRules;
  }

  /** The review of an ended session as this member sees it. */
  public Future<JsonObject> view(UUID community, UUID session, UUID me) {
    return pool.preparedQuery(SESSION).execute(Tuple.of(session, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That session");
      Row s = rows.iterator().next();
      if (!"ended".equals(s.getString("state"))) throw Refusal.conflict("A session's review opens when the session has ended.");
      ReviewTemplate template = ReviewTemplate.parse(s.getString("template")).orElse(ReviewTemplate.DEFAULT);
      return Future.all(pool.preparedQuery(ANONYMOUS).execute(Tuple.of(community)),
          pool.preparedQuery(ENTRIES).execute(Tuple.of(session, community)),
          pool.preparedQuery(PROPOSALS).execute(Tuple.of(session, community))).map(all -> {
            io.vertx.sqlclient.RowSet<Row> rules = all.resultAt(0);
            boolean named = rules.size() == 0 || !Boolean.TRUE.equals(rules.iterator().next().getBoolean(0));
            JsonArray templates = new JsonArray();
            for (ReviewTemplate t : ReviewTemplate.values()) templates.add(t.toJson());
            return new JsonObject().put("sessionId", session.toString()).put("sessionTitle", s.getString("title"))
                .put("sessionStartsAt", s.getOffsetDateTime("starts_at").toInstant().toString())
                .put("template", template.toJson()).put("templates", templates).put("named", named)
                .put("entries", entries(all.resultAt(1), template, named, me))
                .put("proposals", proposals(all.resultAt(2)));
          });
    });
  }

  private static JsonArray entries(io.vertx.sqlclient.RowSet<Row> rows, ReviewTemplate template, boolean named, UUID me) {
    List<JsonObject> list = new ArrayList<>();
    for (Row r : rows) {
      Object value = r.getValue("answers");
      JsonObject stored = value instanceof JsonObject json ? json : new JsonObject(String.valueOf(value));
      JsonArray answers = new JsonArray();
      for (ReviewTemplate.Prompt p : template.prompts()) {
        String text = stored.getString(p.key());
        if (text != null) answers.add(new JsonObject().put("prompt", p.key()).put("label", p.label()).put("text", text));
      }
      boolean mine = r.getUUID("author_id").equals(me);
      if (answers.isEmpty() && !mine) continue;
      list.add(new JsonObject().put("author", named ? r.getString("display_name") : null).put("mine", mine).put("answers", answers)
          .put("updatedAt", named ? r.getOffsetDateTime("updated_at").toInstant().toString() : null));
    }
    // Named: by name. Anonymous: by what was written, so the order says nothing of who wrote it or when.
    Comparator<JsonObject> order = named
        ? Comparator.comparing((JsonObject e) -> e.getString("author"), String.CASE_INSENSITIVE_ORDER)
        : Comparator.comparing((JsonObject e) -> e.getJsonArray("answers").encode());
    list.sort(order);
    return new JsonArray(new ArrayList<>(list));
  }

  private static JsonArray proposals(io.vertx.sqlclient.RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) out.add(proposal(r));
    return out;
  }

  private static JsonObject proposal(Row r) {
    UUID target = r.getUUID("target_session_id");
    return new JsonObject().put("id", r.getUUID("id").toString()).put("kind", r.getString("kind")).put("text", r.getString("text"))
        .put("template", r.getString("template")).put("status", r.getString("status"))
        .put("targetSessionId", target == null ? null : target.toString()).put("targetSessionTitle", r.getString("target_title"))
        .put("groundRulesVersion", r.getInteger("ground_rules_version"))
        .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
  }

  /** A facilitator chooses the prompts, until someone has written. */
  public Future<Void> choose(UUID community, UUID session, ReviewTemplate template, UUID by) {
    return pool.withTransaction(tx -> lockEnded(tx, community, session)
        .compose(v -> tx.preparedQuery(ANY_ANSWER).execute(Tuple.of(session)))
        .compose(rows -> {
          if (rows.iterator().next().getBoolean(0)) {
            throw Refusal.conflict("Someone has already written in this review, so its prompts stay as they are.");
          }
          return tx.preparedQuery(CHOOSE).execute(Tuple.of(session, community, template.wireName(), by));
        }).mapEmpty());
  }

  /** Writes (or rewrites) my own answers; only prompts the review asks; all empty erases them. */
  public Future<Void> write(UUID community, UUID session, UUID author, Map<String, String> answers) {
    return pool.withTransaction(tx -> lockEnded(tx, community, session)
        .compose(v -> tx.preparedQuery(SESSION).execute(Tuple.of(session, community)))
        .compose(rows -> {
          ReviewTemplate template = ReviewTemplate.parse(rows.iterator().next().getString("template")).orElse(ReviewTemplate.DEFAULT);
          JsonObject kept = new JsonObject();
          for (Map.Entry<String, String> a : answers.entrySet()) {
            if (!template.asks(a.getKey())) {
              throw Refusal.invalid("This review does not ask '" + a.getKey() + "'. It asks: "
                  + String.join(", ", template.prompts().stream().map(ReviewTemplate.Prompt::key).toList()) + ".");
            }
            if (!a.getValue().isBlank()) kept.put(a.getKey(), a.getValue().strip());
          }
          return kept.isEmpty()
              ? tx.preparedQuery(ERASE).execute(Tuple.of(session, author))
              : tx.preparedQuery(WRITE).execute(Tuple.of(session, community, author, kept));
        }).mapEmpty());
  }

  /** A facilitator turns an idea into a proposal for the next agenda or a ground-rules draft. */
  public Future<Proposed> propose(UUID community, UUID session, SessionStore.Actor actor, String kind, String text,
                                  Optional<String> segmentTemplate) {
    return pool.preparedQuery(SESSION).execute(Tuple.of(session, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That session");
      if (!"ended".equals(rows.iterator().next().getString("state"))) {
        throw Refusal.conflict("A session's review opens when the session has ended.");
      }
      if (kind.equals("ground-rules")) {
        return groundRules.draftWithRule(community, text, actor.accountId())
            .compose(version -> insert(community, session, kind, text, null, "drafted", null, version.version(), actor.accountId()))
            .map(p -> new Proposed(p, Optional.empty(), 0));
      }
      if (text.codePointCount(0, text.length()) > MAX_SEGMENT_TITLE) {
        throw Refusal.invalid("A segment's title has at most " + MAX_SEGMENT_TITLE + " characters. Shorten the idea.");
      }
      String template = segmentTemplate.orElse("ideas");
      return sessions.templates().compose(templates -> {
        if (templates.byKey(template).isEmpty()) throw Refusal.invalid("There is no segment template '" + template + "'.");
        return pool.preparedQuery(NEXT_PLANNED).execute(Tuple.of(community));
      }).compose(next -> {
        if (next.size() == 0) {
          return insert(community, session, kind, text, template, "pending", null, null, actor.accountId())
              .map(p -> new Proposed(p, Optional.empty(), 0));
        }
        UUID target = next.iterator().next().getUUID(0);
        return sessions.addSegment(community, target, actor, template, Optional.of(text), Optional.empty(), Optional.empty())
            .compose(version -> insert(community, session, kind, text, template, "added", target, null, actor.accountId())
                .map(p -> new Proposed(p, Optional.of(target), version)));
      });
    });
  }

  /**
   * A session was just scheduled: pending agenda proposals join its agenda, oldest first. Answers
   * the session's version after the last one, if any joined.
   */
  public Future<Optional<Long>> addPending(UUID community, UUID session, SessionStore.Actor actor) {
    return pool.preparedQuery(PENDING).execute(Tuple.of(community)).compose(rows -> {
      Future<Optional<Long>> chain = Future.succeededFuture(Optional.empty());
      for (Row r : rows) {
        UUID id = r.getUUID("id");
        String text = r.getString("text");
        String template = r.getString("template");
        chain = chain.compose(last -> sessions.addSegment(community, session, actor, template, Optional.of(text), Optional.empty(),
                Optional.empty())
            .compose(version -> pool.preparedQuery(ADDED).execute(Tuple.of(id, session)).map(x -> Optional.of(version))));
      }
      return chain;
    });
  }

  private Future<JsonObject> insert(UUID community, UUID session, String kind, String text, String template, String status,
                                    UUID target, Integer rulesVersion, UUID by) {
    Tuple values = Tuple.tuple().addUUID(community).addUUID(session).addString(kind).addString(text).addString(template)
        .addString(status).addUUID(target).addInteger(rulesVersion).addUUID(by);
    return pool.preparedQuery(PROPOSE).execute(values).compose(rows -> {
      UUID id = rows.iterator().next().getUUID(0);
      return pool.preparedQuery(PROPOSALS).execute(Tuple.of(session, community)).map(all -> {
        for (Row r : all) if (r.getUUID("id").equals(id)) return proposal(r);
        throw new IllegalStateException("proposal " + id + " vanished");
      });
    });
  }

  private static Future<Void> lockEnded(io.vertx.sqlclient.SqlClient tx, UUID community, UUID session) {
    return tx.preparedQuery(LOCK_SESSION).execute(Tuple.of(session, community)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That session");
      if (!"ended".equals(rows.iterator().next().getString(0))) throw Refusal.conflict("A session's review opens when the session has ended.");
      return null;
    });
  }
}
