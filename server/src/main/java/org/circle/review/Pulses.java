package org.circle.review;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.input.Schema;

/**
 * Pulses during a session and process checks of the community. An answer is stored apart from
 * the person who gave it: {@code pulse_respondent} records only that they answered (so nobody
 * answers twice), {@code pulse_answer} only what was answered. Nothing here ever returns who
 * answered what, and figures only as {@link Aggregate} allows, and only once the question has
 * closed: figures that moved with each answer would tell someone watching what the person who
 * just answered chose. A session's pulse closes at the latest when the session ends.
 */
public final class Pulses {
  public static final int MAX_NOTE = 1_000;
  public static final int MAX_QUESTION = 300;
  /** How many process checks and session pulses the reflection page charts, newest kept. */
  static final int MAX_CHARTED = 200;

  private static final String LOCK_SESSION = "SELECT state FROM community_session WHERE id = $1 AND community_id = $2 FOR UPDATE";
  private static final String CLOSE_OPEN_IN_SESSION = "UPDATE pulse SET closed_at = now() WHERE session_id = $1 AND closed_at IS NULL";
  private static final String CLOSE_OPEN_CHECK = """
      UPDATE pulse SET closed_at = now() WHERE community_id = $1 AND session_id IS NULL AND closed_at IS NULL
      """;
  private static final String INSERT = """
      INSERT INTO pulse (community_id, session_id, kind, question, opened_by) VALUES ($1, $2, $3, $4, $5) RETURNING id
      """;
  private static final String BUMP_SESSION = "UPDATE community_session SET version = version + 1 WHERE id = $1 RETURNING version";
  private static final String LOCK_PULSE = """
      SELECT p.id, p.session_id, p.kind, p.closed_at, s.state AS session_state
      FROM pulse p LEFT JOIN community_session s ON s.id = p.session_id
      WHERE p.id = $1 AND p.community_id = $2 FOR UPDATE OF p
      """;
  private static final String RESPONDED = "INSERT INTO pulse_respondent (pulse_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
  private static final String ANSWER = "INSERT INTO pulse_answer (pulse_id, value, note) VALUES ($1, $2, $3)";
  private static final String CLOSE = "UPDATE pulse SET closed_at = now() WHERE id = $1 AND closed_at IS NULL";
  private static final String CLOSE_ALL = "UPDATE pulse SET closed_at = now() WHERE community_id = $1 AND closed_at IS NULL";
  /** Said while a question is open, in place of any figure. */
  public static final String UNTIL_CLOSED_PULSE = "Results show when the facilitator closes the pulse.";
  public static final String UNTIL_CLOSED_CHECK = "Results show when a facilitator closes the process check.";
  private static final String COLUMNS = """
      p.id, p.session_id, p.kind, p.question, p.opened_at, p.closed_at, s.title AS session_title, s.starts_at AS session_starts_at,
      s.state AS session_state,
      EXISTS (SELECT 1 FROM pulse_respondent r WHERE r.pulse_id = p.id AND r.account_id = $2) AS answered
      """;
  private static final String OF_SESSION = "SELECT " + COLUMNS + """
       FROM pulse p LEFT JOIN community_session s ON s.id = p.session_id
      WHERE p.community_id = $1 AND p.session_id = $3 ORDER BY p.opened_at DESC, p.id
      """;
  private static final String ONE = "SELECT " + COLUMNS + """
       FROM pulse p LEFT JOIN community_session s ON s.id = p.session_id
      WHERE p.community_id = $1 AND p.id = $3
      """;
  private static final String CHECKS = "SELECT " + COLUMNS + """
       FROM pulse p LEFT JOIN community_session s ON s.id = p.session_id
      WHERE p.community_id = $1 AND p.session_id IS NULL ORDER BY p.opened_at DESC, p.id LIMIT $3
      """;
  private static final String ALL = "SELECT " + COLUMNS + """
       FROM pulse p LEFT JOIN community_session s ON s.id = p.session_id
      WHERE p.community_id = $1 ORDER BY p.opened_at DESC, p.id LIMIT $3
      """;
  private static final String ANSWERS = "SELECT pulse_id, value, note FROM pulse_answer WHERE pulse_id = ANY($1) ORDER BY pulse_id, value, note";

