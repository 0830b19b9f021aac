package org.circle.account;

import org.circle.input.Schema;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.circle.error.Refusal;

/** The account table: people who can sign in. */
public final class Accounts {
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String INSERT = """
      INSERT INTO account (email, display_name, password_hash, is_admin, is_facilitator)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING id
      """;
  private static final String BY_EMAIL = """
      SELECT id, display_name, is_admin, is_facilitator, password_hash
      FROM account WHERE lower(email) = lower($1) AND deleted_at IS NULL
      """;
  private static final String BY_ID = """
      SELECT id, display_name, is_admin, is_facilitator, password_hash, email
      FROM account WHERE id = $1 AND deleted_at IS NULL
      """;
  private static final String SET_PASSWORD =
      "UPDATE account SET password_hash = $2, password_changed_at = now() WHERE id = $1 AND deleted_at IS NULL";
  private static final String GRANT_FACILITATOR =
      "UPDATE account SET is_facilitator = true WHERE lower(email) = lower($1) AND deleted_at IS NULL RETURNING id";
  private static final String ANY_ADMIN = "SELECT EXISTS (SELECT 1 FROM account WHERE is_admin AND deleted_at IS NULL)";
  private static final String LIST_FACILITATORS = """
      SELECT id, display_name, email FROM account
      WHERE is_facilitator AND deleted_at IS NULL ORDER BY display_name
      """;
  /**
   * Deleting an account withdraws the person: their name and address are scrubbed, they leave
   * every community, and nothing they wrote is shown again.
   */
  private static final String SCRUB = """
      UPDATE account SET deleted_at = now(), email = 'deleted-' || id || '@invalid', display_name = 'Former member',
             password_hash = '', is_admin = false, is_facilitator = false
      WHERE id = $1 AND deleted_at IS NULL
      """;
  private static final String LEAVE_ALL = "DELETE FROM membership WHERE account_id = $1";

  public record Credentials(Principal principal, String passwordHash, String email) {}

  private final Pool pool;

  public Accounts(Pool pool) {
    this.pool = pool;
  }

  public Future<Principal> create(SqlClient client, String email, String displayName, String passwordHash,
                                  boolean admin, boolean facilitator) {
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(email, displayName, passwordHash, admin, facilitator))
        .map(rows -> new Principal(rows.iterator().next().getUUID(0), displayName, admin, facilitator))
        .recover(err -> Future.failedFuture(err instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
            ? Refusal.conflict("An account with this email address already exists. Sign in instead.")
            : err));
  }

  public Future<Optional<Credentials>> byEmail(String email) {
    return pool.preparedQuery(BY_EMAIL).execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(credentials(rows.iterator().next(), email)));
  }

  public Future<Credentials> byId(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notSignedIn();
      Row row = rows.iterator().next();
      return credentials(row, row.getString(5));
    });
  }

  private static Credentials credentials(Row row, String email) {
    return new Credentials(new Principal(row.getUUID(0), row.getString(1), row.getBoolean(2), row.getBoolean(3)),
        row.getString(4), email);
  }

  public Future<Void> setPassword(SqlClient client, UUID id, String passwordHash) {
    return client.preparedQuery(SET_PASSWORD).execute(Tuple.of(id, passwordHash)).mapEmpty();
  }

  /** Makes an existing account a facilitator; empty when no account has this address. */
  public Future<Optional<UUID>> grantFacilitator(String email) {
    return pool.preparedQuery(GRANT_FACILITATOR).execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  public Future<Boolean> anyAdmin() {
    return pool.query(ANY_ADMIN).execute().map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** One line of {@link #facilitators}. */
  public static final Schema.Obj FACILITATOR = Schema.object()
      .required("id", Schema.uuid())
      .required("displayName", Schema.anyText())
      .required("email", Schema.anyText())
      .named("Facilitator");

  public Future<io.vertx.core.json.JsonArray> facilitators() {
    return pool.query(LIST_FACILITATORS).execute().map(rows -> {
      var out = new io.vertx.core.json.JsonArray();
      rows.forEach(r -> out.add(new io.vertx.core.json.JsonObject()
          .put("id", r.getUUID(0).toString()).put("displayName", r.getString(1)).put("email", r.getString(2))));
      return out;
    });
  }

  public Future<Void> delete(SqlClient client, UUID id) {
    return client.preparedQuery(SCRUB).execute(Tuple.of(id))
        .compose(v -> client.preparedQuery(LEAVE_ALL).execute(Tuple.of(id)))
        .mapEmpty();
  }
}
