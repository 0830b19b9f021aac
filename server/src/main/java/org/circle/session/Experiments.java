package org.circle.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.protocol.Operations;

/**
 * Ideas become experiments: a question to try out, its owners, when it runs, what to observe and
 * when the group brings it back. An open experiment whose bring-back date has come is on the agenda
 * of every session from then on (a segment "Experiments coming back" is added by itself) until the
 * group records what happened and what it learned. An experiment refers to its idea card; it never
 * copies what the card says, so a withdrawn card leaves nothing behind here.
 */
public final class Experiments {
  static final int MAX_QUESTION = 500;
  static final int MAX_TEXT = 2_000;
  static final int MAX_OWNERS = 20;

  public static final Schema.Obj NEW = Schema.object()
      .required("question", Schema.text(1, MAX_QUESTION).describe("what we try out, as a question"))
      .required("owners", Schema.list(Schema.uuid()).between(1, MAX_OWNERS).describe("members who look after it"))
      .required("startsOn", Schema.text(10, 10).describe("a date, such as 2026-03-06"))
      .required("endsOn", Schema.text(10, 10))
      .required("observe", Schema.text(1, MAX_TEXT).describe("what to notice while it runs"))
      .required("bringBackOn", Schema.text(10, 10).describe("when the group looks at it again"))
      .optional("board", Schema.uuid().describe("the board of the idea card"))
      .optional("card", Schema.text(1, 64).describe("the idea card it grew from"))
      .named("NewExperiment");
  public static final Schema.Obj OUTCOME = Schema.object()
      .required("happened", Schema.text(1, MAX_TEXT)).required("learned", Schema.text(1, MAX_TEXT))
      .named("ExperimentOutcome");
  public static final Schema.Obj SCHEMA = Schema.object()
      .required("id", Schema.uuid()).required("question", Schema.anyText())
      .required("owners", Schema.list(SessionView.PERSON)).required("startsOn", Schema.anyText()).required("endsOn", Schema.anyText())
      .required("observe", Schema.anyText()).required("bringBackOn", Schema.anyText())
      .required("board", Schema.uuid().orNull()).required("card", Schema.anyText().orNull())
      .required("happened", Schema.anyText().orNull()).required("learned", Schema.anyText().orNull())
      .required("recordedAt", Schema.dateTime().orNull())
      .named("Experiment");

  static final String COLUMNS = """
      e.id, e.question, e.owners, e.starts_on, e.ends_on, e.observe, e.bring_back_on, e.board_id, e.card_id,
      e.happened, e.learned, e.recorded_at,
      ARRAY(SELECT a.display_name FROM unnest(e.owners) WITH ORDINALITY o(id, n) JOIN account a ON a.id = o.id ORDER BY o.n) AS owner_names
      """;
  static final String INSERT = """
      INSERT INTO experiment (community_id, board_id, card_id, question, owners, starts_on, ends_on, observe, bring_back_on, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id
      """;
  static final String ALL = "SELECT " + COLUMNS + " FROM experiment e WHERE e.community_id = $1 ORDER BY e.bring_back_on, e.created_at";
  static final String ONE = "SELECT " + COLUMNS + " FROM experiment e WHERE e.community_id = $1 AND e.id = $2";
  /** Open experiments due back by a day: what a session on that day brings back. */
  static final String DUE = "SELECT " + COLUMNS
      + " FROM experiment e WHERE e.community_id = $1 AND e.recorded_at IS NULL AND e.bring_back_on <= $2 ORDER BY e.bring_back_on, e.created_at";
  static final String ANY_DUE = "SELECT EXISTS (SELECT 1 FROM experiment WHERE community_id = $1 AND recorded_at IS NULL AND bring_back_on <= $2)";
  static final String IN_THE_ROOM = """
      SELECT count(*) FROM membership WHERE community_id = $1 AND account_id = ANY($2) AND role IN ('participant', 'facilitator')
      """;
  static final String BOARD_HERE = "SELECT 1 FROM board WHERE id = $1 AND community_id = $2";
  static final String RECORD = """
      UPDATE experiment SET happened = $3, learned = $4, recorded_at = now() WHERE community_id = $1 AND id = $2 RETURNING id
      """;
  static final String OPEN_SESSIONS = "SELECT id FROM community_session WHERE community_id = $1 AND state <> 'ended'";

  /** An experiment as a facilitator or member asks for it, already checked field by field. */
  public record NewExperiment(String question, List<UUID> owners, LocalDate startsOn, LocalDate endsOn, String observe,
                              LocalDate bringBackOn, Optional<UUID> board, Optional<String> card) {
    public static NewExperiment from(JsonBody body) {
      LocalDate starts = date(body, "startsOn");
      LocalDate ends = date(body, "endsOn");
      LocalDate back = date(body, "bringBackOn");
      if (ends.isBefore(starts)) throw Refusal.invalid("The experiment must end on or after the day it starts.");
      if (back.isBefore(starts)) throw Refusal.invalid("Bring it back on or after the day it starts.");
      List<UUID> owners = new ArrayList<>(new LinkedHashSet<>(body.strings("owners").stream().map(s -> uuid("owners", s)).toList()));
      Optional<String> card = body.optionalString("card");
      card.ifPresent(c -> {
        if (!Operations.isId(c)) throw Refusal.invalid("Field 'card' must be a card id.");
      });
      return new NewExperiment(body.string("question"), owners, starts, ends, body.string("observe"), back,
          body.optionalString("board").map(s -> uuid("board", s)), card);
    }
  }

