package org.circle.board;

import org.circle.protocol.Operation;
import java.util.UUID;

/**
 * What a connection asks of a board's room. Travels on the local event bus by reference
 * ({@link LocalCodec}); a clustered deployment would give these a wire codec.
 */
public sealed interface RoomCommand {
  UUID boardId();

  record Join(UUID boardId, RoomMember member, String clientId, Long since) implements RoomCommand {}

  record Leave(UUID boardId, String connectionId) implements RoomCommand {}

  record Apply(UUID boardId, RoomMember member, Actor actor, String clientId, String opId, Operation op) implements RoomCommand {}

  record Presence(UUID boardId, String connectionId, String editing) implements RoomCommand {}

  record Cursor(UUID boardId, String connectionId, double x, double y) implements RoomCommand {}

  /** A person deleted their account: everything they wrote on this board is withdrawn. */
  record Withdraw(UUID boardId, UUID accountId) implements RoomCommand {}

  /** Drop the room so the next join reloads it from the database (after the log was scrubbed). */
  record Reload(UUID boardId) implements RoomCommand {}
}
