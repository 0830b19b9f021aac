package org.circle.http;

import java.util.regex.Pattern;

/**
 * Request paths as they may be logged. Invitation and set-up links carry their secret token in the
 * path ({@code /api/invitations/<token>/accept}), so the segment after {@code invitations},
 * {@code account-links} or {@code account-link}, and any other segment that looks like a token (long
 * and random, not a UUID), is replaced before a path reaches a log line. The console pattern in
 * logback.xml applies the same rule to every line, as a second guard.
 */
public final class LogSafe {
  static final String REDACTED = "[redacted]";
  private static final Pattern AFTER_SECRET_PARENT =
      Pattern.compile("(/(?:invitations|account-links?|invitation)/)[^/?#\\s]+");
  private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern TOKEN_LIKE = Pattern.compile("[A-Za-z0-9_-]{24,}");

  private LogSafe() {}

  public static String path(String path) {
    if (path == null) return "";
    String kept = path;
    int query = kept.indexOf('?');
    if (query >= 0) kept = kept.substring(0, query); // query strings are never logged
    kept = AFTER_SECRET_PARENT.matcher(kept).replaceAll("$1" + REDACTED);
    String[] segments = kept.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (TOKEN_LIKE.matcher(segments[i]).matches() && !UUID.matcher(segments[i]).matches()) segments[i] = REDACTED;
    }
    return String.join("/", segments);
  }
}
