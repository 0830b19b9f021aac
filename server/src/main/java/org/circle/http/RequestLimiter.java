package org.circle.http;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.circle.ratelimit.TokenBucket;

/**
 * How many API requests one caller may make: a signed-in person by account, anyone else by
 * address. Generous for a person clicking through pages, tight for a script; a caller past it gets
 * 429 with Retry-After and harms nobody else. One per node, shared by every HTTP verticle
 * instance (a caller's connections land on different event loops), so it is thread-safe: each
 * bucket is only touched inside its map entry's atomic compute.
 */
public final class RequestLimiter {
  /** Buckets idle this long are full again and are dropped. */
  private static final long IDLE_MS = 60_000;
  private static final int SWEEP_EVERY = 1_000;

  private final int perSecond;
  private final int burst;
  private final LongSupplier clock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  public RequestLimiter(int perSecond, int burst, LongSupplier clock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.clock = clock;
  }

  public RequestLimiter(int perSecond, int burst) {
    this(perSecond, burst, System::currentTimeMillis);
  }

  /** 0 when the caller may go ahead, otherwise the seconds to wait (at least 1). */
  long secondsToWait(String caller) {
    long now = clock.getAsLong();
    if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
      sinceSweep.set(0);
      buckets.forEach((key, b) -> buckets.computeIfPresent(key, (k, bucket) -> now - bucket.lastUsed() > IDLE_MS ? null : bucket));
    }
    long[] wait = new long[1];
    buckets.compute(caller, (k, existing) -> {
      TokenBucket bucket = existing != null ? existing : new TokenBucket(perSecond, burst, now);
      wait[0] = bucket.tryTake(now) ? 0 : Math.max(1, (bucket.millisUntilNext(now) + 999) / 1000);
      return bucket;
    });
    return wait[0];
  }
}
