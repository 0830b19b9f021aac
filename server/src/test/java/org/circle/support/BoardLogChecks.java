package org.circle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** What the crash and cluster tests check after tabs drove boards through a failure. */
public final class BoardLogChecks {
  private BoardLogChecks() {}

  /** A tab's failure (an assertion, a refusal it did not expect) fails the test, as itself. */
  public static void outcome(Future<?> tab, long waitMinutes) throws Exception {
    try {
      tab.get(waitMinutes, TimeUnit.MINUTES);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) throw error;
      if (e.getCause() instanceof Exception cause) throw cause;
      throw e;
    }
  }

  /** Each board's stored sequence numbers run 1..n, with no gap. */
  public static void assertNoGaps(People people, Collection<UUID> boards) {
    for (UUID board : boards) {
      long n = people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board);
      long max = people.count("SELECT coalesce(max(seq), 0) FROM board_event WHERE board_id = ?", board);
      assertEquals(n, max, "board " + board + " has no gaps");
    }
  }
}
