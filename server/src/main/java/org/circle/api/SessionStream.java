package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import java.util.function.Function;
import io.vertx.core.eventbus.MessageConsumer;
import org.circle.account.AccessChanges;
import org.circle.account.Authenticator;
import org.circle.account.Session;
import org.circle.community.Memberships;
import org.circle.community.Role;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.protocol.Protocol;
import org.circle.session.SessionEvents;
import org.circle.session.SessionStore;

/**
 * GET .../sessions/{id}/stream: the session's live state as Server-Sent Events. The first event
 * is the whole state (a late or reconnecting browser needs nothing else); after that, the whole
 * state again whenever it changes, as this recipient may see it, never older than what was sent
 * before. Reads are coalesced: a stream reads at most once at a time, and once more if something
 * changed meanwhile. Every {@value #CLOCK_MS} ms a {@code time} event lets clients keep their
 * clocks in step with the server's (and keeps proxies from closing an idle stream).
 */
final class SessionStream {
  static final long CLOCK_MS = 15_000;

  private final SessionStore store;
  private final SessionEvents events;
  private final Function<Call, Future<Void>> consent;
  private final Memberships memberships;
  private final Authenticator sessions;

  SessionStream(SessionStore store, SessionEvents events, Function<Call, Future<Void>> consent, Memberships memberships,
                Authenticator sessions) {
    this.sessions = sessions;
    this.store = store;
    this.events = events;
    this.consent = consent;
    this.memberships = memberships;
  }

  void register(Api api, String path) {
    api.get(path).id("streamFacilitatedSession").tag(SessionRoutes.TAG).summary("The session's live state (Server-Sent Events); opening a live session counts me once among those who took part")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .streams(200, "text/event-stream", "Server-Sent Events: 'session' events with the whole state as this member may see it "
            + "(docs/protocol.md), first on connecting and on every change; 'time' events with the server's clock every 15 s")
        .refuses(404, "No such session in this community")
        .refuses(409, "The member has not yet agreed to the ground rules in force")
        .handle(this::open);
  }

  private Future<Reply> open(Call call) {
    UUID community = call.communityId();
    UUID session = call.uuid("sessionId");
    SessionStore.Actor actor = new SessionStore.Actor(call.principal().accountId(), call.role().orElseThrow(Refusal::forbidden));
    // The first state is read before the stream opens, so an unknown session is a plain 404.
    return consent.apply(call).compose(v -> store.join(community, session, actor.accountId()))
        .compose(v -> store.view(community, session, actor)).map(first -> {
      new Listener(call, community, session, actor).start(first);
      return Reply.STREAMING;
    });
  }

  /** One open stream: confined to the event loop of its request. */
  private final class Listener {
    private final Call call;
    private final HttpServerResponse response;
    private final UUID community;
    private final UUID session;
    private final SessionStore.Actor actor;
    private SessionEvents.Subscription subscription;
    private MessageConsumer<String> accessChanges;
    private long clock;
    private long sent = -1;
    private String lastContent;
    private boolean reading;
    private boolean dirty;
    private boolean closed;

    Listener(Call call, UUID community, UUID session, SessionStore.Actor actor) {
      this.call = call;
      this.response = call.ctx().response();
      this.community = community;
      this.session = session;
      this.actor = actor;
    }

    void start(JsonObject first) {
      response.setChunked(true)
          .putHeader("Content-Type", "text/event-stream")
          .putHeader("Cache-Control", "no-store")
          .putHeader("X-Accel-Buffering", "no");
      subscription = events.subscribe(session, actor.accountId(), this::refresh);
      // Removed from the community, made sponsor, signed out elsewhere: the next read finds out and ends the stream.
      accessChanges = AccessChanges.subscribe(call.ctx().vertx(), account -> {
        if (account.isEmpty() || account.get().equals(actor.accountId())) refresh();
      });
      Vertx vertx = call.ctx().vertx();
      clock = vertx.setPeriodic(CLOCK_MS, id -> {
        if (!closed && !response.writeQueueFull()) {
          response.write("event: time\ndata: " + Protocol.envelope("time").put("serverTime", System.currentTimeMillis()).encode() + "\n\n");
        }
      });
      response.closeHandler(v -> close());
      response.drainHandler(v -> {
        if (dirty) refresh();
      });
      send(first);
    }

    private void refresh() {
      if (closed) return;
      if (reading || response.writeQueueFull()) {
        dirty = true;
        return;
      }
      reading = true;
      dirty = false;
      // Membership and consent are checked again on every read: a removed member stops receiving.
      Session signedIn = Api.session(call.ctx()).orElseThrow();
      sessions.stillValid(signedIn.tokenHash())
          .compose(valid -> valid ? memberships.roleIn(actor.accountId(), community) : Future.failedFuture(Refusal.notSignedIn()))
          .compose(role -> role.filter(Role::seesRoomContent).isPresent() ? consent.apply(call) : Future.failedFuture(Refusal.forbidden()))
          .compose(v -> store.view(community, session, actor)).onComplete(ar -> {
        reading = false;
        if (closed) return;
        if (ar.succeeded()) {
          send(ar.result());
        } else if (ar.cause() instanceof Refusal) {
          response.end();
          close();
          return;
        }
        if (dirty) refresh();
      });
    }

    private void send(JsonObject view) {
      long version = view.getLong("version");
      if (version < sent) return;
      // The same state twice (two changes read at once) is sent once; a person's own dots change it without a new version.
      String content = view.copy().put("serverTime", 0).encode();
      if (content.equals(lastContent)) return;
      sent = version;
      lastContent = content;
      JsonObject message = Protocol.envelope("session").mergeIn(view);
      response.write("id: " + version + "\nevent: session\ndata: " + message.encode() + "\n\n");
    }

    private void close() {
      if (closed) return;
      closed = true;
      if (subscription != null) subscription.cancel();
      if (accessChanges != null) accessChanges.unregister();
      call.ctx().vertx().cancelTimer(clock);
    }
  }
}
