package org.circle.consent;

import java.util.Arrays;
import java.util.Optional;

/** A member's answer in a consent round. Consent is not a vote: one objection blocks. */
public enum Answer {
  AGREE("agree"),
  CONCERN("concern"),
  OBJECT("object");

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
