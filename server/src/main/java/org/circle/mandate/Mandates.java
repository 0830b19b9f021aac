package org.circle.mandate;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Principal;
import org.circle.error.Refusal;
import org.circle.input.Schema;

/** Mandate versions: a draft is edited in place; once signed off, any change starts a new version. */
public final class Mandates {
  private static final String LATEST = """
      SELECT * FROM mandate_version WHERE community_id = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE
      """;
  private static final String ONE = "SELECT * FROM mandate_version WHERE community_id = $1 AND version = $2";
  private static final String NEWEST = "SELECT * FROM mandate_version WHERE community_id = $1 ORDER BY version DESC LIMIT 1";
  private static final String IN_FORCE = """
      SELECT version FROM mandate_version WHERE community_id = $1 AND signed_off_at IS NOT NULL
      ORDER BY version DESC LIMIT 1
      """;
  private static final String ALL = """
      SELECT version, edited_at, signed_off_name, signed_off_at FROM mandate_version
      WHERE community_id = $1 ORDER BY version
      """;
  private static final String INSERT = """
      INSERT INTO mandate_version (community_id, version, purpose, question, constituency, expectations,
        time_commitment, learning_flow, safe_to_fail, not_performance, edited_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      """;
  private static final String UPDATE = """
      UPDATE mandate_version SET purpose = $3, question = $4, constituency = $5, expectations = $6,
        time_commitment = $7, learning_flow = $8, safe_to_fail = $9, not_performance = $10,
        edited_by = $11, edited_at = now()
      WHERE community_id = $1 AND version = $2
      """;
  private static final String SIGN = """
      UPDATE mandate_version SET signed_off_by = $3, signed_off_name = $4, signed_off_at = now()
      WHERE community_id = $1 AND version = $2 AND signed_off_at IS NULL
      """;

  /** One version of the mandate and its sign-off, if it has one. */
  public static final Schema.Obj VERSION = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .plus(Mandate.SCHEMA)
      .required("editedAt", Schema.dateTime())
      .required("signedOffBy", Schema.anyText().orNull().describe("the sponsor's name; null until signed off"))
      .required("signedOffAt", Schema.dateTime().orNull())
      .named("MandateVersion");
  /** What {@link #current} answers. */
  public static final Schema.Obj CURRENT = Schema.object()
      .required("inForce", Schema.whole(1, Integer.MAX_VALUE).orNull().describe("the version signed off most recently"))
      .required("latest", VERSION.orNull().describe("the newest version, signed or not"))
      .named("MandateState");
  /** One line of {@link #versions}. */
  public static final Schema.Obj SUMMARY = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("editedAt", Schema.dateTime())
      .required("signedOffBy", Schema.anyText().orNull())
      .required("signedOffAt", Schema.dateTime().orNull())
      .named("MandateVersionSummary");

  private final Pool pool;

  public Mandates(Pool pool) {
    this.pool = pool;
  }

  /** Saves the text: edits the unsigned draft, or starts a new version after a sign-off. */
  public Future<Integer> save(UUID community, Mandate m, UUID editor) {
    return pool.withTransaction(tx -> tx.preparedQuery(LATEST).execute(Tuple.of(community)).compose(rows -> {
      Optional<Row> latest = rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
      boolean editDraft = latest.isPresent() && latest.get().getOffsetDateTime("signed_off_at") == null;
      int version = latest.map(r -> r.getInteger("version") + (editDraft ? 0 : 1)).orElse(1);
      if (latest.isPresent() && Mandate.from(latest.get()).equals(m)) return Future.succeededFuture(latest.get().getInteger("version"));
      Tuple values = Tuple.of(community, version, m.purpose(), m.question(), m.constituency(), m.expectations(),
          m.timeCommitment(), m.learningFlow()).addString(m.safeToFail()).addString(m.notPerformance()).addUUID(editor);
      return tx.preparedQuery(editDraft ? UPDATE : INSERT).execute(values).map(v -> version);
    }));
  }

  public Future<Void> signOff(UUID community, int version, Principal sponsor) {
    return pool.withTransaction(tx -> tx.preparedQuery(LATEST).execute(Tuple.of(community)).compose(rows -> {
      if (rows.size() == 0) return Future.failedFuture(Refusal.conflict("There is no mandate to sign off yet."));
      Row latest = rows.iterator().next();
      if (latest.getInteger("version") != version) {
        return Future.failedFuture(Refusal.conflict("Version " + version + " is not the latest; read version "
            + latest.getInteger("version") + " and sign that."));
      }
      if (latest.getOffsetDateTime("signed_off_at") != null) {
        return Future.failedFuture(Refusal.conflict("Version " + version + " is already signed off."));
      }
      return tx.preparedQuery(SIGN).execute(Tuple.of(community, version, sponsor.accountId(), sponsor.displayName())).mapEmpty();
    }));
  }

  /** The version signed off most recently, if any: what is in force. */
  public Future<Optional<Integer>> inForce(SqlClient client, UUID community) {
    return client.preparedQuery(IN_FORCE).execute(Tuple.of(community))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getInteger(0)));
  }

  /** True when the newest version carries a sign-off (nothing changed since). */
  public Future<Boolean> latestSigned(SqlClient client, UUID community) {
    return client.preparedQuery(NEWEST).execute(Tuple.of(community)).map(rows ->
        rows.size() > 0 && rows.iterator().next().getOffsetDateTime("signed_off_at") != null);
  }

  public Future<JsonObject> current(UUID community) {
    return pool.preparedQuery(NEWEST).execute(Tuple.of(community)).compose(rows -> inForce(pool, community).map(force -> {
      JsonObject out = new JsonObject().put("inForce", force.orElse(null));
      out.put("latest", rows.size() == 0 ? null : toJson(rows.iterator().next()));
      return out;
    }));
  }

  public Future<JsonObject> version(UUID community, int version) {
    return pool.preparedQuery(ONE).execute(Tuple.of(community, version)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That mandate version");
      return toJson(rows.iterator().next());
    });
  }

  public Future<JsonArray> versions(UUID community) {
    return pool.preparedQuery(ALL).execute(Tuple.of(community)).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("version", r.getInteger(0))
          .put("editedAt", r.getOffsetDateTime(1).toString()).put("signedOffBy", r.getString(2))
          .put("signedOffAt", r.getOffsetDateTime(3) == null ? null : r.getOffsetDateTime(3).toString())));
      return out;
    });
  }

  private static JsonObject toJson(Row r) {
    return Mandate.from(r).toJson().put("version", r.getInteger("version"))
        .put("editedAt", r.getOffsetDateTime("edited_at").toString())
        .put("signedOffBy", r.getString("signed_off_name"))
        .put("signedOffAt", r.getOffsetDateTime("signed_off_at") == null ? null : r.getOffsetDateTime("signed_off_at").toString());
  }
}
