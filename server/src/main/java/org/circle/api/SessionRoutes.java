package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.circle.community.Memberships;
import org.circle.error.Refusal;
import org.circle.groundrules.GroundRulesStore;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.JsonBody;
import org.circle.protocol.Operations;
import org.circle.session.Control;
import org.circle.session.NewSession;
import org.circle.session.SessionEvents;
import org.circle.session.SessionStore;
import org.circle.session.SessionStore.Actor;

/**
 * Phase 3: facilitated sessions. Facilitators schedule sessions, shape their agendas and run them
 * with controls the server enforces; everyone in the room follows live (SessionStream) and raises
 * a hand or places dots. A member who has not consented to the ground rules in force sees no
 * session content. Sponsors never see sessions.
 */
public final class SessionRoutes {
  private final SessionStore store;
  private final SessionEvents sessionEvents;
  private final CommunityEvents communityEvents;
  private final GroundRulesStore groundRules;
  private final Memberships memberships;

  public SessionRoutes(SessionStore store, SessionEvents sessionEvents, CommunityEvents communityEvents,
                       GroundRulesStore groundRules, Memberships memberships) {
    this.store = store;
    this.sessionEvents = sessionEvents;
    this.communityEvents = communityEvents;
    this.groundRules = groundRules;
    this.memberships = memberships;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/sessions";
    String one = base + "/:sessionId";
    api.get("/communities/:communityId/session-templates", Policy.IN_THE_ROOM, this::templates);
    api.get(base, Policy.IN_THE_ROOM, this::list);
    api.post(base, Policy.FACILITATOR, this::create);
    api.get(one, Policy.IN_THE_ROOM, this::view);
    api.put(one, Policy.FACILITATOR, this::update);
    api.post(one + "/segments", Policy.FACILITATOR, this::addSegment);
    api.delete(one + "/segments/:segmentId", Policy.FACILITATOR, this::removeSegment);
    api.put(one + "/agenda", Policy.FACILITATOR, this::reorder);
    api.post(one + "/controls", Policy.FACILITATOR, this::control);
    api.put(one + "/hand", Policy.IN_THE_ROOM, this::hand);
    api.put(one + "/dots", Policy.IN_THE_ROOM, this::dots);
    new SessionStream(store, sessionEvents, this::consented, memberships).register(api, one + "/stream");
  }

  private Future<Reply> templates(Call call) {
    return store.templates().map(t -> {
      JsonArray list = new JsonArray();
      t.all().forEach(template -> list.add(template.toJson()));
      return Reply.ok(new JsonObject().put("templates", list));
    });
  }

  private Future<Reply> list(Call call) {
    return store.list(call.communityId()).map(sessions -> Reply.ok(new JsonObject().put("sessions", sessions)));
  }

  private Future<Reply> create(Call call) {
    JsonBody body = call.body(NewSession.FIELDS);
    NewSession session = NewSession.from(body);
    Optional<List<String>> agenda = NewSession.agenda(body, call.ctx().body().asJsonObject().containsKey("agenda"));
    UUID community = call.communityId();
    return store.create(community, call.principal().accountId(), session, agenda)
        .compose(id -> store.view(community, id, actor(call)))
        .map(view -> {
          communityEvents.publish(community, "sessions");
          return Reply.created(view);
        });
  }

  private Future<Reply> view(Call call) {
    UUID community = call.communityId();
    UUID session = call.uuid("sessionId");
    return consented(call).compose(v -> store.view(community, session, actor(call))).map(Reply::ok);
  }

  private Future<Reply> update(Call call) {
    NewSession details = NewSession.from(call.body(Set.of("title", "startsAt", "durationMinutes", "callLink")));
    UUID session = call.uuid("sessionId");
    return store.update(call.communityId(), session, actor(call), details).compose(version -> changed(call, session, version, true));
  }

