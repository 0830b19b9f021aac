package org.circle.session;

import java.util.Arrays;
import java.util.Optional;

/** Where a session is in its life: scheduled, running now, or over (its boards stay readable). */
public enum Stage {
  PLANNED("planned"),
  LIVE("live"),
  ENDED("ended");

  private final String wireName;

  Stage(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<Stage> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(value)).findFirst();
  }
}
