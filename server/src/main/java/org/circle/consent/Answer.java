package org.circle.consent;

import java.util.Arrays;
import org.circle.input.Schema;
import java.util.Optional;

/** A member's answer in a consent round. Consent is not a vote: one objection blocks. */
public enum Answer {
  AGREE("agree"),
  CONCERN("concern"),
  OBJECT("object");

  /** An answer as the API reads and writes it. */
  public static final Schema.Text SCHEMA = Schema.oneOf(Arrays.stream(values()).map(Answer::wireName).toArray(String[]::new));

  private final String wireName;

  Answer(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Answer> parse(String value) {
    return Arrays.stream(values()).filter(a -> a.wireName.equals(value)).findFirst();
  }

  /** Agreeing, or agreeing with a concern, both give consent. */
  public boolean consents() {
    return this != OBJECT;
  }
}
