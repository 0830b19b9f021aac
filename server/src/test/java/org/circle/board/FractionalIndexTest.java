package org.circle.board;

import org.circle.protocol.FractionalIndex;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class FractionalIndexTest {

  @Property(tries = 200)
  void insertingAnywhereKeepsOrderAndValidity(@ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 1000) Integer> places) {
    List<String> keys = new ArrayList<>();
    for (int place : places) {
      int at = place % (keys.size() + 1);
      String before = at == 0 ? null : keys.get(at - 1);
      String after = at == keys.size() ? null : keys.get(at);
      String key = FractionalIndex.between(before, after);
      assertTrue(FractionalIndex.isValid(key), key);
      assertTrue(before == null || before.compareTo(key) < 0, before + " < " + key);
      assertTrue(after == null || key.compareTo(after) < 0, key + " < " + after);
      keys.add(at, key);
    }
  }
}
