package org.circle.session;

import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * A session as stored: what was scheduled and, while it runs, its live facilitation state. Each
 * change is a new value written under the session row's lock with the next {@code version}.
 */
public record SessionInfo(UUID id, UUID community, String title, OffsetDateTime startsAt, int durationMinutes,
                          Optional<String> callLink, Stage stage, long version, Optional<UUID> lead,
                          Optional<UUID> currentSegment, Timer timer, Optional<UUID> speaker, Optional<String> spotlight) {

  static final String COLUMNS = """
      id, community_id, title, starts_at, duration_minutes, call_link, state, version, lead_id, current_segment,
      timer_state, timer_ends_at, timer_remaining, timer_duration, speaker_id, spotlight_card""";

  static SessionInfo from(Row r) {
    Timer timer = new Timer(Timer.State.parse(r.getString("timer_state")), orZero(r.getLong("timer_ends_at")),
        orZero(r.getLong("timer_remaining")), orZero(r.getLong("timer_duration")));
    return new SessionInfo(r.getUUID("id"), r.getUUID("community_id"), r.getString("title"), r.getOffsetDateTime("starts_at"),
        r.getInteger("duration_minutes"), Optional.ofNullable(r.getString("call_link")),
        Stage.parse(r.getString("state")).orElseThrow(), r.getLong("version"), Optional.ofNullable(r.getUUID("lead_id")),
        Optional.ofNullable(r.getUUID("current_segment")), timer, Optional.ofNullable(r.getUUID("speaker_id")),
        Optional.ofNullable(r.getString("spotlight_card")));
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  SessionInfo withStage(Stage s) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, s, version, lead, currentSegment, timer, speaker, spotlight);
  }

  SessionInfo withLead(Optional<UUID> l) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, stage, version, l, currentSegment, timer, speaker, spotlight);
  }

  /** Moving to another segment resets the timer and the spotlight, which belonged to the last one. */
  SessionInfo at(Optional<UUID> segment) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, stage, version, lead, segment,
        Timer.IDLE, speaker, Optional.empty());
  }

  SessionInfo withTimer(Timer t) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, stage, version, lead, currentSegment, t, speaker, spotlight);
  }

  SessionInfo withSpeaker(Optional<UUID> s) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, stage, version, lead, currentSegment, timer, s, spotlight);
  }

  SessionInfo withSpotlight(Optional<String> card) {
    return new SessionInfo(id, community, title, startsAt, durationMinutes, callLink, stage, version, lead, currentSegment, timer, speaker, card);
  }
}
