package org.circle.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import org.circle.input.Schema;

/**
 * What a facilitator schedules: a title, when it starts, how long it lasts and, optionally, the
 * link to the group's own call. Circle carries no video; the link must be https.
 */
public record NewSession(String title, OffsetDateTime startsAt, int durationMinutes, Optional<String> callLink) {
  static final int MAX_TITLE = 200;
  static final int MAX_LINK = 500;
  public static final int MIN_MINUTES = 5;
  public static final int MAX_MINUTES = 480;
  /** What is scheduled: also what a facilitator may change later. */
  public static final Schema.Obj DETAILS = Schema.object()
      .required("title", Schema.text(1, MAX_TITLE))
      .required("startsAt", Schema.text(1, 40).describe("a date and time with its offset, such as 2026-03-05T14:00:00Z"))
      .required("durationMinutes", Schema.whole(MIN_MINUTES, MAX_MINUTES))
      .optional("callLink", Schema.text(1, MAX_LINK).describe("an https link to the group's own call (Teams, Zoom, Jitsi); nothing else is accepted"))
      .named("SessionDetails");
  public static final Schema.Obj SCHEMA = DETAILS
      .optional("agenda", Schema.list(Schema.text(1, 40)).between(0, SessionStore.MAX_SEGMENTS)
          .describe("template keys, in order; without it, the agenda the ground rules in force name"))
      .named("NewSession");

  public static NewSession from(JsonBody body) {
    return new NewSession(body.string("title"), startsAt(body.string("startsAt")), body.integer("durationMinutes"),
        body.optionalString("callLink").map(NewSession::callLink));
  }

  /** The template keys of an agenda the facilitator chose, if they chose one. */
  public static Optional<List<String>> agenda(JsonBody body, boolean present) {
    return present ? Optional.of(body.strings("agenda")) : Optional.empty();
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
