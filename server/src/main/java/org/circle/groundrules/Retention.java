package org.circle.groundrules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.circle.input.Schema;

/**
 * How long a community keeps its raw session content (cards, comments, votes, notes, journal
 * entries) before the server destroys it; part of the ground rules the members ratify. Released
 * themes and their replies are kept whatever this says.
 */
public enum Retention {
  THREE_MONTHS("3-months", 3),
  SIX_MONTHS("6-months", 6),
  TWELVE_MONTHS("12-months", 12),
  TWENTY_FOUR_MONTHS("24-months", 24),
  /** Kept while the community runs; destroyed once it is archived. */
  UNTIL_ARCHIVED("until-archived", 0);

  /** What a community keeps until its members ratify otherwise. */
  public static final Retention DEFAULT = TWELVE_MONTHS;
  public static final Schema.Text SCHEMA = Schema.oneOf(Arrays.stream(values()).map(Retention::wireName).toArray(String[]::new))
      .byDefault(DEFAULT.wireName())
      .describe("how long raw session content is kept before it is destroyed (released themes stay)");

  private final String wireName;
  private final int months;

  Retention(String wireName, int months) {
    this.wireName = wireName;
    this.months = months;
  }

  public String wireName() {
    return wireName;
  }

  public static Retention of(String wireName) {
    return Arrays.stream(values()).filter(r -> r.wireName.equals(wireName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no retention " + wireName));
  }

  /**
   * Raw content last changed before this instant is destroyed at {@code now}; empty when nothing
   * is due yet (kept until archiving, and the community is not archived).
   */
  public Optional<Instant> cutoff(Instant now, boolean archived) {
    if (this == UNTIL_ARCHIVED) return archived ? Optional.of(now) : Optional.empty();
    return Optional.of(now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant());
  }
}
