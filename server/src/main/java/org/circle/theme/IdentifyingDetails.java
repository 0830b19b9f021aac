package org.circle.theme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what would identify someone in a theme's text before it leaves the room: the names of
 * members (whole, or a first name or surname alone), email addresses and phone numbers. Errs on
 * the side of caution: a member called Will makes "we will" suspect, and the group rephrases.
 */
public final class IdentifyingDetails {
  private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
  /** Digits with the spaces, dots, dashes and brackets phone numbers are written with. */
  private static final Pattern PHONE = Pattern.compile("(?<![\\p{L}\\p{N}])\\+?\\(?\\d[\\d \\t().-]{5,}\\d(?![\\p{L}\\p{N}])");
  /** Fewer digits than a phone number has: dates (2024-05-01 has 8) and reference numbers stay. */
  private static final int MIN_PHONE_DIGITS = 9;
  private static final int MAX_PHONE_DIGITS = 15;
  /** Name parts shorter than this (initials, "Jo") match too much ordinary text to be useful. */
  private static final int MIN_NAME_PART = 3;

  private IdentifyingDetails() {}

  /** Each identifying detail found, described for the group ("the name “Ann”"); empty when none. */
  public static List<String> find(String text, Collection<String> names) {
    Set<String> found = new LinkedHashSet<>();
    for (String name : names) {
      for (String candidate : candidates(name)) {
        Matcher m = wordPattern(candidate).matcher(text);
        if (m.find()) {
          found.add("the name “" + m.group() + "”");
          break;
        }
      }
    }
    Matcher email = EMAIL.matcher(text);
    while (email.find()) found.add("the email address “" + email.group() + "”");
    Matcher phone = PHONE.matcher(text);
    while (phone.find()) {
      long digits = phone.group().chars().filter(Character::isDigit).count();
      if (digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS) found.add("the phone number “" + phone.group().strip() + "”");
    }
    return new ArrayList<>(found);
  }

  /** The whole name first, then each part of it long enough to mean someone. */
  private static List<String> candidates(String name) {
    List<String> out = new ArrayList<>();
    String whole = name.strip().replaceAll("\\s+", " ");
    if (whole.isEmpty()) return out;
    out.add(whole);
    for (String part : whole.split("[\\s\\-–]+")) {
      if (part.length() >= MIN_NAME_PART && part.chars().anyMatch(Character::isLetter) && !out.contains(part)) out.add(part);
    }
    return out;
  }

  private static Pattern wordPattern(String words) {
    String spaced = Pattern.quote(words).replace(" ", "\\E\\s+\\Q");
    return Pattern.compile("(?<![\\p{L}\\p{N}])" + spaced + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }
}
