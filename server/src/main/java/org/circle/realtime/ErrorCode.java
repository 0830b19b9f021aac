package org.circle.realtime;

/** The reasons a frame can be refused, as the client sees them in {@code error.code}. */
public enum ErrorCode {
  BAD_JSON("bad_json"),
  BAD_ENVELOPE("bad_envelope"),
  UNSUPPORTED_VERSION("unsupported_version"),
  UNKNOWN_TYPE("unknown_type"),
  BAD_FIELD("bad_field"),
  TOO_LARGE("too_large");

  private final String wireName;

  ErrorCode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
