package org.circle.error;

import java.util.Optional;

/**
 * A refusal a person can read: why the request cannot be done, a short title and what to do about
 * it. Domain code raises it without knowing the transport; the HTTP layer maps each {@link Kind}
 * to a status in one place ({@code org.circle.http.Problems}).
 */
public final class Refusal extends RuntimeException {

  /** What kind of refusal this is; each transport decides how to say it. */
  public enum Kind {
    /** The input is malformed or out of bounds. */
    INVALID,
    /** The caller must sign in (or their credentials are wrong). */
    NOT_SIGNED_IN,
    /** The caller's role does not allow it. */
    FORBIDDEN,
    /** No such thing, or the caller may not know it exists. */
    NOT_FOUND,
    /** Not possible in the current state. */
    CONFLICT,
    /** A link or invitation that was valid once but no longer is. */
    GONE,
    /** Too many attempts or requests; see {@link #retryAfterSeconds()}. */
    TOO_MANY,
    /** The server is too busy just now; see {@link #retryAfterSeconds()}. */
    BUSY
  }

  private final Kind kind;
  private final String title;
  private final Optional<Long> retryAfterSeconds;

  public Refusal(Kind kind, String title, String detail) {
    this(kind, title, detail, Optional.empty());
  }

  public Refusal(Kind kind, String title, String detail, Optional<Long> retryAfterSeconds) {
    super(detail, null, false, false);
    this.kind = kind;
    this.title = title;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Kind kind() {
    return kind;
  }

  public String title() {
    return title;
  }

  /** For {@link Kind#TOO_MANY} and {@link Kind#BUSY}: when to try again. */
  public Optional<Long> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public static Refusal invalid(String detail) {
    return new Refusal(Kind.INVALID, "Check what you sent", detail);
  }

  public static Refusal notSignedIn() {
    return new Refusal(Kind.NOT_SIGNED_IN, "Sign in first", "You need to sign in to do this.");
  }

  public static Refusal forbidden() {
    return new Refusal(Kind.FORBIDDEN, "Not allowed", "Your role does not allow this.");
  }

  public static Refusal notFound(String what) {
    return new Refusal(Kind.NOT_FOUND, "Not found", what + " was not found.");
  }

  public static Refusal conflict(String detail) {
    return new Refusal(Kind.CONFLICT, "Cannot do that now", detail);
  }

  public static Refusal tooMany(String title, String detail, long retryAfterSeconds) {
    return new Refusal(Kind.TOO_MANY, title, detail, Optional.of(retryAfterSeconds));
  }
}
