package org.circle.board;

import org.circle.protocol.Operation;
import java.util.UUID;

/** An accepted operation at its place in the board's sequence, with who made it and from which client. */
public record BoardEvent(long seq, Operation op, UUID authorId, String authorName, String clientId, String opId) {}
