package org.circle.ratelimit;

/** A rate limit that allows short bursts: {@code capacity} tokens, refilled at {@code perSecond}. */
public final class TokenBucket {
  private final double capacity;
  private final double perMilli;
  private double tokens;
  private long last;

  public TokenBucket(int perSecond, int capacity, long now) {
    this.capacity = capacity;
    this.perMilli = perSecond / 1000.0;
    this.tokens = capacity;
    this.last = now;
  }

  /** When the bucket was last used, for dropping idle ones. */
  public long lastUsed() {
    return last;
  }

  /** Milliseconds until the next token, 0 when one is there. */
  public long millisUntilNext(long now) {
    double current = Math.min(capacity, tokens + (now - last) * perMilli);
    return current >= 1 ? 0 : (long) Math.ceil((1 - current) / perMilli);
  }

  public boolean tryTake(long now) {
    tokens = Math.min(capacity, tokens + (now - last) * perMilli);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /**
   * Tokens someone else spent from the same budget (another node of a cluster, which reports what
   * its callers used). The bucket may go into debt, down to one burst, so callers spread over
   * several nodes keep to the one rate over time.
   */
  public void spend(int count, long now) {
    tokens = Math.max(-capacity, Math.min(capacity, tokens + (now - last) * perMilli) - count);
    last = now;
  }
}
