package org.circle.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the clients of one run record, from any event loop. Latencies are in microseconds and are
 * measured from the operation's intended send time on its fixed timetable, so a stalled sender
 * or server shows up as latency instead of silently sending less (coordinated omission).
 */
final class Measurements {
  static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);

  /** From the sender's intended send time to each other client's receipt of the event. */
  final Recorder broadcast = new Recorder(HIGHEST_MICROS, 3);
  /** From the intended send time to the sender's receipt of the durable acknowledgement. */
  final Recorder ack = new Recorder(HIGHEST_MICROS, 3);
  /** How late the tool itself sent, against the timetable: the tool's own health, not the server's. */
  final Recorder sendLag = new Recorder(HIGHEST_MICROS, 3);

  final LongAdder sent = new LongAdder();
  final LongAdder acked = new LongAdder();
  final LongAdder delivered = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  final LongAdder unexpectedCloses = new LongAdder();

  /** A snapshot of one measured interval. */
  record Interval(Histogram broadcast, Histogram ack, Histogram sendLag, long sent, long acked, long delivered,
                  long rejected, long errors, long rateLimited, long unexpectedCloses, double seconds) {}

  private long intervalStart = System.nanoTime();

  /** Starts a new interval, dropping what was recorded so far (the warm-up). */
  void reset() {
    interval();
  }

  Interval interval() {
    long now = System.nanoTime();
    double seconds = (now - intervalStart) / 1e9;
    intervalStart = now;
    return new Interval(broadcast.getIntervalHistogram(), ack.getIntervalHistogram(), sendLag.getIntervalHistogram(),
        sent.sumThenReset(), acked.sumThenReset(), delivered.sumThenReset(), rejected.sumThenReset(),
        errors.sumThenReset(), rateLimited.sumThenReset(), unexpectedCloses.sumThenReset(), seconds);
  }

  static void record(Recorder recorder, long micros) {
    recorder.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
  }
}
