package org.circle.account;

import org.circle.input.Schema;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use, expiring links with which a person creates their own account and password: the
 * first administrator's (printed on the console when there is none) and a new facilitator's
 * (made by an administrator). No default password exists anywhere.
 */
public final class AccountLinks {
  public enum Purpose { FIRST_ADMIN, FACILITATOR }

  static final Duration FIRST_ADMIN_LIFETIME = Duration.ofHours(24);
  static final Duration FACILITATOR_LIFETIME = Duration.ofDays(7);

  private static final String INSERT = """
      INSERT INTO account_link (purpose, email, display_name, token_hash, created_by, expires_at)
      VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
      RETURNING expires_at
      """;
  private static final String RETIRE_FIRST_ADMIN =
      "UPDATE account_link SET expires_at = now() WHERE purpose = 'first_admin' AND used_at IS NULL AND expires_at > now()";
  private static final String FIND = """
      SELECT id, purpose, email, display_name, used_at IS NOT NULL AS used,
             expires_at <= now() OR withdrawn_at IS NOT NULL AS expired, withdrawn_at IS NOT NULL AS withdrawn
      FROM account_link WHERE token_hash = $1
      """;
  /** Claims the link in the same transaction that creates the account, so it works only once. */
  private static final String CLAIM = """
      UPDATE account_link SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > now()
      RETURNING purpose, email, display_name
      """;

  public record Link(UUID id, Purpose purpose, String email, String displayName, boolean used, boolean expired,
                     boolean withdrawn) {
    public static final Schema.Obj SCHEMA = Schema.object()
        .required("purpose", Schema.oneOf("first_admin", "facilitator"))
        .required("email", Schema.anyText().orNull().describe("fixed for a facilitator's link; the first administrator gives their own"))
        .required("displayName", Schema.anyText().orNull())
        .required("status", Schema.oneOf("valid", "used", "withdrawn", "expired"))
        .named("AccountLink");

    public JsonObject toJson() {
      return new JsonObject().put("purpose", purpose.name().toLowerCase()).put("email", email)
          .put("displayName", displayName).put("status", used ? "used" : withdrawn ? "withdrawn" : expired ? "expired" : "valid");
    }
  }

  private static final String PENDING_FACILITATORS = """
      SELECT id, email, display_name, created_at, expires_at FROM account_link
      WHERE purpose = 'facilitator' AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > now()
      ORDER BY created_at, id
      """;
  private static final String WITHDRAW = """
      UPDATE account_link SET withdrawn_at = now()
      WHERE id = $1 AND purpose = 'facilitator' AND used_at IS NULL AND withdrawn_at IS NULL AND expires_at > now()
      """;

  /** One facilitator set-up link not yet used, as an administrator sees it (never its secret). */
  public static final Schema.Obj PENDING = Schema.object()
      .required("id", Schema.uuid())
      .required("email", Schema.anyText())
      .required("displayName", Schema.anyText().orNull())
      .required("createdAt", Schema.dateTime())
      .required("expiresAt", Schema.dateTime())
      .named("PendingSetupLink");

  /** Facilitator set-up links not yet used (nor withdrawn, nor expired), oldest first; never their secret. */
  public Future<io.vertx.core.json.JsonArray> pendingFacilitatorLinks() {
    return pool.preparedQuery(PENDING_FACILITATORS).execute().map(rows -> {
      io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getUUID(0).toString()).put("email", r.getString(1))
          .put("displayName", r.getString(2)).put("createdAt", r.getOffsetDateTime(3).toString())
          .put("expiresAt", r.getOffsetDateTime(4).toString())));
      return out;
    });
  }

  /** Withdraws an unused facilitator set-up link; true when there was one. */
  public Future<Boolean> withdraw(UUID id) {
    return pool.preparedQuery(WITHDRAW).execute(Tuple.of(id)).map(rows -> rows.rowCount() > 0);
  }

  public record Claimed(Purpose purpose, String email, String displayName) {}

  public record Created(String token, java.time.OffsetDateTime expiresAt) {}

  private final Pool pool;

  public AccountLinks(Pool pool) {
    this.pool = pool;
  }

  /** A new first-administrator link; older unused ones stop working. */
  public Future<Created> createFirstAdmin() {
    return pool.withTransaction(tx -> tx.query(RETIRE_FIRST_ADMIN).execute()
        .compose(v -> create(tx, Purpose.FIRST_ADMIN, null, null, null, FIRST_ADMIN_LIFETIME)));
  }

  public Future<Created> createFacilitator(String email, String displayName, UUID createdBy) {
    return create(pool, Purpose.FACILITATOR, email, displayName, createdBy, FACILITATOR_LIFETIME);
  }

  private Future<Created> create(SqlClient client, Purpose purpose, String email, String displayName, UUID by, Duration life) {
    String token = Tokens.newToken();
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(purpose.name().toLowerCase(), email, displayName, Buffer.buffer(Tokens.hash(token)), by,
            (double) life.toSeconds()))
        .map(rows -> new Created(token, rows.iterator().next().getOffsetDateTime(0)));
  }

  public Future<Optional<Link>> find(String token) {
    return pool.preparedQuery(FIND).execute(Tuple.of(Buffer.buffer(Tokens.hash(token)))).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row r = rows.iterator().next();
      return Optional.of(new Link(r.getUUID(0), Purpose.valueOf(r.getString(1).toUpperCase()), r.getString(2),
          r.getString(3), r.getBoolean(4), r.getBoolean(5), r.getBoolean(6)));
    });
  }

  public Future<Optional<Claimed>> claim(SqlClient tx, String token) {
    return tx.preparedQuery(CLAIM).execute(Tuple.of(Buffer.buffer(Tokens.hash(token)))).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row r = rows.iterator().next();
      return Optional.of(new Claimed(Purpose.valueOf(r.getString(0).toUpperCase()), r.getString(1), r.getString(2)));
    });
  }
}
