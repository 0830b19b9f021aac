package org.circle.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.circle.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the open board sockets and live-change streams of this node that someone's access may
 * have changed, so each can check again at once instead of at its next operation. PostgreSQL
 * triggers (migrations) NOTIFY {@value #CHANNEL} with the account's id, in the same transaction,
 * whenever one of that person's sessions is signed out or revoked (a password change signs out
 * every other browser), a membership of theirs is removed or changes role, or their account is
 * deleted: whatever route or script made the change, every node hears of it once it commits.
 * Each node LISTENs on one connection and republishes on its local event bus. When that
 * connection is lost and made again, notifications may have been missed: everyone checks again.
 */
public final class AccessChanges {
  public static final String CHANNEL = "circle_access";
  static final String ADDRESS = "circle.access.changed";
  /** Stands for "anyone": notifications may have been missed. */
  private static final String EVERYONE = "*";
  private static final long RECONNECT_MS = 1_000;
  private static final Logger log = LoggerFactory.getLogger(AccessChanges.class);

  private final PgSubscriber subscriber;

  private AccessChanges(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  /** Starts listening; completes once the first LISTEN is in place. */
  /** Every node hears the NOTIFY itself: each tells its own sockets and streams. */
  private static final io.vertx.core.eventbus.DeliveryOptions HERE = new io.vertx.core.eventbus.DeliveryOptions().setLocalOnly(true);

  public static Future<AccessChanges> listen(Vertx vertx, DatabaseSettings db) {
    PgConnectOptions options = new PgConnectOptions().setHost(db.host()).setPort(db.port()).setDatabase(db.database())
        .setUser(db.user()).setPassword(db.password());
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> RECONNECT_MS);
    boolean[] subscribedBefore = new boolean[1];
    subscriber.channel(CHANNEL)
        .handler(account -> vertx.eventBus().publish(ADDRESS, account, HERE))
        .subscribeHandler(v -> {
          if (subscribedBefore[0]) {
            log.info("Listening for access changes again; every open socket checks its access");
            vertx.eventBus().publish(ADDRESS, EVERYONE, HERE);
          }
          subscribedBefore[0] = true;
        });
    subscriber.closeHandler(v -> log.warn("Lost the connection that listens for access changes; reconnecting"));
    return subscriber.connect().map(v -> new AccessChanges(subscriber));
  }

  public Future<Void> close() {
    return subscriber.close();
  }

  /**
   * Calls {@code onChange} on the caller's context with the account whose access may have changed,
   * or empty when anyone's may have.
   */
  public static MessageConsumer<String> subscribe(Vertx vertx, Consumer<Optional<UUID>> onChange) {
    return vertx.eventBus().<String>localConsumer(ADDRESS, message -> {
      String body = message.body();
      if (EVERYONE.equals(body)) {
        onChange.accept(Optional.empty());
        return;
      }
      try {
        onChange.accept(Optional.of(UUID.fromString(body)));
      } catch (IllegalArgumentException e) {
        onChange.accept(Optional.empty());
      }
    });
  }
}
