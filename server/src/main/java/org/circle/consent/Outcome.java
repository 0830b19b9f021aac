package org.circle.consent;

/** How a consent round ended. */
public enum Outcome {
  /** Everyone in the room consented and nobody objected: the proposal comes into force. */
  CONSENTED("consented"),
  /** The text was changed during the round: a new round is needed on the new text. */
  AMENDED("amended"),
  /** The proposal was dropped. */
  WITHDRAWN("withdrawn");

  private final String wireName;

  Outcome(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
