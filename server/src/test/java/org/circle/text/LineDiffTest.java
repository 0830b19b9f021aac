package org.circle.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineDiffTest {

  /** What a reader sees as the earlier version: unchanged and removed lines, in order. */
  private static String before(List<LineDiff.Change> changes) {
    return changes.stream().filter(c -> !c.op().equals("added")).map(LineDiff.Change::text).collect(Collectors.joining("\n"));
  }

  /** What a reader sees as the later version: unchanged and added lines, in order. */
  private static String after(List<LineDiff.Change> changes) {
    return changes.stream().filter(c -> !c.op().equals("removed")).map(LineDiff.Change::text).collect(Collectors.joining("\n"));
  }

  private static long changed(List<LineDiff.Change> changes) {
    return changes.stream().filter(c -> !c.op().equals("same")).count();
  }

  @Test
  @DisplayName("A changed line shows as removed then added, between the lines around it")
  void smallChange() {
    List<LineDiff.Change> changes = LineDiff.diff(List.of("We meet monthly.", "Safe to fail.", "Bring a story."),
        List.of("We meet monthly.", "It is safe to fail.", "Bring a story."));
    assertEquals(List.of(new LineDiff.Change("same", "We meet monthly."), new LineDiff.Change("removed", "Safe to fail."),
        new LineDiff.Change("added", "It is safe to fail."), new LineDiff.Change("same", "Bring a story.")), changes);
  }

  @Test
  @DisplayName("Two versions of a 2,000-line field are compared exactly, without a table of every pair of lines")
  void twoThousandLines() {
    // 2,000 short lines fit in one 4,000-character mandate field: the case a sponsor could send.
    List<String> before = IntStream.range(0, 2_000).mapToObj(i -> String.valueOf((char) ('a' + i % 26))).toList();
    List<String> after = new ArrayList<>(before);
    for (int i = 0; i < after.size(); i += 100) after.set(i, "changed " + i);

    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
    List<LineDiff.Change> changes = LineDiff.diff(before, after);
    long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;

    assertEquals(String.join("\n", before), before(changes), "the earlier version reads back whole");
    assertEquals(String.join("\n", after), after(changes), "the later version reads back whole");
    assertEquals(40, changed(changes), "only the 20 changed lines show, each removed and added");
    // A table of every pair of lines is 2,001 x 2,001 ints: 16 MB. Linear space stays far below.
    assertTrue(allocated < 4_000_000, "the diff allocated " + allocated + " bytes");
  }

  @Test
  @DisplayName("Texts longer than the diff's bound are still shown whole: nothing is cut off")
  void beyondTheBound() {
    List<String> before = IntStream.range(0, LineDiff.MAX_LINES + 500).mapToObj(i -> "line " + i).toList();
    List<String> after = new ArrayList<>(before);
    after.add("one more line");
    List<LineDiff.Change> changes = LineDiff.diff(before, after);
    assertEquals(String.join("\n", before), before(changes));
    assertEquals(String.join("\n", after), after(changes));
  }
}
