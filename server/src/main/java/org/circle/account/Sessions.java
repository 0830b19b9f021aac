package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Sign-in sessions stored in PostgreSQL, so they survive a restart and work across nodes. The
 * cookie carries a random token; the table keeps only its hash. Sign-out and password changes
 * revoke rows; a deleted account's sessions stop working at once.
 */
public final class Sessions implements Authenticator {
  public static final String COOKIE = "circle_session";
  /** How long a browser stays signed in without signing in again. */
  static final Duration LIFETIME = Duration.ofDays(14);

  private static final String INSERT = """
      INSERT INTO auth_session (token_hash, account_id, csrf_token, expires_at)
      VALUES ($1, $2, $3, now() + make_interval(secs => $4))
      """;
  private static final String FIND = """
      SELECT a.id, a.display_name, a.is_admin, a.is_facilitator, s.csrf_token
      FROM auth_session s JOIN account a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.deleted_at IS NULL
      """;
  private static final String LIVE = """
      SELECT 1 FROM auth_session s JOIN account a ON a.id = s.account_id
      WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND a.deleted_at IS NULL
      """;
  private static final String REVOKE = "UPDATE auth_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL";
  private static final String REVOKE_ALL_BUT = """
      UPDATE auth_session SET revoked_at = now()
      WHERE account_id = $1 AND revoked_at IS NULL AND token_hash <> $2
      """;
  private static final String REVOKE_ALL = "UPDATE auth_session SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL";

  public record Issued(String token, Session session) {}

  private final Pool pool;
  private final boolean secureCookies;

  public Sessions(Pool pool, boolean secureCookies) {
    this.pool = pool;
    this.secureCookies = secureCookies;
  }

  public Future<Issued> issue(SqlClient client, Principal principal) {
    String token = Tokens.newToken();
    String csrf = Tokens.newToken();
    byte[] hash = Tokens.hash(token);
    return client.preparedQuery(INSERT)
        .execute(Tuple.of(Buffer.buffer(hash), principal.accountId(), csrf, (double) LIFETIME.toSeconds()))
        .map(rows -> new Issued(token, new Session(hash, principal, csrf)));
  }

  public Future<Optional<Session>> find(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) return Future.succeededFuture(Optional.empty());
    byte[] hash = Tokens.hash(token);
    return pool.preparedQuery(FIND).execute(Tuple.of(Buffer.buffer(hash))).map(rows -> {
      if (rows.size() == 0) return Optional.empty();
      Row row = rows.iterator().next();
      Principal principal = new Principal(row.getUUID(0), row.getString(1), row.getBoolean(2), row.getBoolean(3));
      return Optional.of(new Session(hash, principal, row.getString(4)));
    });
  }

  public Future<Optional<Session>> fromCookieHeader(MultiMap headers) {
    return find(cookieValue(headers.get("Cookie")));
  }

  @Override
  public Future<Optional<Principal>> authenticate(MultiMap headers) {
    return fromCookieHeader(headers).map(s -> s.map(Session::principal));
  }

  @Override
  public Future<Optional<Session>> session(MultiMap headers) {
    return fromCookieHeader(headers);
  }

  @Override
  public Future<Boolean> stillValid(byte[] tokenHash) {
    return pool.preparedQuery(LIVE).execute(Tuple.of(Buffer.buffer(tokenHash))).map(rows -> rows.size() > 0);
  }

  public Future<Void> revoke(byte[] tokenHash) {
    return pool.preparedQuery(REVOKE).execute(Tuple.of(Buffer.buffer(tokenHash))).mapEmpty();
  }

  public Future<Void> revokeAllExcept(SqlClient client, UUID accountId, byte[] keep) {
    return client.preparedQuery(REVOKE_ALL_BUT).execute(Tuple.of(accountId, Buffer.buffer(keep))).mapEmpty();
  }

  public Future<Void> revokeAll(SqlClient client, UUID accountId) {
    return client.preparedQuery(REVOKE_ALL).execute(Tuple.of(accountId)).mapEmpty();
  }

  public Cookie cookie(String token) {
    return Cookie.cookie(COOKIE, token)
        .setPath("/")
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.LAX)
        .setSecure(secureCookies)
        .setMaxAge(LIFETIME.toSeconds());
  }

  public Cookie expiredCookie() {
    return Cookie.cookie(COOKIE, "").setPath("/").setHttpOnly(true).setSameSite(CookieSameSite.LAX)
        .setSecure(secureCookies).setMaxAge(0);
  }

  static String cookieValue(String header) {
    if (header == null) return null;
    for (String part : header.split(";")) {
      String[] kv = part.trim().split("=", 2);
      if (kv.length == 2 && COOKIE.equals(kv[0])) return kv[1];
    }
    return null;
  }
}
