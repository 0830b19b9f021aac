package org.circle.board;

import io.vertx.core.Context;
import java.util.UUID;
import org.circle.community.Role;

/**
 * The room's view of one connection's presence on one board: the minimal socket interface it
 * depends on, so room tests need no network. {@code send} never blocks and never fails: a
 * connection that cannot keep up disconnects itself. {@code send}, {@code welcome} and
 * {@code close} are called on {@link #context()}; rooms reach them through their shard's
 * {@link Outbox}. A connection makes a new member for each join, so a member stands for one join.
 */
public interface RoomMember {
  String connectionId();

  /**
   * The context this member must be called on, or null if it may be called from the room's own.
   * All members of one event loop should return the same context: the {@link Outbox} hands them
   * their frames in one task per context.
   */
  default Context context() {
    return null;
  }

  /**
   * False once this join no longer stands: the socket is gone or closing, or the connection has
   * left for another board. Read from the room's thread, so implementations make it safe to read
   * from any thread. A room never admits such a member and sweeps out any it holds.
   */
  default boolean connected() {
    return true;
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
