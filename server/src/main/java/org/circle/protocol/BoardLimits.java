package org.circle.protocol;

/** The bounds every board lives within. Each one protects the room for everyone in it. */
public final class BoardLimits {
  private BoardLimits() {}

  /** A card is a thought, not an essay; also bounds every event and snapshot row. */
  public static final int MAX_TEXT = 2_000;
  /** Group titles are headings. */
  public static final int MAX_TITLE = 200;
  /** Client-generated ids of cards, groups, comments and operations. */
  public static final int MAX_ID = 64;
  /** Fractional indexes grow by about one character per insertion at the same place. */
  public static final int MAX_POSITION = 128;
  /** Live cards on one board: a session of a dozen people never needs more, and a snapshot stays small. */
  public static final int MAX_CARDS = 500;
  /** Groups on one board. */
  public static final int MAX_GROUPS = 100;
  /** Live comments on one board. */
  public static final int MAX_COMMENTS = 2_000;
  /** The highest vote budget a board may give each person. */
  public static final int MAX_VOTE_BUDGET = 50;
}
