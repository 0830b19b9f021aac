package org.circle.board;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.circle.protocol.Rejection;

/**
 * What the rooms of this node report in {@code /metrics}: counts and sizes only, never a board,
 * a person or what anyone wrote. One instance is shared by every shard; meters are thread-safe.
 */
public final class RoomMetrics {
  /** Why a room told clients to resynchronise (close 4001). */
  public enum Resync { ROOM_RESTART, QUEUE_FULL }

  private final AtomicInteger rooms = new AtomicInteger();
  private final AtomicInteger members = new AtomicInteger();
  private final DistributionSummary batchEvents;
  private final Timer commit;
  private final Map<Resync, Counter> resyncs = new EnumMap<>(Resync.class);
  private final Map<Rejection, Counter> rejections = new EnumMap<>(Rejection.class);
  private final Counter snapshotWelcomes;
  private final Counter eventWelcomes;

  public RoomMetrics(MeterRegistry registry) {
    Gauge.builder("circle.board.rooms.open", rooms, AtomicInteger::get)
        .description("Boards open in a room on this node").register(registry);
    Gauge.builder("circle.board.members", members, AtomicInteger::get)
        .description("Connections joined to a board on this node").register(registry);
    batchEvents = DistributionSummary.builder("circle.board.batch.events")
        .description("Events in one board's batch handed to its shard's writer").register(registry);
    commit = Timer.builder("circle.board.commit")
        .description("From a batch handed to the writer to its being durable").register(registry);
    for (Resync r : Resync.values()) {
      resyncs.put(r, Counter.builder("circle.board.resyncs").tag("cause", r.name().toLowerCase())
          .description("Clients told to resynchronise (close 4001) by a room").register(registry));
    }
    for (Rejection r : Rejection.values()) {
      rejections.put(r, Counter.builder("circle.board.rejections").tag("reason", r.wireName())
          .description("Operations rejected, by reason").register(registry));
    }
    snapshotWelcomes = Counter.builder("circle.board.welcomes").tag("with", "snapshot")
        .description("Joins answered with the whole board or with the events missed").register(registry);
    eventWelcomes = Counter.builder("circle.board.welcomes").tag("with", "events")
        .description("Joins answered with the whole board or with the events missed").register(registry);
  }

  /** Metrics that go nowhere, for tests of one room. */
  public static RoomMetrics none() {
    return new RoomMetrics(new SimpleMeterRegistry());
  }

  void roomOpened() { rooms.incrementAndGet(); }
  void roomClosed() { rooms.decrementAndGet(); }
  void memberJoined() { members.incrementAndGet(); }
  void membersLeft(int n) { members.addAndGet(-n); }
  void batch(int events) { batchEvents.record(events); }
  void committed(long nanos) { commit.record(nanos, TimeUnit.NANOSECONDS); }
  void resync(Resync cause, int clients) { resyncs.get(cause).increment(clients); }
  void rejected(Rejection reason) { rejections.get(reason).increment(); }
  void welcomed(boolean snapshot) { (snapshot ? snapshotWelcomes : eventWelcomes).increment(); }
}
