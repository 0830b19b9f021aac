package org.circle.theme;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears PostgreSQL's NOTIFY from the withdrawal cascade (a card or an account withdrawn, a theme
 * recounted in the database, possibly by another node) and tells the community's open pages:
 * "themes" for members, and "released" too when the sponsor's view changed, so an open sponsor
 * page drops a theme that fell below k at once. One listener per server process.
 */
public final class ThemeNotifications {
  static final String CHANNEL = "circle_themes";
  private static final Logger log = LoggerFactory.getLogger(ThemeNotifications.class);
  private final PgSubscriber subscriber;

  private ThemeNotifications(PgSubscriber subscriber) {
    this.subscriber = subscriber;
  }

  public static Future<ThemeNotifications> listen(Vertx vertx, PgConnectOptions options, CommunityEvents events) {
    PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> retries < 1_000 ? 1_000L : -1L);
    subscriber.channel(CHANNEL).handler(payload -> deliver(events, payload));
    return subscriber.connect().map(v -> new ThemeNotifications(subscriber));
  }

  private static void deliver(CommunityEvents events, String payload) {
    String[] parts = payload.split(":", 2);
    try {
      UUID community = UUID.fromString(parts[0]);
      // Every node hears the NOTIFY itself: each tells its own pages.
      events.publishHere(community, ThemeEvents.ROOM);
      if (parts.length > 1 && parts[1].equals("released")) events.publishHere(community, ThemeEvents.RELEASED);
    } catch (IllegalArgumentException e) {
      log.warn("Ignored a malformed theme notification");
    }
  }

  public Future<Void> close() {
    return subscriber.close();
  }
}
