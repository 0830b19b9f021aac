package org.circle.session;

import io.vertx.core.json.JsonObject;
import org.circle.error.Refusal;

/**
 * The shared timer, on the server's clock. Running, it stores when it ends; paused, how much is
 * left. Every client computes the remaining time from {@code endsAt} and the server time sent
 * with it, so all show the same within a second, also after a reconnect or a restart.
 */
public record Timer(State state, long endsAt, long remaining, long duration) {
  /** Timers run from ten seconds to four hours: anything else is a typing slip. */
  public static final long MIN_MS = 10_000;
  public static final long MAX_MS = 4 * 60 * 60_000L;
  /** Time added (or taken off) at once: up to an hour either way. */
  public static final long MAX_ADD_MS = 60 * 60_000L;

  public enum State {
    IDLE, RUNNING, PAUSED;

    public String wireName() {
      return name().toLowerCase();
    }

    static State parse(String s) {
      return valueOf(s.toUpperCase());
    }
  }

  public static final Timer IDLE = new Timer(State.IDLE, 0, 0, 0);

  public Timer start(long durationMs, long now) {
    if (durationMs < MIN_MS || durationMs > MAX_MS) {
      throw Refusal.invalid("A timer runs from 10 seconds to 4 hours; " + durationMs / 1000 + " seconds is outside that.");
    }
    return new Timer(State.RUNNING, now + durationMs, 0, durationMs);
  }

  public Timer pause(long now) {
    if (state != State.RUNNING) throw Refusal.conflict("The timer is not running, so it cannot be paused.");
    return new Timer(State.PAUSED, 0, Math.max(0, endsAt - now), duration);
  }

  public Timer resume(long now) {
    if (state != State.PAUSED) throw Refusal.conflict("The timer is not paused, so it cannot be resumed.");
    return new Timer(State.RUNNING, now + remaining, 0, duration);
  }

  /** Adds time (or takes it off, with a negative amount); never below zero or above the maximum. */
  public Timer add(long ms, long now) {
    if (ms == 0 || Math.abs(ms) > MAX_ADD_MS) throw Refusal.invalid("Add between 1 second and 60 minutes (or take off as much).");
    if (state == State.IDLE) throw Refusal.conflict("Start the timer before adding time.");
    long left = clamp(remaining(now) + ms);
    long total = Math.min(MAX_MS, Math.max(duration + ms, left));
    return state == State.RUNNING ? new Timer(State.RUNNING, now + left, 0, total) : new Timer(State.PAUSED, 0, left, total);
  }

  public long remaining(long now) {
    return switch (state) {
      case IDLE -> 0;
      case RUNNING -> Math.max(0, endsAt - now);
      case PAUSED -> remaining;
    };
  }

  private static long clamp(long ms) {
    return Math.max(0, Math.min(MAX_MS, ms));
  }

  public JsonObject toJson(long now) {
    JsonObject json = new JsonObject().put("state", state.wireName()).put("remainingMs", remaining(now));
    if (state != State.IDLE) json.put("durationMs", duration);
    if (state == State.RUNNING) json.put("endsAt", endsAt);
    return json;
  }
}
