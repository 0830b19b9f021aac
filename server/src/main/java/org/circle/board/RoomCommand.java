package org.circle.board;

import org.circle.protocol.Operation;
import java.util.UUID;

/**
 * What a connection asks of a board's room. Travels on the local event bus by reference
 * ({@link LocalCodec}) to this node's shard; in a cluster, from there to the board's owner in
 * its wire form ({@link RoomWire}).
 */
public sealed interface RoomCommand {
  UUID boardId();

  record Join(UUID boardId, RoomMember member, String clientId, Long since) implements RoomCommand {}

  /** This member's join no longer stands (the connection left, joined another board, or closed). */
  record Leave(UUID boardId, RoomMember member) implements RoomCommand {}

  record Apply(UUID boardId, RoomMember member, Actor actor, String clientId, String opId, Operation op) implements RoomCommand {}

  record Presence(UUID boardId, String connectionId, String editing) implements RoomCommand {}

  record Cursor(UUID boardId, String connectionId, double x, double y) implements RoomCommand {}

  /**
   * Everything a person wrote on this board is withdrawn; replies once durable. When their account
   * was deleted ({@code accountGone}) nothing more of theirs is applied; when they erased their
   * words and kept their account, they may go on writing.
   */
  record Withdraw(UUID boardId, UUID accountId, boolean accountGone) implements RoomCommand {}

  /** The person's words are gone from the stored history: the room forgets them too and stores a clean snapshot. */
  record Scrub(UUID boardId, UUID accountId) implements RoomCommand {}

  /**
   * Something the room holds in memory changed in the database (ground rules made the board
   * anonymous): the room closes, its members resynchronise, and the next join loads it afresh.
   */
  record Reload(UUID boardId) implements RoomCommand {}
}