  private Future<Reply> addSegment(Call call) {
    JsonBody body = call.body(Set.of("template", "title", "minutes", "after"));
    String template = body.string("template", 1, 40);
    Optional<String> title = body.optionalString("title", 1, 200);
    Optional<Integer> minutes = body.optionalInteger("minutes", 1, 240);
    Optional<UUID> after = body.optionalString("after", 1, 36).map(SessionRoutes::uuid);
    UUID session = call.uuid("sessionId");
    return store.addSegment(call.communityId(), session, actor(call), template, title, minutes, after)
        .compose(version -> changed(call, session, version, false));
  }

  private Future<Reply> removeSegment(Call call) {
    UUID session = call.uuid("sessionId");
    UUID segment = call.uuid("segmentId");
    return store.removeSegment(call.communityId(), session, actor(call), segment).compose(version -> changed(call, session, version, false));
  }

  private Future<Reply> reorder(Call call) {
    List<UUID> order = call.body(Set.of("segments")).strings("segments", SessionStore.MAX_SEGMENTS, 36).stream()
        .map(SessionRoutes::uuid).toList();
    UUID session = call.uuid("sessionId");
    return store.reorder(call.communityId(), session, actor(call), order).compose(version -> changed(call, session, version, false));
  }

  private Future<Reply> control(Call call) {
    Control control = Control.parse(call.body(Control.FIELDS));
    UUID session = call.uuid("sessionId");
    return store.control(call.communityId(), session, actor(call), control).compose(outcome -> {
      if (outcome.changed()) {
        sessionEvents.changed(session, outcome.version());
        if (control instanceof Control.Start || control instanceof Control.End) communityEvents.publish(call.communityId(), "sessions");
      }
      return store.view(call.communityId(), session, actor(call)).map(view -> Reply.ok(view.put("changed", outcome.changed())));
    });
  }

  private Future<Reply> hand(Call call) {
    call.body(Set.of("raised"));
    Object raised = call.ctx().body().asJsonObject().getValue("raised");
    if (!(raised instanceof Boolean up)) throw Refusal.invalid("Field 'raised' must be true or false.");
    UUID session = call.uuid("sessionId");
    return consented(call).compose(v -> store.hand(call.communityId(), session, actor(call), up)).compose(version -> {
      version.ifPresent(n -> sessionEvents.changed(session, n));
      return store.view(call.communityId(), session, actor(call)).map(Reply::ok);
    });
  }

  private Future<Reply> dots(Call call) {
    JsonBody body = call.body(Set.of("card", "dots"));
    String card = body.string("card", 1, 64);
    if (!Operations.isId(card)) throw Refusal.invalid("Field 'card' must be a card id.");
    int dots = body.integer("dots", 0, SessionStore.MAX_DOT_BUDGET);
    UUID session = call.uuid("sessionId");
    return consented(call).compose(v -> store.dots(call.communityId(), session, actor(call), card, dots)).map(vote -> {
      // Only this person's own screens learn of their dots.
      sessionEvents.changedFor(session, call.principal().accountId());
      return Reply.ok(vote);
    });
  }

  private Future<Reply> changed(Call call, UUID session, long version, boolean listChanged) {
    sessionEvents.changed(session, version);
    if (listChanged) communityEvents.publish(call.communityId(), "sessions");
    return store.view(call.communityId(), session, actor(call)).map(Reply::ok);
  }

  /** A member who has not agreed to the ground rules in force sees no session content. */
  Future<Void> consented(Call call) {
    return groundRules.hasConsented(call.communityId(), call.principal().accountId()).compose(agreed -> agreed
        ? Future.succeededFuture()
        : Future.failedFuture(new Refusal(Refusal.Kind.CONFLICT, "Agree to the ground rules first",
            "Read and agree to the community's ground rules in force to take part in its sessions.")));
  }

  private static Actor actor(Call call) {
    return new Actor(call.principal().accountId(), call.role().orElseThrow(Refusal::forbidden));
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid("'" + (value.length() > 36 ? value.substring(0, 36) : value) + "' is not an id.");
    }
  }
}
