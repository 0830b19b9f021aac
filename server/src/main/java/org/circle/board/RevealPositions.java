package org.circle.board;

/**
 * New positions for cards shown at a reveal: the {@code n}th revealed card of a group gets
 * {@code base} followed by two digits counting up, so 500 cards take two characters more than
 * one, rather than growing a key per card as repeated "after the last" would. {@code base} sorts
 * after every card already shown in the group, so the revealed cards follow them in the shuffled order.
 */
final class RevealPositions {
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private RevealPositions() {}

  /** The key of the {@code n}th card (from 1) after {@code base}; never ends in '0'. */
  static String after(String base, int n) {
    int high = n / (DIGITS.length() - 1);
    int low = n % (DIGITS.length() - 1) + 1;
    return base + DIGITS.charAt(high) + DIGITS.charAt(low);
  }
}
