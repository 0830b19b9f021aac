package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.circle.error.Refusal;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 at the OWASP Password Storage Cheat Sheet's strength (600,000 iterations).
 * Hashing takes ~130 ms of CPU, so it always runs on a small dedicated worker pool: never on an
 * event loop, and never more than {@value #WORKERS} at once, so a burst of sign-ins cannot starve
 * the rest of the server. At most {@value #WAITING} more wait their turn; past that a request is
 * refused at once (503 with Retry-After) rather than queued behind minutes of hashing, so a flood
 * costs the flooder, and a person signing in waits at most a few hashes. One per node.
 */
public final class PasswordHasher {
  static final int ITERATIONS = 600_000;
  static final int WORKERS = 2;
  static final int WAITING = 8;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final String PREFIX = "pbkdf2-sha256";
  private static final SecureRandom random = new SecureRandom();

  private final WorkerExecutor workers;
  private final AtomicInteger admitted = new AtomicInteger();
  private final Counter hashed;
  private final Counter refused;

  /**
   * Verified when an email is unknown, so a wrong address takes as long as a wrong password.
   * Made once, in the background, so it costs start-up nothing; only a worker thread waits for it.
   */
  private static final java.util.concurrent.CompletableFuture<String> decoy =
      java.util.concurrent.CompletableFuture.supplyAsync(() -> hashNow(Tokens.newToken()));

  /** Counts hashes done and requests turned away in {@code registry} (served at /metrics). */
  public PasswordHasher(Vertx vertx, MeterRegistry registry) {
    this.workers = vertx.createSharedWorkerExecutor("circle-password-hashing", WORKERS);
    this.hashed = Counter.builder("circle_password_hashes").description("Passwords hashed or verified").register(registry);
    this.refused = Counter.builder("circle_password_hashing_refused")
        .description("Requests refused because the password hashing queue was full").register(registry);
  }

  public PasswordHasher(Vertx vertx) {
    this(vertx, new SimpleMeterRegistry());
  }

  public Future<String> hash(String password) {
    return run(() -> hashNow(password));
  }

  public Future<Boolean> verify(String password, String stored) {
    return run(() -> verifyNow(password, stored));
  }

  /** Verifies against the stored hash, or against a decoy when there is none (unknown email). */
  public Future<Boolean> verify(String password, java.util.Optional<String> stored) {
    return run(() -> verifyNow(password, stored.orElseGet(decoy::join)) && stored.isPresent());
  }

  private <T> Future<T> run(java.util.concurrent.Callable<T> work) {
    if (admitted.incrementAndGet() > WORKERS + WAITING) {
      admitted.decrementAndGet();
      refused.increment();
      return Future.failedFuture(new Refusal(Refusal.Kind.BUSY, "Busy",
          "Too many people are signing in or setting passwords at this moment. Try again in a second.", Optional.of(1L)));
    }
    return workers.executeBlocking(() -> {
      hashed.increment();
      return work.call();
    }, false).eventually(() -> {
      admitted.decrementAndGet();
      return Future.succeededFuture();
    });
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
