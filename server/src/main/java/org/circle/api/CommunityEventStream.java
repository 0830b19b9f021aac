package org.circle.api;

import org.circle.community.CommunityEvents;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;

/**
 * GET /communities/{id}/events: a Server-Sent Events stream telling a member's page what changed,
 * so a consent round updates live on every screen. A comment line every
 * {@value #KEEP_ALIVE_MS} ms keeps proxies from closing an idle stream.
 */
public final class CommunityEventStream {
  static final long KEEP_ALIVE_MS = 25_000;
  private final CommunityEvents events;

  public CommunityEventStream(CommunityEvents events) {
    this.events = events;
  }

  public void register(Api api) {
    api.get("/communities/:communityId/events", Policy.IN_THE_ROOM, this::stream);
  }

  private Future<Reply> stream(Call call) {
    HttpServerResponse response = call.ctx().response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    var consumer = events.subscribe(call.communityId(), event -> {
      // A browser that cannot keep up misses nothing important: each event just says "re-read".
      if (!response.writeQueueFull()) response.write("event: change\ndata: " + new JsonObject().put("kind", event.getString("kind")).encode() + "\n\n");
    });
    Vertx vertx = call.ctx().vertx();
    long timer = vertx.setPeriodic(KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(timer);
    });
    return Future.succeededFuture(Reply.STREAMING);
  }
}
