package org.circle.board;

import org.circle.protocol.Colour;
import java.util.Map;
import java.util.UUID;

/** A card on a board. {@code votes} counts each person's votes on it. */
public record Card(String id, String text, Colour colour, String group, String position,
                   UUID authorId, String authorName, Map<UUID, Integer> votes) {

  public int totalVotes() {
    return votes.values().stream().mapToInt(Integer::intValue).sum();
  }

  Card withText(String t) { return new Card(id, t, colour, group, position, authorId, authorName, votes); }
  Card withColour(Colour c) { return new Card(id, text, c, group, position, authorId, authorName, votes); }
  Card movedTo(String g, String p) { return new Card(id, text, colour, g, p, authorId, authorName, votes); }
  Card withVotes(Map<UUID, Integer> v) { return new Card(id, text, colour, group, position, authorId, authorName, Map.copyOf(v)); }
}
