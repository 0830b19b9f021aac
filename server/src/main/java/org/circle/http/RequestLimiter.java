package org.circle.http;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
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
 *
 * <p>In a cluster each node keeps its own buckets and tells the others what its callers spent,
 * every {@value #SHARE_EVERY_MS} ms on the clustered event bus ({@link #shareAcross}); each takes
 * that from its own buckets. A caller whose requests a load balancer spreads over the nodes has
 * one budget, give or take what it spends in one such interval.
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
  /** What callers spent here since it was last told to the other nodes; null on a node of its own. */
  private volatile ConcurrentHashMap<String, AtomicInteger> spentHere;

  /** Between reports of what callers spent here to the other nodes of a cluster. */
  static final long SHARE_EVERY_MS = 100;
  static final String SPENT_ADDRESS = "circle.api.spent";

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
    ConcurrentHashMap<String, AtomicInteger> spent = spentHere;
    if (wait[0] == 0 && spent != null) spent.computeIfAbsent(caller, k -> new AtomicInteger()).incrementAndGet();
    return wait[0];
  }

  /** Requests of this caller were let through on another node. */
  void spentElsewhere(String caller, int count) {
    long now = clock.getAsLong();
    buckets.compute(caller, (k, existing) -> {
      TokenBucket bucket = existing != null ? existing : new TokenBucket(perSecond, burst, now);
      bucket.spend(count, now);
      return bucket;
    });
  }

  /**
   * Shares the budgets with the other nodes of a cluster: what callers spend here is published to
   * them, and what they report is taken from the buckets here. Call once per node.
   */
  public void shareAcross(Vertx vertx, String nodeId) {
    spentHere = new ConcurrentHashMap<>();
    DeliveryOptions from = new DeliveryOptions().addHeader("node", nodeId);
    vertx.eventBus().<JsonObject>consumer(SPENT_ADDRESS, message -> {
      if (nodeId.equals(message.headers().get("node"))) return;
      message.body().forEach(e -> spentElsewhere(e.getKey(), ((Number) e.getValue()).intValue()));
    });
    vertx.setPeriodic(SHARE_EVERY_MS, t -> {
      ConcurrentHashMap<String, AtomicInteger> spent = spentHere;
      if (spent.isEmpty()) return;
      JsonObject report = new JsonObject();
      for (String caller : spent.keySet()) {
        AtomicInteger count = spent.remove(caller);
        if (count != null && count.get() > 0) report.put(caller, count.get());
      }
      if (!report.isEmpty()) vertx.eventBus().publish(SPENT_ADDRESS, report, from);
    });
  }
}
