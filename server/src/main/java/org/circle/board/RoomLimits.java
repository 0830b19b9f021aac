package org.circle.board;

/**
 * The bounds that keep a room and its shard's writer from growing without limit when PostgreSQL
 * stalls. Past them operations are refused with {@code reject/unavailable} (and the sender told
 * to resynchronise); nothing acknowledged is ever lost, because only a durable write is acknowledged.
 *
 * @param maxQueuedOperations operations one room holds that are not yet in a write: more than
 *                            fifty people re-sending their whole burst at once (60 each) after
 *                            a reconnect, three times over; a healthy write takes milliseconds
 * @param maxWaitingEvents    events a shard's writer holds waiting for the write in flight
 * @param writeTimeoutMs      a write not answered by then counts as failed: its rooms restart and
 *                            reload what is durable; until the database answers that write, the
 *                            shard refuses new ones rather than queueing them
 * @param sweepMs             how often a room removes members whose socket is gone
 */
public record RoomLimits(int maxQueuedOperations, int maxWaitingEvents, long writeTimeoutMs, long sweepMs) {
  public static final RoomLimits DEFAULT = new RoomLimits(10_000, 8_192, 15_000, 5_000);
}
