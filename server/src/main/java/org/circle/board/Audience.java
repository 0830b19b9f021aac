package org.circle.board;

/**
 * Everything about a recipient that decides how they see one event. Recipients with equal
 * audiences get the same frame, so a room builds and encodes each event once per audience rather
 * than once per recipient. Only {@link BoardView} makes these. Today one thing matters: whether the
 * recipient made the operation (they alone see its author on an anonymous board, and its id). The
 * silent writing and reveal of sessions add what they need here (for example whether the recipient
 * facilitates, or whether the board is revealed to them), and every room keys its frames by it.
 */
public record Audience(boolean author, java.util.UUID viewer) {
  /**
   * {@code viewer} is set only where the frame shows one person what is theirs alone: a reveal,
   * to an author of one of its cards. Everyone else's audience leaves it null and shares a frame.
   */
  public Audience(boolean author) {
    this(author, null);
  }
}
