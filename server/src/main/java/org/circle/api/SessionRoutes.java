package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Authenticator;
import org.circle.community.CommunityEvents;
import org.circle.community.Memberships;
import org.circle.error.Refusal;
import org.circle.groundrules.GroundRulesStore;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Operation.Parameter;
import org.circle.input.Schema;
import org.circle.session.SegmentTemplate;
import org.circle.session.SessionView;
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
  private final Authenticator authenticator;
  private final PendingAgenda pending;

  /** What joins a newly scheduled session's agenda by itself (ideas from earlier reviews); the new version if anything did. */
  @FunctionalInterface
  public interface PendingAgenda {
    Future<Optional<Long>> addTo(UUID community, UUID session, Actor actor);
  }

  public SessionRoutes(SessionStore store, SessionEvents sessionEvents, CommunityEvents communityEvents,
                       GroundRulesStore groundRules, Memberships memberships, Authenticator authenticator, PendingAgenda pending) {
    this.authenticator = authenticator;
    this.pending = pending;
    this.store = store;
    this.sessionEvents = sessionEvents;
    this.communityEvents = communityEvents;
    this.groundRules = groundRules;
    this.memberships = memberships;
  }

  static final Operation.Tag TAG = new Operation.Tag("session",
      "Facilitated sessions: agendas of segments, each with its own board, and live facilitation controls (docs/protocol.md, \"Sessions\").");
  static final Parameter SESSION = Parameter.path("sessionId", Schema.uuid(), "The session");
  static final Parameter SEGMENT = Parameter.path("segmentId", Schema.uuid(), "A segment of the session's agenda");
  private static final Schema.Obj NEW_SEGMENT = Schema.object()
      .required("template", Schema.text(1, 40).describe("a segment template's key"))
      .optional("title", Schema.text(1, 200)).optional("minutes", Schema.whole(1, 240))
      .optional("after", Schema.uuid().describe("the segment to follow; at the end when left out"))
      .named("NewSegment");
  private static final Schema.Obj AGENDA = Schema.object()
      .required("segments", Schema.list(Schema.uuid()).between(0, SessionStore.MAX_SEGMENTS).describe("every segment once, in the new order"))
      .named("AgendaOrder");
  private static final Schema.Obj HAND = Schema.object().required("raised", Schema.bool()).named("Hand");
  private static final Schema.Obj DOTS = Schema.object().required("card", Schema.text(1, 64))
      .required("dots", Schema.whole(0, SessionStore.MAX_DOT_BUDGET).describe("how many of my dots on this card; 0 takes them back"))
      .named("Dots");
  private static final Schema.Obj CONTROLLED = SessionView.SCHEMA.plus(Schema.object()
      .required("changed", Schema.bool().describe("false when the control changed nothing (someone pressed first)"))).named("ControlledSession");
  private static final JsonObject EXAMPLE = new JsonObject().put("title", "March session").put("startsAt", "2026-03-05T14:00:00Z")
      .put("durationMinutes", 90).put("callLink", "https://meet.example.org/circle");

  public void register(Api api) {
    String base = "/communities/:communityId/sessions";
    String one = base + "/:sessionId";
    api.get("/communities/:communityId/session-templates").id("listSegmentTemplates").tag(TAG)
        .summary("Segment templates an agenda is made of (check-in, storytelling, ...)").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY)
        .answers(200, "The templates", Schema.object().required("templates", Schema.list(SegmentTemplate.SCHEMA)).named("SegmentTemplates"))
        .handle(this::templates);
    api.get(base).id("listSessions").tag(TAG).summary("Sessions of the community: planned, live and ended").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY)
        .answers(200, "The sessions", Schema.object().required("sessions", Schema.list(SessionStore.SUMMARY)).named("Sessions"))
        .handle(this::list);
    api.post(base).id("scheduleSession").tag(TAG)
        .summary("Schedule a session; its agenda comes from the ground rules in force unless 'agenda' names templates, then ideas from "
            + "earlier reviews waiting for the next session join it; each segment gets its own board")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(NewSession.SCHEMA, EXAMPLE)
        .answers(201, "The new session", SessionView.SCHEMA)
        .refuses(409, "The community is not in its sessions phase")
        .handle(this::create);
    api.get(one).id("getFacilitatedSession").tag(TAG).summary("A session as this member may see it: its agenda and live state; opening a live session counts me once among those who took part").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY).param(SESSION)
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The member has not yet agreed to the ground rules in force")
        .handle(this::view);
    api.put(one).id("changeFacilitatedSession").tag(TAG).summary("Change what was scheduled; not once the session has ended").allow(Policy.FACILITATOR)
        .param(Params.COMMUNITY).param(SESSION)
        .body(NewSession.DETAILS, EXAMPLE)
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has ended, or another facilitator leads it")
        .handle(this::update);
    api.post(one + "/segments").id("addSegment").tag(TAG).summary("Add a segment from a template, with its own board").allow(Policy.FACILITATOR)
        .param(Params.COMMUNITY).param(SESSION)
        .body(NEW_SEGMENT, new JsonObject().put("template", "ideas"))
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session or segment in this community")
        .refuses(409, "The session has ended, or another facilitator leads it")
        .handle(this::addSegment);
    api.delete(one + "/segments/:segmentId").id("removeSegment").tag(TAG)
        .summary("Take a segment off the agenda (its board stays); not the current segment of a live session").allow(Policy.FACILITATOR)
        .param(Params.COMMUNITY).param(SESSION).param(SEGMENT)
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session or segment in this community")
        .refuses(409, "The session has ended, another facilitator leads it, or it is the current segment")
        .handle(this::removeSegment);
    api.put(one + "/agenda").id("reorderAgenda").tag(TAG).summary("Put the agenda in a new order").allow(Policy.FACILITATOR)
        .param(Params.COMMUNITY).param(SESSION)
        .body(AGENDA, new JsonObject().put("segments", new JsonArray()))
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has ended, or another facilitator leads it")
        .handle(this::reorder);
    api.post(one + "/controls").id("controlSession").tag(TAG)
        .summary("A facilitation control (docs/protocol.md); while live, only the facilitator leading the session may use one, another facilitator takes over first")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(SESSION)
        .body(Control.SCHEMA, new JsonObject().put("action", "start"))
        .answers(200, "The session after the control", CONTROLLED)
        .refuses(404, "No such session, or segment, in this community")
        .refuses(409, "Not possible in the session's state (not started, ended, led by another facilitator, nothing to pause...)")
        .handle(this::control);
    api.put(one + "/hand").id("raiseHand").tag(TAG).summary("Raise or lower my hand in a live session").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY).param(SESSION)
        .body(HAND, new JsonObject().put("raised", true))
        .answers(200, "The session", SessionView.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session is not live, or the member has not agreed to the ground rules in force")
        .handle(this::hand);
    api.put(one + "/dots").id("placeDots").tag(TAG)
        .summary("Put some of my dots on a card in the open dot vote; totals stay hidden from everyone until it closes").allow(Policy.IN_THE_ROOM)
        .param(Params.COMMUNITY).param(SESSION)
        .body(DOTS, new JsonObject().put("card", "card-1").put("dots", 1))
        .answers(200, "My part of the vote", SessionView.VOTE)
        .refuses(409, "No dot vote is open, too few dots left, or the member has not agreed to the ground rules in force")
        .handle(this::dots);
    new SessionStream(store, sessionEvents, this::consented, memberships, authenticator).register(api, one + "/stream");
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
    JsonBody body = call.body();
    NewSession session = NewSession.from(body);
    Optional<List<String>> agenda = NewSession.agenda(body, call.ctx().body().asJsonObject().containsKey("agenda"));
    UUID community = call.communityId();
    return store.create(community, call.principal().accountId(), session, agenda)
        .compose(id -> pending.addTo(community, id, actor(call)).compose(v -> store.view(community, id, actor(call))))
        .map(view -> {
          communityEvents.publish(community, "sessions");
          return Reply.created(view);
        });
  }

  private Future<Reply> view(Call call) {
    UUID community = call.communityId();
    UUID session = call.uuid("sessionId");
    return consented(call).compose(v -> store.join(community, session, call.principal().accountId()))
        .compose(v -> store.view(community, session, actor(call))).map(Reply::ok);
  }

  private Future<Reply> update(Call call) {
    NewSession details = NewSession.from(call.body());
    UUID session = call.uuid("sessionId");
    return store.update(call.communityId(), session, actor(call), details).compose(version -> changed(call, session, version, true));
  }

  private Future<Reply> addSegment(Call call) {
    JsonBody body = call.body();
    String template = body.string("template");
    Optional<String> title = body.optionalString("title");
    Optional<Integer> minutes = body.optionalInteger("minutes");
    Optional<UUID> after = body.optionalString("after").map(SessionRoutes::uuid);
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
    List<UUID> order = call.body().strings("segments").stream().map(SessionRoutes::uuid).toList();
    UUID session = call.uuid("sessionId");
    return store.reorder(call.communityId(), session, actor(call), order).compose(version -> changed(call, session, version, false));
  }

  private Future<Reply> control(Call call) {
    Control control = Control.parse(call.body());
    UUID session = call.uuid("sessionId");
    return store.control(call.communityId(), session, actor(call), control).compose(outcome -> {
      if (outcome.changed()) {
        sessionEvents.changed(session, outcome.version());
        if (control instanceof Control.Start || control instanceof Control.End) communityEvents.publish(call.communityId(), "sessions");
        if (control instanceof Control.End) {
          // Its open pulse closed with it; the sponsor's view counts one more session held.
          communityEvents.publish(call.communityId(), "reflection");
          communityEvents.publish(call.communityId(), SponsorRoutes.SESSION_HELD);
        }
      }
      return store.view(call.communityId(), session, actor(call)).map(view -> Reply.ok(view.put("changed", outcome.changed())));
    });
  }

  private Future<Reply> hand(Call call) {
    boolean up = call.body().bool("raised");
    UUID session = call.uuid("sessionId");
    return consented(call).compose(v -> store.hand(call.communityId(), session, actor(call), up)).compose(version -> {
      version.ifPresent(n -> sessionEvents.changed(session, n));
      return store.view(call.communityId(), session, actor(call)).map(Reply::ok);
    });
  }

  private Future<Reply> dots(Call call) {
    JsonBody body = call.body();
    String card = body.string("card");
    if (!Operations.isId(card)) throw Refusal.invalid("Field 'card' must be a card id.");
    int dots = body.integer("dots");
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
  public Future<Void> consented(Call call) {
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