  /** A pulse or process check as a member of the room sees it. */
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("id", Schema.uuid())
      .required("kind", Schema.oneOf("safety", "zone", "process"))
      .required("question", Schema.anyText())
      .required("choices", Schema.list(Schema.object().required("value", Schema.anyText()).required("label", Schema.anyText())
          .named("PulseChoice")).describe("the answers one may give"))
      .required("sessionId", Schema.uuid().orNull().describe("the session of a pulse; null for a process check"))
      .required("sessionTitle", Schema.anyText().orNull())
      .required("sessionStartsAt", Schema.dateTime().orNull())
      .required("open", Schema.bool().describe("whether it takes answers: not closed and, for a pulse, its session live"))
      .required("openedAt", Schema.dateTime())
      .required("closedAt", Schema.dateTime().orNull())
      .required("answered", Schema.bool().describe("whether I have answered (never what I answered)"))
      .required("minimum", Schema.whole(Aggregate.MINIMUM, Aggregate.MINIMUM).describe("how many answers it takes before any figure is shown"))
      .required("enough", Schema.bool().describe("whether the result is shown: it has closed and at least 3 people answered"))
      .required("message", Schema.anyText().orNull().describe("why no result is shown: \"Results show when the facilitator closes the pulse.\" "
          + "while it is open (not even how many answered), \"Not enough answers to show...\" once closed with fewer than 3"))
      .required("result", Aggregate.SCHEMA.orNull().describe("null while open, and when fewer than 3 people answered"))
      .named("Pulse");
  public static final Schema.Obj NEW_PULSE = Schema.object()
      .required("kind", Schema.oneOf("safety", "zone").describe("safety: how safe does this feel, 1 to 5; zone: comfort, learning or panic zone"))
      .named("NewPulse");
  public static final Schema.Obj NEW_CHECK = Schema.object()
      .optional("question", Schema.text(1, MAX_QUESTION).describe("the question; by default \"" + PulseKind.PROCESS.question() + "\""))
      .named("NewProcessCheck");
  public static final Schema.Obj ANSWER_BODY = Schema.object()
      .required("value", Schema.oneOf("1", "2", "3", "4", "5", "comfort", "learning", "panic")
          .describe("1 to 5 for a safety pulse or a process check; comfort, learning or panic for a zone check"))
      .optional("note", Schema.text(1, MAX_NOTE).describe("optional; shown to the group, without a name, once it has closed with at least 3 answers"))
      .named("PulseAnswer");

  /** The pulse and, when it belongs to a session, the session's new version (for its live streams). */
  public record Changed(JsonObject pulse, Optional<UUID> session, long sessionVersion) {}

  private final Pool pool;

  public Pulses(Pool pool) {
    this.pool = pool;
  }

