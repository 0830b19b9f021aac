package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 at the OWASP Password Storage Cheat Sheet's strength (600,000 iterations).
 * Hashing takes ~130 ms of CPU, so it always runs on a small dedicated worker pool: never on an
 * event loop, and never more than {@value #WORKERS} at once, so a burst of sign-ins cannot starve
 * the rest of the server.
 */
public final class PasswordHasher {
  static final int ITERATIONS = 600_000;
  private static final int WORKERS = 2;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom random = new SecureRandom();

  private final WorkerExecutor workers;

  /**
   * Verified when an email is unknown, so a wrong address takes as long as a wrong password.
   * Made once, in the background, so it costs start-up nothing; only a worker thread waits for it.
   */
  private static final java.util.concurrent.CompletableFuture<String> decoy =
      java.util.concurrent.CompletableFuture.supplyAsync(() -> hashNow(Tokens.newToken()));

  public PasswordHasher(Vertx vertx) {
    this.workers = vertx.createSharedWorkerExecutor("circle-password-hashing", WORKERS);
  }

  public Future<String> hash(String password) {
    return workers.executeBlocking(() -> hashNow(password), false);
  }

  public Future<Boolean> verify(String password, String stored) {
    return workers.executeBlocking(() -> verifyNow(password, stored), false);
  }

  /** Verifies against the stored hash, or against a decoy when there is none (unknown email). */
  public Future<Boolean> verify(String password, java.util.Optional<String> stored) {
    return workers.executeBlocking(() -> verifyNow(password, stored.orElseGet(decoy::join)) && stored.isPresent(), false);
  }

  /** Blocking. */
  public static String hashNow(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, salt, ITERATIONS);
    Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
    return PREFIX + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
  }

  /** Blocking. An unreadable stored hash never matches. */
  public static boolean verifyNow(String password, String stored) {
    String[] parts = stored == null ? new String[0] : stored.split("\\$");
    if (parts.length != 4 || !PREFIX.equals(parts[0])) return false;
    try {
      int iterations = Integer.parseInt(parts[1]);
      byte[] salt = Base64.getDecoder().decode(parts[2]);
      byte[] expected = Base64.getDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, derive(password, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
    }
  }
}
