package org.circle.protocol;

/** The reasons a frame can be refused, as the client sees them in {@code error.code}. */
public enum ErrorCode {
  BAD_JSON("bad_json"),
  BAD_ENVELOPE("bad_envelope"),
  UNSUPPORTED_VERSION("unsupported_version"),
  UNKNOWN_TYPE("unknown_type"),
  BAD_FIELD("bad_field"),
  TOO_LARGE("too_large"),
  /** The board does not exist or the caller may not use it; the two are not told apart. */
  FORBIDDEN("forbidden"),
  /** The member has not yet agreed to the ground rules in force, so sees no session content. */
  CONSENT_REQUIRED("consent_required"),
  /** An operation, presence or cursor before a successful join. */
  NOT_JOINED("not_joined"),
  /** More operations per second than a person can type; the operation was not applied. */
  RATE_LIMITED("rate_limited"),
  /** The server could not check or load the board just now; try again. */
  UNAVAILABLE("unavailable");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
