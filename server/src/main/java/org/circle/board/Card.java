package org.circle.board;

import org.circle.protocol.Colour;
import java.util.Map;
import java.util.UUID;

/**
 * A card on a board. {@code votes} counts each person's votes on it. {@code textBy} is who wrote
 * its current text: the author, or whoever edited it last (a facilitator may edit anyone's card),
 * so withdrawing a person's words also finds the ones on others' cards.
 */
public record Card(String id, String text, Colour colour, String group, String position,
                   UUID authorId, String authorName, Map<UUID, Integer> votes, UUID textBy) {

  public int totalVotes() {
    return votes.values().stream().mapToInt(Integer::intValue).sum();
  }

  Card withText(String t, UUID by) { return new Card(id, t, colour, group, position, authorId, authorName, votes, by); }
  Card withColour(Colour c) { return new Card(id, text, c, group, position, authorId, authorName, votes, textBy); }
  Card movedTo(String g, String p) { return new Card(id, text, colour, g, p, authorId, authorName, votes, textBy); }
  Card withVotes(Map<UUID, Integer> v) { return new Card(id, text, colour, group, position, authorId, authorName, Map.copyOf(v), textBy); }
}
