package org.circle.theme;

import java.util.Arrays;
import java.util.Optional;

/** What a theme asks of the people it goes to. */
public enum Category {
  PRACTICE_CHANGE("practice_change", "Practice change"),
  ENABLING_ASK("enabling_ask", "Enabling ask"),
  STRUCTURAL_ASK("structural_ask", "Structural ask"),
  SHARE_WITH_PEERS("share_with_peers", "Share with peers");

  private final String wireName;
  private final String label;

  Category(String wireName, String label) {
    this.wireName = wireName;
    this.label = label;
  }

  public String wireName() {
    return wireName;
  }

  public String label() {
    return label;
  }

  public static Optional<Category> parse(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName.equals(value)).findFirst();
  }
}
