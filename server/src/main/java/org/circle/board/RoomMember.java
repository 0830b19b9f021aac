package org.circle.board;

import java.util.UUID;
import org.circle.community.Role;

/**
 * The room's view of one connection: the minimal socket interface it depends on, so room tests
 * need no network. {@code send} never blocks and never fails: a connection that cannot keep up
 * disconnects itself.
 */
public interface RoomMember {
  String connectionId();

  UUID accountId();

  String name();

  Role role();

  void send(String frame);

  /** Sends the welcome; from here on the connection may send operations for this board. */
  void welcome(String frame);

  /** Ends the connection with a WebSocket close code, e.g. to make the client resynchronise. */
  void close(short code, String reason);
}
