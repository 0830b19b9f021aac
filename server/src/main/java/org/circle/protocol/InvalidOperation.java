package org.circle.protocol;

/** An operation whose shape is wrong: a missing or mistyped field, an over-long text. */
public final class InvalidOperation extends Exception {
  private final boolean tooLarge;

  public InvalidOperation(String message, boolean tooLarge) {
    super(message, null, false, false);
    this.tooLarge = tooLarge;
  }

  public InvalidOperation(String message) {
    this(message, false);
  }

  public boolean tooLarge() {
    return tooLarge;
  }
}
