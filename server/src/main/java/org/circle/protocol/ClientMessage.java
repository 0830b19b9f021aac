package org.circle.protocol;

import java.util.UUID;

/** Everything a client may send, one record per message type. docs/protocol.md describes each. */
public sealed interface ClientMessage {

  /** A liveness probe; the server answers with {@link ServerMessage.Pong} carrying the same id. */
  record Ping(String id) implements ClientMessage {}

  /**
   * Opens a board on this connection. {@code client} is the browser's stable client id; {@code since}
   * is the last sequence number it has seen, or null for a fresh snapshot.
   */
  record Join(UUID board, String client, Long since) implements ClientMessage {}

  /** A change, with the client-generated operation id {@code id} that makes retries safe. */
  record Op(String id, Operation op) implements ClientMessage {}

  /** The card this person is typing in now, or null; it holds a soft lock others see. */
  record Presence(String editing) implements ClientMessage {}

  /** Where this person points on the board, in board coordinates. */
  record Cursor(double x, double y) implements ClientMessage {}
}
