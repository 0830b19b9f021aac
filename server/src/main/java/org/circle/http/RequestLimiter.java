package org.circle.http;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.circle.ratelimit.TokenBucket;

/**
 * How many API requests one caller may make: a signed-in person by account, anyone else by
 * address. Generous for a person clicking through pages, tight for a script; a caller past it gets
 * 429 with Retry-After and harms nobody else. One per HTTP verticle instance, confined to its
 * event loop (so a caller whose connections land on several instances gets that many buckets).
 */
final class RequestLimiter {
  /** Buckets idle this long are full again and are dropped. */
  private static final long IDLE_MS = 60_000;
  private static final int SWEEP_EVERY = 1_000;

  private final int perSecond;
  private final int burst;
  private final LongSupplier clock;
  private final Map<String, TokenBucket> buckets = new HashMap<>();
  private int sinceSweep;

  RequestLimiter(int perSecond, int burst, LongSupplier clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  /** 0 when the caller may go ahead, otherwise the seconds to wait (at least 1). */
  long secondsToWait(String caller) {
    long now = clock.getAsLong();
    if (++sinceSweep >= SWEEP_EVERY) {
      sinceSweep = 0;
      buckets.values().removeIf(b -> now - b.lastUsed() > IDLE_MS);
    }
    TokenBucket bucket = buckets.computeIfAbsent(caller, k -> new TokenBucket(perSecond, burst, now));
    if (bucket.tryTake(now)) return 0;
    return Math.max(1, (bucket.millisUntilNext(now) + 999) / 1000);
  }
}
