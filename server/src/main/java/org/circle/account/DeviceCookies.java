package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies, after OWASP's advice on lockout ("Slow Down Online Guessing Attacks with Device
 * Cookies"): a browser that signed in to an account successfully gets a signed cookie naming that
 * account and a random device id. When it signs in again it is held only to its own count of
 * failures, not the account's, so a stranger failing on purpose cannot lock the owner out.
 * The cookie is sent only to the sign-in route, and holds no email address (only a hash).
 * The signing key is made once per installation and kept in the database, shared by every node.
 */
public final class DeviceCookies {
  public static final String COOKIE = "circle_device";
  static final Duration LIFETIME = Duration.ofDays(365);
  private static final String KEY_NAME = "device_cookie_key";
  private static final String INSERT_KEY = "INSERT INTO instance_setting (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING";
  private static final String SELECT_KEY = "SELECT value FROM instance_setting WHERE name = $1";
  private static final int ACCOUNT_BYTES = 16;
  private static final int DEVICE_BYTES = 16;
  private static final SecureRandom random = new SecureRandom();

  private final Pool pool;
  private final boolean secure;
  private volatile Future<byte[]> key;

  public DeviceCookies(Pool pool, boolean secure) {
    this.pool = pool;
    this.secure = secure;
  }

  /** A new device cookie's value for this account's email. */
  public Future<String> issue(String email) {
    byte[] device = new byte[DEVICE_BYTES];
    random.nextBytes(device);
    byte[] payload = ByteBuffer.allocate(ACCOUNT_BYTES + DEVICE_BYTES).put(accountHash(email)).put(device).array();
    return key().map(k -> encode(payload) + "." + encode(sign(k, payload)));
  }

  /** The device id in a cookie header, when it holds a genuine device cookie for this email. */
  public Future<Optional<String>> deviceFor(String cookieHeader, String email) {
    Optional<String> value = cookieValue(cookieHeader);
    if (value.isEmpty()) return Future.succeededFuture(Optional.empty());
    return key().map(k -> verify(k, value.get(), email));
  }

  public Cookie cookie(String value) {
    return Cookie.cookie(COOKIE, value).setPath("/api/session").setHttpOnly(true).setSameSite(CookieSameSite.STRICT)
        .setSecure(secure).setMaxAge(LIFETIME.toSeconds());
  }

  private static Optional<String> verify(byte[] key, String value, String email) {
    int dot = value.indexOf('.');
    if (dot < 0) return Optional.empty();
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(value.substring(0, dot));
      signature = Base64.getUrlDecoder().decode(value.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (payload.length != ACCOUNT_BYTES + DEVICE_BYTES || !MessageDigest.isEqual(sign(key, payload), signature)) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(Arrays.copyOf(payload, ACCOUNT_BYTES), accountHash(email))) return Optional.empty();
    return Optional.of(HexFormat.of().formatHex(payload, ACCOUNT_BYTES, payload.length));
  }

  private Future<byte[]> key() {
    Future<byte[]> current = key;
    if (current != null && !current.failed()) return current;
    String fresh = Base64.getEncoder().encodeToString(randomBytes(32));
    Future<byte[]> loaded = pool.preparedQuery(INSERT_KEY).execute(Tuple.of(KEY_NAME, fresh))
        .compose(v -> pool.preparedQuery(SELECT_KEY).execute(Tuple.of(KEY_NAME)))
        .map(rows -> Base64.getDecoder().decode(rows.iterator().next().getString(0)));
    key = loaded;
    return loaded;
  }

  private static byte[] sign(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] accountHash(String email) {
    return Arrays.copyOf(Tokens.hash("device-account:" + email.strip().toLowerCase(Locale.ROOT)), ACCOUNT_BYTES);
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Optional<String> cookieValue(String header) {
    if (header == null) return Optional.empty();
    for (String part : header.split(";")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length == 2 && COOKIE.equals(kv[0])) return Optional.of(kv[1].strip());
    }
    return Optional.empty();
  }
}
