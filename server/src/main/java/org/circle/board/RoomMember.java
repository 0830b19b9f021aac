package org.circle.board;

import io.vertx.core.Context;
import java.util.UUID;
import org.circle.community.Role;

/**
 * The room's view of one connection: the minimal socket interface it depends on, so room tests
 * need no network. {@code send} never blocks and never fails: a connection that cannot keep up
 * disconnects itself. {@code send}, {@code welcome} and {@code close} are called on
 * {@link #context()}; rooms reach them through their shard's {@link Outbox}.
 */
public interface RoomMember {
  String connectionId();

  /** The event loop this member must be called on, or null if it may be called from the room's own. */
  default Context context() {
    return null;
  }

  UUID accountId();

  String name();

  Role role();

  void send(String frame);

  /** Sends the welcome; from here on the connection may send operations for this board. */
  void welcome(String frame);

  /** Ends the connection with a WebSocket close code, e.g. to make the client resynchronise. */
  void close(short code, String reason);
}
