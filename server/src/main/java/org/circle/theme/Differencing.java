package org.circle.theme;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps a sponsor from learning one person's contribution by comparing releases. Every release the
 * sponsor has seen (of any theme, withdrawn ones included) is kept with the people behind it then.
 * A new release is refused when its people differ from those of an earlier release by at least one
 * and fewer than k: a theme re-released with one contributor more or less, two themes whose
 * contributor sets differ by fewer than k, a re-release after a withdrawal. The same people, or
 * k or more people different, reveal no one.
 */
public final class Differencing {
  /** An earlier release: which theme, its title for the group, and who was behind it. */
  public record Earlier(UUID theme, String title, Set<UUID> contributors) {}

  private Differencing() {}

  /** Empty when the release reveals no one; otherwise the reason, in words the group can act on. */
  public static Optional<String> check(UUID theme, Set<UUID> contributors, List<Earlier> earlier, int k) {
    for (Earlier e : earlier) {
      int differ = symmetricDifference(contributors, e.contributors());
      if (differ == 0 || differ >= k) continue;
      if (e.theme().equals(theme)) {
        return Optional.of("This theme was released before with cards from almost the same people: fewer than " + k
            + " people more or fewer. Comparing the two releases, the sponsor could tell what those few people added or took away."
            + " Release it with cards from exactly the same people as before, or from at least " + k + " people more or fewer.");
      }
      return Optional.of("The people behind this theme differ from those behind the released theme “" + e.title()
          + "” by fewer than " + k + ". Comparing the two, the sponsor could tell what those few people said."
          + " Choose cards so that both themes come from the same people, or from sets that differ by at least " + k + " people.");
    }
    return Optional.empty();
  }

  static int symmetricDifference(Set<UUID> a, Set<UUID> b) {
    Set<UUID> onlyA = new HashSet<>(a);
    onlyA.removeAll(b);
    Set<UUID> onlyB = new HashSet<>(b);
    onlyB.removeAll(a);
    return onlyA.size() + onlyB.size();
  }
}
