package org.circle.realtime;

/**
 * What one WebSocket connection may ask of the server. The defaults are generous for a person
 * and tight for a script; tests pass others.
 *
 * @param opsPerSecond    sustained operations per second: faster than anyone types or drags
 * @param opsBurst        operations allowed at once, e.g. a batch re-sent after reconnecting
 * @param framesPerSecond sustained frames of any kind (cursors included); past the burst the
 *                        connection is abusive and is closed with 1008
 * @param framesBurst     frames allowed at once
 * @param sendQueue       frames written to a client that it has not shown it has read (see
 *                        {@link VertxClientSocket}) before it is disconnected and told to resynchronise
 * @param idleTimeoutMs   a connection that sends nothing (not even its 20 s ping) for this long is closed
 * @param accessRecheckMs how old a role check may be before an operation checks it again
 * @param owedBytes       bytes written to a client that it has not shown it has read before it is
 *                        disconnected and told to resynchronise: room for the largest welcome
 *                        (a full board's snapshot) with the traffic that follows it
 * @param owedMs          how long a client may leave a ping that follows its frames unanswered
 *                        (it answers once it has read them) before it is disconnected and told to
 *                        resynchronise
 * @param accessSweepMs   how often a connection checks its sign-in and its board again even when
 *                        nobody told it that access changed (a safety net; changes are announced)
 */
public record ConnectionLimits(int opsPerSecond, int opsBurst, int framesPerSecond, int framesBurst,
                               int sendQueue, long idleTimeoutMs, long accessRecheckMs,
                               int owedBytes, long owedMs, long accessSweepMs) {

  static final int OWED_BYTES = 8 * 1024 * 1024;
  static final long OWED_MS = 10_000;
  static final long ACCESS_SWEEP_MS = 30_000;

  public static final ConnectionLimits DEFAULT =
      new ConnectionLimits(20, 60, 200, 600, 5_000, 60_000, 5_000, OWED_BYTES, OWED_MS, ACCESS_SWEEP_MS);

  /** The defaults for what a slow reader may owe and how often access is swept. */
  public ConnectionLimits(int opsPerSecond, int opsBurst, int framesPerSecond, int framesBurst,
                          int sendQueue, long idleTimeoutMs, long accessRecheckMs) {
    this(opsPerSecond, opsBurst, framesPerSecond, framesBurst, sendQueue, idleTimeoutMs, accessRecheckMs,
        OWED_BYTES, OWED_MS, ACCESS_SWEEP_MS);
  }

  /** The defaults with another operation rate (a load test's); the frame limit stays above it. */
  public static ConnectionLimits withOperationRate(int opsPerSecond, int opsBurst) {
    ConnectionLimits d = DEFAULT;
    return new ConnectionLimits(opsPerSecond, opsBurst, Math.max(d.framesPerSecond(), opsPerSecond * 4),
        Math.max(d.framesBurst(), opsBurst * 4), d.sendQueue(), d.idleTimeoutMs(), d.accessRecheckMs(),
        d.owedBytes(), d.owedMs(), d.accessSweepMs());
  }

  /** The kernel's send buffer per socket: ample for a board's traffic, small enough that 1,000 sockets stay cheap. */
  public static final int KERNEL_SEND_BUFFER_BYTES = 256 * 1024;
}
