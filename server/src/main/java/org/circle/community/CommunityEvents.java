package org.circle.community;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Tells the browsers of a community's members that something changed (the mandate, the ground
 * rules, a consent round, the phase), so their pages refresh live. Events carry only what kind
 * of thing changed, never content: each browser re-reads through the API, where access is checked.
 * They travel on the Vert.x event bus, which spans nodes when clustered.
 */
public final class CommunityEvents {
  private static final DeliveryOptions HERE = new DeliveryOptions().setLocalOnly(true);
  private final Vertx vertx;

  public CommunityEvents(Vertx vertx) {
    this.vertx = vertx;
  }

  static String address(UUID community) {
    return "community.events." + community;
  }

  public void publish(UUID community, String kind) {
    vertx.eventBus().publish(address(community), new JsonObject().put("kind", kind));
  }

  /**
   * To this node's pages only: for news every node hears by itself (PostgreSQL's NOTIFY reaches
   * each node's listener), which published across the cluster would arrive once per node.
   */
  public void publishHere(UUID community, String kind) {
    vertx.eventBus().publish(address(community), new JsonObject().put("kind", kind), HERE);
  }

  public MessageConsumer<JsonObject> subscribe(UUID community, Consumer<JsonObject> listener) {
    return vertx.eventBus().<JsonObject>consumer(address(community), message -> listener.accept(message.body()));
  }
}
