package org.circle.lifecycle;

import org.circle.input.Schema;
import java.util.Arrays;
import java.util.Optional;

/** The phases a learning community moves through. Sessions may return to co-design to amend. */
public enum Phase {
  SPONSOR("sponsor"),
  CODESIGN("codesign"),
  SESSIONS("sessions"),
  ARCHIVED("archived");

  /** A phase as the API writes it. */
  public static final Schema.Text SCHEMA = Schema.oneOf(Arrays.stream(values()).map(Phase::wireName).toArray(String[]::new));

  private final String wireName;

  Phase(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Phase> parse(String value) {
    return Arrays.stream(values()).filter(p -> p.wireName.equals(value)).findFirst();
  }

  public String describe() {
    return switch (this) {
      case SPONSOR -> "the sponsor phase";
      case CODESIGN -> "co-design";
      case SESSIONS -> "facilitated sessions";
      case ARCHIVED -> "the archive";
    };
  }
}
