package org.circle.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.circle.error.Refusal;

/**
 * Slows down password guessing: at most {@value #PER_ACCOUNT} failed sign-ins per account and
 * {@value #PER_ADDRESS} per network address within {@link #WINDOW}. Counted in PostgreSQL so every
 * node sees the same figures. A locked-out owner waits at most one window (15 minutes), and a
 * successful sign-in clears the account's count. A browser holding a device cookie for the account
 * (see {@link DeviceCookies}) is held to its own {@value #PER_DEVICE} failures instead, so the
 * account's lockout, which anyone can cause, does not keep its owner out.
 */
public final class SignInLimiter {
  static final int PER_ACCOUNT = 10;
  static final int PER_ADDRESS = 50;
  static final int PER_DEVICE = 10;
  static final Duration WINDOW = Duration.ofMinutes(15);

  private static final String COUNT = """
      SELECT count(*), ceil(extract(epoch FROM min(failed_at) + make_interval(secs => $2) - now()))::int
      FROM sign_in_failure WHERE key = $1 AND failed_at > now() - make_interval(secs => $2)
      """;
  private static final String RECORD = "INSERT INTO sign_in_failure (key) VALUES ($1), ($2)";
  private static final String RECORD_ONE = "INSERT INTO sign_in_failure (key) VALUES ($1)";
  private static final String FORGET_OLD = "DELETE FROM sign_in_failure WHERE failed_at < now() - make_interval(secs => $1)";
  private static final String CLEAR = "DELETE FROM sign_in_failure WHERE key = $1";

  private final Pool pool;

  public SignInLimiter(Pool pool) {
    this.pool = pool;
  }

  /** Fails with 429 and Retry-After while either limit is reached. */
  public Future<Void> check(String email, String address) {
    return check(email, address, Optional.empty());
  }

  /** With a known device (a device cookie for this account), only the device's own count applies. */
  public Future<Void> check(String email, String address, Optional<String> device) {
    Future<Integer> wait = device.isPresent()
        ? count(deviceKey(device.get()), PER_DEVICE)
        : Future.all(count(accountKey(email), PER_ACCOUNT), count(addressKey(address), PER_ADDRESS))
            .map(all -> Math.max(all.<Integer>resultAt(0), all.<Integer>resultAt(1)));
    return wait.compose(seconds -> {
      if (seconds <= 0) return Future.succeededFuture();
      return Future.failedFuture(Refusal.tooMany("Too many attempts",
          "Too many sign-in attempts. Wait " + minutes(seconds) + " and try again.", seconds));
    });
  }

  /** Seconds to wait, or 0 when under the limit. */
  private Future<Integer> count(String key, int limit) {
    return pool.preparedQuery(COUNT).execute(Tuple.of(key, (double) WINDOW.toSeconds())).map(rows -> {
      Row row = rows.iterator().next();
      return row.getLong(0) >= limit ? Math.max(1, row.getInteger(1)) : 0;
    });
  }

  public Future<Void> recordFailure(String email, String address) {
    return recordFailure(email, address, Optional.empty());
  }

  /** A known device's failures count against that device alone. */
  public Future<Void> recordFailure(String email, String address, Optional<String> device) {
    Future<?> recorded = device.isPresent()
        ? pool.preparedQuery(RECORD_ONE).execute(Tuple.of(deviceKey(device.get())))
        : pool.preparedQuery(RECORD).execute(Tuple.of(accountKey(email), addressKey(address)));
    return recorded
        .compose(v -> pool.preparedQuery(FORGET_OLD).execute(Tuple.of((double) WINDOW.toSeconds())))
        .mapEmpty();
  }

  public Future<Void> clear(String email) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(accountKey(email))).mapEmpty();
  }

  public Future<Void> clear(String email, Optional<String> device) {
    Future<Void> account = clear(email);
    return device.map(d -> account.compose(v -> pool.preparedQuery(CLEAR).execute(Tuple.of(deviceKey(d))).<Void>mapEmpty()))
        .orElse(account);
  }

  // Keys are hashed so this table holds no email addresses.
  private static String accountKey(String email) {
    return "account:" + HexFormat.of().formatHex(Tokens.hash(email.toLowerCase()));
  }

  private static String deviceKey(String device) {
    return "device:" + HexFormat.of().formatHex(Tokens.hash(device));
  }

  private static String addressKey(String address) {
    return "address:" + HexFormat.of().formatHex(Tokens.hash(address));
  }

  private static String minutes(int seconds) {
    int minutes = (seconds + 59) / 60;
    return minutes <= 1 ? "a minute" : minutes + " minutes";
  }
}
