package org.circle.session;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.UUID;

/**
 * Tells the live streams of a session that it changed. A message carries only the new version,
 * never content: each stream re-reads the session as its own recipient may see it. On the Vert.x
 * event bus, which spans nodes when clustered. A change only one person may see (their own dots)
 * goes to that person's streams alone.
 */
public final class SessionEvents {
  private final Vertx vertx;

  public SessionEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  static String address(UUID session) {
    return "session.changed." + session;
  }

  static String address(UUID session, UUID person) {
    return "session.changed." + session + "." + person;
  }

  public void changed(UUID session, long version) {
    vertx.eventBus().publish(address(session), version);
  }

  /** Something every member sees changed without the session's own state changing (an experiment). */
  public void touched(UUID session) {
    vertx.eventBus().publish(address(session), 0L);
  }

  public void changedFor(UUID session, UUID person) {
    vertx.eventBus().publish(address(session, person), 0L);
  }

  /** Calls {@code listener} on every change this person may see; unregister both when done. */
  public Subscription subscribe(UUID session, UUID person, Runnable listener) {
    MessageConsumer<Long> all = vertx.eventBus().consumer(address(session), m -> listener.run());
    MessageConsumer<Long> mine = vertx.eventBus().consumer(address(session, person), m -> listener.run());
    return () -> {
      all.unregister();
      mine.unregister();
    };
  }

  @FunctionalInterface
  public interface Subscription {
    void cancel();
  }
}
