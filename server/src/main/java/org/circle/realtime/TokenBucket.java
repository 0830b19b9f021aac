package org.circle.realtime;

/** A rate limit that allows short bursts: {@code capacity} tokens, refilled at {@code perSecond}. */
final class TokenBucket {
  private final double capacity;
  private final double perMilli;
  private double tokens;
  private long last;

  TokenBucket(int perSecond, int capacity, long now) {
    this.capacity = capacity;
    this.perMilli = perSecond / 1000.0;
    this.tokens = capacity;
    this.last = now;
  }

  boolean tryTake(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perMilli);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }
}
