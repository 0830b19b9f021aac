package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.circle.community.Role;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.theme.SponsorView;
import org.circle.theme.ThemeEvents;
import org.circle.theme.Themes;

/**
 * The sponsor's view: released themes, sessions held, and a reply to each theme. Every read goes
 * through {@link SponsorView}, on the sponsor's own database role, which cannot read room content.
 */
public final class SponsorRoutes {
  private static final Policy SPONSOR = new Policy.Member(EnumSet.of(Role.SPONSOR));
  /** What a sponsor's page hears of: changes to its own view, never the room's activity. */
  private static final Set<String> SPONSOR_EVENTS = Set.of(ThemeEvents.RELEASED, "mandate", "phase");

  private final SponsorView view;
  private final CommunityEvents events;

  public SponsorRoutes(SponsorView view, CommunityEvents events) {
    this.view = view;
    this.events = events;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/sponsor";
    api.get(base, SPONSOR, call -> view.overview(call.communityId()).map(Reply::ok));
    api.get(base + "/themes", SPONSOR, call -> view.themes(call.communityId()).map(Reply::ok));
    api.get(base + "/themes/:themeId", SPONSOR, this::open);
    // Any member may ask; anyone but the sponsor gets the answer for a theme that does not exist.
    api.put(base + "/themes/:themeId/reply", Policy.ANY_MEMBER, this::reply);
    api.get(base + "/events", SPONSOR, this::stream);
  }

  private Future<Reply> open(Call call) {
    UUID community = call.communityId();
    return view.open(community, call.uuid("themeId"), call.principal().accountId()).map(theme -> {
      if ("released".equals(theme.getString("status"))) events.publish(community, ThemeEvents.ROOM);
      return Reply.ok(theme);
    });
  }

  private Future<Reply> reply(Call call) {
    UUID theme = call.uuid("themeId");
    if (call.role().orElseThrow() != Role.SPONSOR) throw Themes.notFound();
    String text = call.body(Set.of("text")).string("text", 1, SponsorView.MAX_REPLY);
    UUID community = call.communityId();
    return view.reply(community, theme, call.principal().accountId(), text)
        .compose(v -> view.open(community, theme, call.principal().accountId()))
        .map(json -> {
          events.publish(community, ThemeEvents.ROOM);
          events.publish(community, ThemeEvents.RELEASED);
          return Reply.ok(json);
        });
  }

  private Future<Reply> stream(Call call) {
    HttpServerResponse response = call.ctx().response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    var consumer = events.subscribe(call.communityId(), event -> {
      String kind = event.getString("kind");
      if (SPONSOR_EVENTS.contains(kind) && !response.writeQueueFull()) {
        response.write("event: change\ndata: " + new JsonObject().put("kind", kind).encode() + "\n\n");
      }
    });
    Vertx vertx = call.ctx().vertx();
    long timer = vertx.setPeriodic(CommunityEventStream.KEEP_ALIVE_MS, id -> response.write(": keep-alive\n\n"));
    response.closeHandler(v -> {
      consumer.unregister();
      vertx.cancelTimer(timer);
    });
    return Future.succeededFuture(Reply.STREAMING);
  }
}
