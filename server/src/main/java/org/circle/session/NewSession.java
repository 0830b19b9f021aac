package org.circle.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;

/**
 * What a facilitator schedules: a title, when it starts, how long it lasts and, optionally, the
 * link to the group's own call. Circle carries no video; the link must be https.
 */
public record NewSession(String title, OffsetDateTime startsAt, int durationMinutes, Optional<String> callLink) {
  public static final Set<String> FIELDS = Set.of("title", "startsAt", "durationMinutes", "callLink", "agenda");
  static final int MAX_TITLE = 200;
  static final int MAX_LINK = 500;
  public static final int MIN_MINUTES = 5;
  public static final int MAX_MINUTES = 480;

  public static NewSession from(JsonBody body) {
    return new NewSession(body.string("title", 1, MAX_TITLE), startsAt(body.string("startsAt", 1, 40)),
        body.integer("durationMinutes", MIN_MINUTES, MAX_MINUTES), body.optionalString("callLink", 1, MAX_LINK).map(NewSession::callLink));
  }

  /** The template keys of an agenda the facilitator chose, if they chose one. */
  public static Optional<List<String>> agenda(JsonBody body, boolean present) {
    return present ? Optional.of(body.strings("agenda", SessionStore.MAX_SEGMENTS, 40)) : Optional.empty();
  }

  static OffsetDateTime startsAt(String text) {
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.invalid("Field 'startsAt' must be a date and time with its offset, such as 2026-03-05T14:00:00Z.");
    }
  }

  /** Only an https address with a host: never javascript:, data: or a plain http link. */
  static String callLink(String text) {
    String refusal = "Field 'callLink' must be an https:// link to your call (Teams, Zoom, Jitsi…).";
    if (!text.regionMatches(true, 0, "https://", 0, 8) || text.chars().anyMatch(c -> Character.isWhitespace(c) || c < 0x20)) {
      throw Refusal.invalid(refusal);
    }
    try {
      URI uri = new URI(text);
      if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getHost().isBlank() || uri.getUserInfo() != null) {
        throw Refusal.invalid(refusal);
      }
      return "https://" + text.substring(8);
    } catch (URISyntaxException e) {
      throw Refusal.invalid(refusal);
    }
  }
}
