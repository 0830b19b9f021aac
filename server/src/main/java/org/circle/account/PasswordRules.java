package org.circle.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.circle.error.Refusal;

/**
 * What a new password must not be, after NIST SP 800-63B (5.1.1.2): long enough, and not one an
 * attacker tries first. Refused, each with the reason: the account's own email address or the
 * part before the @; a single character repeated, or too few different characters; and the
 * 10,000 most common passwords (bundled, see resources/passwords/README.md), ignoring case.
 * No rules about mixing kinds of characters: NIST advises against them.
 */
public final class PasswordRules {
  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 200;
  /** "abcabcabca" has three; a passphrase has many more. */
  static final int MIN_DIFFERENT_CHARACTERS = 5;
  private static final String COMMON = "/passwords/common-passwords.txt";

  private final Set<String> common;

  private PasswordRules(Set<String> common) {
    this.common = common;
  }

  /** Blocking (reads the bundled list): create once at start-up. */
  public static PasswordRules bundled() {
    try (InputStream in = PasswordRules.class.getResourceAsStream(COMMON)) {
      if (in == null) throw new IllegalStateException(COMMON + " is missing from the build");
      Set<String> common = new HashSet<>();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          if (!line.isEmpty()) common.add(line.toLowerCase(Locale.ROOT));
        }
      }
      return new PasswordRules(Set.copyOf(common));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int commonCount() {
    return common.size();
  }

  /** Refuses (400, naming the field) a password that breaks a rule; the length is checked by the body's reader. */
  public void check(String field, String password, String email) {
    String lower = password.toLowerCase(Locale.ROOT);
    String address = email.toLowerCase(Locale.ROOT).strip();
    String local = address.contains("@") ? address.substring(0, address.lastIndexOf('@')) : address;
    if (lower.strip().equals(address) || lettersAndDigits(lower).equals(lettersAndDigits(address))) {
      throw refusal(field, "is your email address. Choose something others could not guess.");
    }
    String localPart = lettersAndDigits(local);
    String candidate = lettersAndDigits(lower);
    if (!localPart.isEmpty() && candidate.startsWith(localPart) && candidate.substring(localPart.length()).chars().allMatch(Character::isDigit)) {
      throw refusal(field, "is the first part of your email address" + (candidate.equals(localPart) ? "" : " with a number added")
          + ". Choose something others could not guess.");
    }
    long different = password.codePoints().distinct().count();
    if (different == 1) {
      throw refusal(field, "is one character repeated. Use a few words or a longer mix of characters.");
    }
    if (different < MIN_DIFFERENT_CHARACTERS) {
      throw refusal(field, "uses only " + different + " different characters. Use a few words or a longer mix of characters.");
    }
    if (common.contains(lower) || common.contains(lower.strip())) {
      throw refusal(field, "is one of the 10,000 most common passwords, which are tried first. Choose another.");
    }
  }

  private static String lettersAndDigits(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
    return out.toString();
  }

  private static Refusal refusal(String field, String why) {
    return Refusal.invalid("Field '" + field + "' " + why);
  }
}
