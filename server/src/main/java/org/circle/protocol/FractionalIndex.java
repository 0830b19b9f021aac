package org.circle.protocol;

/**
 * Order keys that always have room between them: strings over 0-9A-Za-z compared as fractions
 * (0.xyz), never ending in '0'. Moving a card rewrites only its own key. Ties are broken by id.
 */
public final class FractionalIndex {
  static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final int BASE = DIGITS.length();

  private FractionalIndex() {}

  public static boolean isValid(String key) {
    if (key == null || key.isEmpty() || key.length() > BoardLimits.MAX_POSITION || key.endsWith("0")) return false;
    for (int i = 0; i < key.length(); i++) {
      if (DIGITS.indexOf(key.charAt(i)) < 0) return false;
    }
    return true;
  }

  /** A key strictly between {@code before} and {@code after}; either may be null (open end). */
  public static String between(String before, String after) {
    String a = before == null ? "" : before;
    if (after != null && a.compareTo(after) >= 0) throw new IllegalArgumentException("keys out of order");
    return midpoint(a, after);
  }

  private static String midpoint(String a, String b) {
    if (b != null) {
      int n = 0;
      while (n < b.length() && (n < a.length() ? a.charAt(n) : '0') == b.charAt(n)) n++;
      if (n > 0) return b.substring(0, n) + midpoint(a.length() > n ? a.substring(n) : "", b.substring(n));
    }
    int digitA = a.isEmpty() ? 0 : DIGITS.indexOf(a.charAt(0));
    int digitB = b == null ? BASE : DIGITS.indexOf(b.charAt(0));
    if (digitB - digitA > 1) return String.valueOf(DIGITS.charAt((digitA + digitB) / 2));
    if (b != null && b.length() > 1) return b.substring(0, 1);
    return DIGITS.charAt(digitA) + midpoint(a.length() > 1 ? a.substring(1) : "", null);
  }
}