  /** A facilitator opens a pulse in a live session; one still open in it closes. */
  public Future<Changed> openPulse(UUID community, UUID session, PulseKind kind, UUID by) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_SESSION).execute(Tuple.of(session, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That session");
      if (!"live".equals(rows.iterator().next().getString(0))) throw Refusal.conflict("A pulse can be opened only while the session is live.");
      return tx.preparedQuery(CLOSE_OPEN_IN_SESSION).execute(Tuple.of(session))
          .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(community, session, kind.wireName(), kind.question(), by)))
          .compose(inserted -> {
            UUID id = inserted.iterator().next().getUUID(0);
            return bump(tx, session).compose(version -> one(tx, community, id, by).map(p -> new Changed(p, Optional.of(session), version)));
          });
    }));
  }

  /** A facilitator opens a process check of the community; one still open closes. */
  public Future<Changed> openCheck(UUID community, Optional<String> question, UUID by) {
    return pool.withTransaction(tx -> tx.preparedQuery(CLOSE_OPEN_CHECK).execute(Tuple.of(community))
        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.of(community, null, PulseKind.PROCESS.wireName(),
            question.orElse(PulseKind.PROCESS.question()), by)))
        .compose(inserted -> one(tx, community, inserted.iterator().next().getUUID(0), by))
        .map(p -> new Changed(p, Optional.empty(), 0)));
  }

  /** Records an answer without the person: once each, while the pulse is open (and its session live). */
  public Future<Changed> answer(UUID community, UUID pulse, UUID person, String value, Optional<String> note) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_PULSE).execute(Tuple.of(pulse, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That pulse");
      Row r = rows.iterator().next();
      PulseKind kind = PulseKind.parse(r.getString("kind")).orElseThrow();
      Optional<UUID> session = Optional.ofNullable(r.getUUID("session_id"));
      if (r.getOffsetDateTime("closed_at") != null) throw Refusal.conflict("This question has closed.");
      if (session.isPresent() && !"live".equals(r.getString("session_state"))) throw Refusal.conflict("The session is not live.");
      if (!kind.accepts(value)) {
        throw Refusal.invalid("'" + value + "' is not an answer to this question. Choose one of: "
            + String.join(", ", kind.choices().stream().map(PulseKind.Choice::value).toList()) + ".");
      }
      return tx.preparedQuery(RESPONDED).execute(Tuple.of(pulse, person)).compose(done -> {
        if (done.rowCount() == 0) throw Refusal.conflict("You have already answered this question.");
        return tx.preparedQuery(ANSWER).execute(Tuple.of(pulse, value, note.orElse(null)));
      }).compose(v -> changed(tx, community, pulse, person, session));
    }));
  }

  /** Closes every question still open in the community, as it is archived: their results become visible. */
  public static Future<Void> closeAll(SqlClient tx, UUID community) {
    return tx.preparedQuery(CLOSE_ALL).execute(Tuple.of(community)).mapEmpty();
  }

  /** A facilitator closes a pulse or process check: no more answers; its result shows from now on. */
  public Future<Changed> close(UUID community, UUID pulse, UUID by) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_PULSE).execute(Tuple.of(pulse, community)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That pulse");
      Row r = rows.iterator().next();
      if (r.getOffsetDateTime("closed_at") != null) throw Refusal.conflict("This question is already closed.");
      return tx.preparedQuery(CLOSE).execute(Tuple.of(pulse))
          .compose(v -> changed(tx, community, pulse, by, Optional.ofNullable(r.getUUID("session_id"))));
    }));
  }

  /** The pulses of one session, newest first. */
  public Future<JsonArray> ofSession(UUID community, UUID session, UUID me) {
    return pool.preparedQuery(OF_SESSION).execute(Tuple.of(community, me, session)).compose(rows -> withResults(pool, rows));
  }

  public Future<JsonObject> one(UUID community, UUID pulse, UUID me) {
    return one(pool, community, pulse, me);
  }

  /** What the reflection page charts: every pulse and process check, newest first, as the room may see them. */
  public Future<JsonObject> reflection(UUID community, UUID me) {
    return pool.preparedQuery(ALL).execute(Tuple.of(community, me, MAX_CHARTED)).compose(rows -> withResults(pool, rows)).map(all -> {
      JsonArray pulses = new JsonArray();
      JsonArray checks = new JsonArray();
      for (Object p : all) (((JsonObject) p).getString("sessionId") != null ? pulses : checks).add(p);
      return new JsonObject().put("minimum", Aggregate.MINIMUM).put("pulses", pulses).put("processChecks", checks);
    });
  }

  public Future<JsonArray> checks(UUID community, UUID me) {
    return pool.preparedQuery(CHECKS).execute(Tuple.of(community, me, MAX_CHARTED)).compose(rows -> withResults(pool, rows));
  }

  private Future<Changed> changed(SqlClient tx, UUID community, UUID pulse, UUID me, Optional<UUID> session) {
    Future<Long> version = session.map(s -> bump(tx, s)).orElse(Future.succeededFuture(0L));
    return version.compose(n -> one(tx, community, pulse, me).map(p -> new Changed(p, session, n)));
  }

  private static Future<Long> bump(SqlClient tx, UUID session) {
    return tx.preparedQuery(BUMP_SESSION).execute(Tuple.of(session)).map(rows -> rows.iterator().next().getLong(0));
  }

  private static Future<JsonObject> one(SqlClient client, UUID community, UUID pulse, UUID me) {
    return client.preparedQuery(ONE).execute(Tuple.of(community, me, pulse)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That pulse");
      return withResults(client, rows).map(list -> list.getJsonObject(0));
    });
  }

  private static Future<JsonArray> withResults(SqlClient client, RowSet<Row> rows) {
    List<Row> pulses = new ArrayList<>();
    rows.forEach(pulses::add);
    if (pulses.isEmpty()) return Future.succeededFuture(new JsonArray());
    UUID[] ids = pulses.stream().map(r -> r.getUUID("id")).toArray(UUID[]::new);
    return client.preparedQuery(ANSWERS).execute(Tuple.tuple().addArrayOfUUID(ids)).map(answers -> {
      Map<UUID, List<Aggregate.Answer>> byPulse = new HashMap<>();
      for (Row a : answers) {
        byPulse.computeIfAbsent(a.getUUID(0), k -> new ArrayList<>()).add(new Aggregate.Answer(a.getString(1), a.getString(2)));
      }
      JsonArray out = new JsonArray();
      for (Row r : pulses) out.add(json(r, byPulse.getOrDefault(r.getUUID("id"), List.of())));
      return out;
    });
  }

  private static JsonObject json(Row r, List<Aggregate.Answer> answers) {
    PulseKind kind = PulseKind.parse(r.getString("kind")).orElseThrow();
    JsonArray choices = new JsonArray();
    kind.choices().forEach(c -> choices.add(new JsonObject().put("value", c.value()).put("label", c.label())));
    boolean closed = r.getOffsetDateTime("closed_at") != null;
    JsonObject result = closed ? Aggregate.of(kind, answers) : null;
    String message = !closed ? (kind == PulseKind.PROCESS ? UNTIL_CLOSED_CHECK : UNTIL_CLOSED_PULSE)
        : result == null ? Aggregate.NOT_ENOUGH : null;
    UUID session = r.getUUID("session_id");
    return new JsonObject().put("id", r.getUUID("id").toString()).put("kind", kind.wireName()).put("question", r.getString("question"))
        .put("choices", choices)
        .put("sessionId", session == null ? null : session.toString())
        .put("sessionTitle", r.getString("session_title"))
        .put("sessionStartsAt", r.getOffsetDateTime("session_starts_at") == null ? null
            : r.getOffsetDateTime("session_starts_at").toInstant().toString())
        // A session's pulse takes answers only while the session is live.
        .put("open", r.getOffsetDateTime("closed_at") == null && (session == null || "live".equals(r.getString("session_state"))))
        .put("openedAt", r.getOffsetDateTime("opened_at").toInstant().toString())
        .put("closedAt", r.getOffsetDateTime("closed_at") == null ? null : r.getOffsetDateTime("closed_at").toInstant().toString())
        .put("answered", r.getBoolean("answered"))
        .put("minimum", Aggregate.MINIMUM)
        .put("enough", result != null)
        .put("message", message)
        .put("result", result);
  }
}
