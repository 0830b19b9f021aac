package org.circle.board;

import io.vertx.core.Promise;

/**
 * An accepted operation on its way to the log. Its {@code event} (and so its sequence number) may
 * be assigned again while it waits, when an operation ahead of it could not be stored; nobody has
 * been told its number before it is durable.
 */
final class PendingOperation {
  BoardEvent event;
  final Actor actor;
  /** Who is told the outcome; null for the room's own operations (a withdrawal). */
  RoomMember sender;
  /** Completed once durable, failed if the room gives up on it; null when nobody waits. */
  final Promise<Void> durable;

  PendingOperation(BoardEvent event, Actor actor, RoomMember sender, Promise<Void> durable) {
    this.event = event;
    this.actor = actor;
    this.sender = sender;
    this.durable = durable;
  }

  AppliedOperations.OpKey key() {
    return AppliedOperations.OpKey.of(event);
  }
}
