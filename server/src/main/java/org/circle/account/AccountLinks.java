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
      SELECT id, purpose, email, display_name, used_at IS NOT NULL AS used, expires_at <= now() AS expired
      FROM account_link WHERE token_hash = $1
      """;
  /** Claims the link in the same transaction that creates the account, so it works only once. */
  private static final String CLAIM = """
      UPDATE account_link SET used_at = now()
      WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
      RETURNING purpose, email, display_name
      """;

  public record Link(UUID id, Purpose purpose, String email, String displayName, boolean used, boolean expired) {
    public static final Schema.Obj SCHEMA = Schema.object()
        .required("purpose", Schema.oneOf("first_admin", "facilitator"))
        .required("email", Schema.anyText().orNull().describe("fixed for a facilitator's link; the first administrator gives their own"))
        .required("displayName", Schema.anyText().orNull())
        .required("status", Schema.oneOf("valid", "used", "expired"))
        .named("AccountLink");

    public JsonObject toJson() {
      return new JsonObject().put("purpose", purpose.name().toLowerCase()).put("email", email)
          .put("displayName", displayName).put("status", used ? "used" : expired ? "expired" : "valid");
    }
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
          r.getString(3), r.getBoolean(4), r.getBoolean(5)));
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
