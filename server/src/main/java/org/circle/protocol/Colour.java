package org.circle.protocol;

import java.util.Arrays;
import java.util.Optional;

/** A card's colour, which a group may use as a category. */
public enum Colour {
  YELLOW, BLUE, GREEN, PINK, ORANGE, PURPLE;

  public String wireName() {
    return name().toLowerCase();
  }

  public static Optional<Colour> parse(String value) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(value)).findFirst();
  }
}
