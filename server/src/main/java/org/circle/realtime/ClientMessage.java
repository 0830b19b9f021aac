package org.circle.realtime;

/** Everything a client may send. The board protocol grows here, one record per message type. */
public sealed interface ClientMessage {

  /** A liveness probe; the server answers with {@link ServerMessage.Pong} carrying the same id. */
  record Ping(String id) implements ClientMessage {}
}
