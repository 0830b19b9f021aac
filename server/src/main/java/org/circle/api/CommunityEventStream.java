package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.account.AccessChanges;
import org.circle.account.Authenticator;
import org.circle.account.Session;
import org.circle.community.CommunityEvents;
import org.circle.community.Memberships;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;

/**
 * GET /communities/{id}/events: a Server-Sent Events stream telling a member's page what changed,
 * so a consent round updates live on every screen. A comment line every
 * {@value #KEEP_ALIVE_MS} ms keeps proxies from closing an idle stream. The stream ends when its
 * reason does: when the browser is signed out (here, by a password change elsewhere, or by the
 * account's deletion) or the person is no longer in the room (removed, made sponsor), announced
 * by {@link AccessChanges}, and checked again every {@value #RECHECK_MS} ms as a safety net.
 */
public final class CommunityEventStream {
  static final long KEEP_ALIVE_MS = 25_000;
  static final long RECHECK_MS = 30_000;
  private final CommunityEvents events;
  private final Authenticator sessions;
  private final Memberships memberships;

  public CommunityEventStream(CommunityEvents events, Authenticator sessions, Memberships memberships) {
    this.events = events;
    this.sessions = sessions;
    this.memberships = memberships;
  }

  public void register(Api api) {
    api.get("/communities/:communityId/events").id("streamCommunityEvents").tag(CommunityRoutes.TAG)
        .summary("Live changes in the community (Server-Sent Events)").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY)
        .streams(200, "text/event-stream", "Server-Sent Events: one 'change' event with data {\"kind\": ...} whenever the "
            + "mandate, ground rules, a consent round, membership proposals or the phase change")
        .handle(this::stream);
  }

  private Future<Reply> stream(Call call) {
    Session session = Api.session(call.ctx()).orElseThrow(Refusal::notSignedIn);
    UUID community = call.communityId();
    HttpServerResponse response = call.ctx().response();
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    var consumer = events.subscribe(community, event -> {
      // A browser that cannot keep up misses nothing important: each event just says "re-read".
      if (!response.ended() && !response.writeQueueFull()) {
        response.write("event: change\ndata: " + new JsonObject().put("kind", event.getString("kind")).encode() + "\n\n");
      }
    });
    Runnable recheck = () -> stillAllowed(session, community).onSuccess(allowed -> {
      if (!allowed && !response.ended()) response.end();
    });
    var accessChanges = AccessChanges.subscribe(call.ctx().vertx(), account -> {
      if (account.isEmpty() || account.get().equals(session.principal().accountId())) recheck.run();
    });
    Vertx vertx = call.ctx().vertx();
    long keepAlive = vertx.setPeriodic(KEEP_ALIVE_MS, id -> {
      if (!response.ended()) response.write(": keep-alive\n\n");
    });
    long safetyNet = vertx.setPeriodic(RECHECK_MS, id -> recheck.run());
    Runnable stop = () -> {
      consumer.unregister();
      accessChanges.unregister();
      vertx.cancelTimer(keepAlive);
      vertx.cancelTimer(safetyNet);
    };
    response.closeHandler(v -> stop.run());
    response.endHandler(v -> stop.run());
    return Future.succeededFuture(Reply.STREAMING);
  }

  /** Still signed in with this session, and still in the room (participant or facilitator) of the community. */
  private Future<Boolean> stillAllowed(Session session, UUID community) {
    return sessions.stillValid(session.tokenHash()).compose(valid -> !valid ? Future.succeededFuture(false)
        : memberships.roleIn(session.principal().accountId(), community)
            .map(role -> role.isPresent() && role.get().seesRoomContent()));
  }
}