  private final Pool pool;

  public Experiments(Pool pool) {
    this.pool = pool;
  }

  public Future<UUID> create(UUID community, UUID by, NewExperiment e) {
    // Tuple.of would spread the array into parameters: the array is one parameter.
    Tuple owners = Tuple.tuple().addUUID(community).addArrayOfUUID(e.owners().toArray(UUID[]::new));
    return pool.preparedQuery(IN_THE_ROOM).execute(owners).compose(rows -> {
      if (rows.iterator().next().getLong(0) != e.owners().size()) {
        throw Refusal.invalid("Every owner must be a member of the community (a participant or a facilitator).");
      }
      if (e.board().isEmpty()) return Future.succeededFuture();
      return pool.preparedQuery(BOARD_HERE).execute(Tuple.of(e.board().get(), community)).map(b -> {
        if (b.size() == 0) throw Refusal.notFound("That board");
        return null;
      });
    }).compose(v -> pool.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(community).addUUID(e.board().orElse(null))
            .addString(e.card().orElse(null)).addString(e.question()).addArrayOfUUID(e.owners().toArray(UUID[]::new))
            .addLocalDate(e.startsOn()).addLocalDate(e.endsOn()).addString(e.observe()).addLocalDate(e.bringBackOn()).addUUID(by)))
        .map(rows -> rows.iterator().next().getUUID(0));
  }

  public Future<JsonArray> list(UUID community) {
    return pool.preparedQuery(ALL).execute(Tuple.of(community)).map(Experiments::toJson);
  }

  public Future<JsonObject> one(UUID community, UUID id) {
    return pool.preparedQuery(ONE).execute(Tuple.of(community, id)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That experiment");
      return toJson(rows).getJsonObject(0);
    });
  }

  /** Records what happened and what the group learned; the experiment leaves the agendas. */
  public Future<JsonObject> record(UUID community, UUID id, String happened, String learned) {
    return pool.preparedQuery(RECORD).execute(Tuple.of(community, id, happened, learned)).compose(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That experiment");
      return one(community, id);
    });
  }

  /** The sessions whose agenda may show experiments (every one not yet ended), to tell their streams. */
  public Future<List<UUID>> openSessions(UUID community) {
    return pool.preparedQuery(OPEN_SESSIONS).execute(Tuple.of(community)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      for (Row r : rows) ids.add(r.getUUID(0));
      return ids;
    });
  }

  static Future<JsonArray> due(SqlClient client, UUID community, LocalDate on) {
    return client.preparedQuery(DUE).execute(Tuple.of(community, on)).map(Experiments::toJson);
  }

  static Future<Boolean> anyDue(SqlClient client, UUID community, LocalDate on) {
    return client.preparedQuery(ANY_DUE).execute(Tuple.of(community, on)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  private static JsonArray toJson(RowSet<Row> rows) {
    JsonArray out = new JsonArray();
    for (Row r : rows) {
      UUID[] owners = r.getArrayOfUUIDs("owners");
      String[] names = r.getArrayOfStrings("owner_names");
      JsonArray people = new JsonArray();
      for (int i = 0; i < owners.length && i < names.length; i++) {
        people.add(new JsonObject().put("id", owners[i].toString()).put("name", names[i]));
      }
      out.add(new JsonObject().put("id", r.getUUID("id").toString()).put("question", r.getString("question")).put("owners", people)
          .put("startsOn", r.getLocalDate("starts_on").toString()).put("endsOn", r.getLocalDate("ends_on").toString())
          .put("observe", r.getString("observe")).put("bringBackOn", r.getLocalDate("bring_back_on").toString())
          .put("board", r.getUUID("board_id") == null ? null : r.getUUID("board_id").toString()).put("card", r.getString("card_id"))
          .put("happened", r.getString("happened")).put("learned", r.getString("learned"))
          .put("recordedAt", r.getOffsetDateTime("recorded_at") == null ? null : r.getOffsetDateTime("recorded_at").toInstant().toString()));
    }
    return out;
  }

  private static LocalDate date(JsonBody body, String field) {
    try {
      LocalDate d = LocalDate.parse(body.string(field));
      if (d.getYear() < 2000 || d.getYear() > 2100) throw Refusal.invalid("Field '" + field + "' must be a date between 2000 and 2100.");
      return d;
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("Field '" + field + "' must be a date such as 2026-03-06.");
    }
  }

  private static UUID uuid(String field, String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("Field '" + field + "' must hold ids.");
    }
  }
}
