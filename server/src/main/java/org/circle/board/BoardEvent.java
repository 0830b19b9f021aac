package org.circle.board;

import org.circle.protocol.Operation;
import java.util.UUID;

/**
 * An accepted operation at its place in the board's sequence, with who made it and from which
 * client. A {@code privateToAuthor} event concerns a card written in silence and not yet revealed:
 * it reaches its author alone, everyone else receives its sequence number only. That is decided
 * once, when the room accepts it, and stored with it, so it holds for every later reader.
 */
public record BoardEvent(long seq, Operation op, UUID authorId, String authorName, String clientId, String opId,
                         boolean privateToAuthor) {

  public BoardEvent(long seq, Operation op, UUID authorId, String authorName, String clientId, String opId) {
    this(seq, op, authorId, authorName, clientId, opId, false);
  }
}
