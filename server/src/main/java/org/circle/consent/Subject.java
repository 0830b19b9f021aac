package org.circle.consent;

/** What a consent round is about: the ground rules, or a change to the mandate after co-design began. */
public enum Subject {
  GROUND_RULES("ground_rules"),
  MANDATE("mandate");

  private final String wireName;

  Subject(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  static Subject parse(String value) {
    for (Subject s : values()) if (s.wireName.equals(value)) return s;
    throw new IllegalArgumentException(value);
  }
}
