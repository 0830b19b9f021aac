package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.circle.community.CommunityEvents;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Operation.Parameter;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.review.PulseKind;
import org.circle.review.Pulses;
import org.circle.review.ReviewTemplate;
import org.circle.review.Reviews;
import org.circle.session.SessionEvents;
import org.circle.session.SessionStore;

/**
 * Reflection, for the room alone (a sponsor is refused every route here): pulses during a
 * session, answered anonymously; process checks now and then; and the review after each session,
 * whose ideas a facilitator turns into proposals. Every figure follows the minimum of 3 answers
 * and shows only once its question has closed. An archived community's pulses and process checks
 * can be read, never opened, answered or closed.
 * A change to a session's pulse moves the session's version on, so its live stream tells every
 * open session room to read the pulses again.
 */
public final class ReviewRoutes {
  static final Operation.Tag TAG = new Operation.Tag("reflection",
      "Reflection in and on action: anonymous pulses, process checks and session reviews; figures only from 3 answers up.");
  private static final Parameter PULSE = Parameter.path("pulseId", Schema.uuid(), "A pulse or process check");
  private static final Schema.Obj EMPTY = Schema.object().named("Empty");
  private static final Schema.Obj PULSE_LIST = Schema.object().required("pulses", Schema.list(Pulses.SCHEMA)).named("SessionPulses");
  private static final Schema.Obj CHECK_LIST = Schema.object().required("processChecks", Schema.list(Pulses.SCHEMA)).named("ProcessChecks");
  private static final Schema.Obj REFLECTION = Schema.object()
      .required("minimum", Schema.whole(3, 3).describe("answers needed before any figure is shown"))
      .required("pulses", Schema.list(Pulses.SCHEMA).describe("pulses of every session, newest first"))
      .required("processChecks", Schema.list(Pulses.SCHEMA).describe("process checks, newest first"))
      .named("Reflection");
  private static final String NOT_CONSENTED = "The member has not yet agreed to the ground rules in force";
  private static final String ARCHIVED = "The community is archived";

  /** Refused in an archived community, like every other write there (its questions were closed as it was archived). */
  private static Refusal archived() {
    return Refusal.conflict("This community is archived: its pulses and process checks can be read, "
        + "but none can be opened, answered or closed.");
  }

  /** An archived community's reviews are its record: read, and each author may still erase their own. */
  private static Refusal reviewArchived() {
    return Refusal.conflict("This community is archived: its session reviews can be read, and you can erase your own answers, "
        + "but nothing new can be written or proposed.");
  }

  private final Pulses pulses;
  private final Reviews reviews;
  private final SessionEvents sessionEvents;
  private final CommunityEvents communityEvents;
  private final Function<Call, Future<Void>> consent;
  private final Phases phases;

  public ReviewRoutes(Pulses pulses, Reviews reviews, SessionEvents sessionEvents, CommunityEvents communityEvents,
                      Function<Call, Future<Void>> consent, Phases phases) {
    this.phases = phases;
    this.pulses = pulses;
    this.reviews = reviews;
    this.sessionEvents = sessionEvents;
    this.communityEvents = communityEvents;
    this.consent = consent;
  }

  public void register(Api api) {
    String community = "/communities/:communityId";
    String session = community + "/sessions/:sessionId";
    api.post(session + "/pulses").id("openPulse").tag(TAG)
        .summary("Open a pulse in a live session: how safe does this feel (1 to 5), or a learning-zone check; one open at a time")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .body(Pulses.NEW_PULSE, new JsonObject().put("kind", "safety"))
        .answers(201, "The pulse", Pulses.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session is not live, or the community is archived")
        .handle(this::openPulse);
    api.get(session + "/pulses").id("listSessionPulses").tag(TAG)
        .summary("The session's pulses, newest first: figures only once a pulse has closed with at least 3 answers, never who answered what")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .answers(200, "The pulses", PULSE_LIST)
        .refuses(409, NOT_CONSENTED)
        .handle(call -> consent.apply(call)
            .compose(v -> pulses.ofSession(call.communityId(), call.uuid("sessionId"), me(call)))
            .map(list -> Reply.ok(new JsonObject().put("pulses", list))));
    api.post(community + "/pulses/:pulseId/answers").id("answerPulse").tag(TAG)
        .summary("Answer a pulse or process check, anonymously and once; the answer is stored without my account")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(PULSE)
        .body(Pulses.ANSWER_BODY, new JsonObject().put("value", "4"))
        .answers(200, "The pulse, as I now see it", Pulses.SCHEMA)
        .refuses(404, "No such pulse in this community")
        .refuses(409, "Closed, its session is not live, already answered, the ground rules in force not yet agreed, or the community is archived")
        .handle(this::answer);
    api.post(community + "/pulses/:pulseId/close").id("closePulse").tag(TAG)
        .summary("Close a pulse or process check: no more answers; its result (from 3 answers up) shows from now on")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(PULSE)
        .body(EMPTY, new JsonObject())
        .answers(200, "The closed pulse", Pulses.SCHEMA)
        .refuses(404, "No such pulse in this community")
        .refuses(409, "Already closed, or the community is archived")
        .handle(this::close);
    api.post(community + "/process-checks").id("openProcessCheck").tag(TAG)
        .summary("Open a process check of the community (\"Is the learning happening the way we expected?\", 1 to 5 and a note)")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(Pulses.NEW_CHECK, new JsonObject())
        .answers(201, "The process check", Pulses.SCHEMA)
        .refuses(409, ARCHIVED)
        .handle(this::openCheck);
    api.get(community + "/process-checks").id("listProcessChecks").tag(TAG)
        .summary("The community's process checks, newest first; shown to the room only, figures once closed with at least 3 answers")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "The process checks", CHECK_LIST)
        .refuses(409, NOT_CONSENTED)
        .handle(call -> consent.apply(call).compose(v -> pulses.checks(call.communityId(), me(call)))
            .map(list -> Reply.ok(new JsonObject().put("processChecks", list))));
    api.get(community + "/reflection").id("getReflection").tag(TAG)
        .summary("Pulse results over sessions and process-check results, for the reflection page's charts")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "Every pulse and process check", REFLECTION)
        .refuses(409, NOT_CONSENTED)
        .handle(call -> consent.apply(call).compose(v -> pulses.reflection(call.communityId(), me(call))).map(Reply::ok));
    api.get(session + "/review").id("getSessionReview").tag(TAG)
        .summary("The review of an ended session: its prompts, everyone's answers (names unless cards are anonymous) and proposals made from it")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .answers(200, "The review", Reviews.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has not ended, or the member has not agreed to the ground rules in force")
        .handle(call -> consent.apply(call).compose(v -> view(call)));
    api.put(session + "/review/template").id("chooseReviewTemplate").tag(TAG)
        .summary("Choose the review's prompts: well-better-ideas (the default), the 4 Fs, or head-heart-hands; until someone has written")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .body(Reviews.CHOICE, new JsonObject().put("template", "four-fs"))
        .answers(200, "The review", Reviews.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has not ended, someone has already written, or the community is archived")
        .handle(this::choose);
    api.put(session + "/review/mine").id("writeMyReview").tag(TAG)
        .summary("Write or edit my own answers to the review's prompts (only prompts it asks; all empty erases them)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .body(Reviews.ANSWERS, new JsonObject().put("well", "Everyone spoke").put("better", "Start on time")
            .put("ideas", "A check-in in pairs"))
        .answers(200, "The review", Reviews.SCHEMA)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has not ended, the member has not agreed to the ground rules in force, "
            + "or the community is archived (erasing one's own answers is still allowed)")
        .handle(this::write);
    api.post(session + "/review/proposals").id("proposeFromReview").tag(TAG)
        .summary("Turn an idea into a proposal: a segment on the next planned session's agenda (pending until one is scheduled), "
            + "or a rule in a ground-rules amendment draft")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(SessionRoutes.SESSION)
        .body(Reviews.NEW_PROPOSAL, new JsonObject().put("kind", "agenda").put("text", "Check-in in pairs"))
        .answers(201, "The proposal", Reviews.PROPOSAL)
        .refuses(404, "No such session in this community")
        .refuses(409, "The session has not ended, a ground-rules consent round is running, the next session cannot take it, "
            + "or the community is archived")
        .handle(this::propose);
  }

  private Future<Reply> openPulse(Call call) {
    PulseKind kind = PulseKind.parse(call.body().string("kind")).orElseThrow();
    return notArchived(call).compose(v -> pulses.openPulse(call.communityId(), call.uuid("sessionId"), kind, me(call)))
        .map(changed -> Reply.created(announce(call, changed)));
  }

  private Future<Reply> openCheck(Call call) {
    Optional<String> question = call.body().optionalString("question");
    return notArchived(call).compose(v -> pulses.openCheck(call.communityId(), question, me(call)))
        .map(changed -> Reply.created(announce(call, changed)));
  }

  private Future<Void> notArchived(Call call) {
    return notArchived(call, archived());
  }

  private Future<Void> notArchived(Call call, Refusal refusal) {
    return phases.current(call.communityId()).compose(phase -> phase == Phase.ARCHIVED
        ? Future.failedFuture(refusal) : Future.succeededFuture());
  }

  private Future<Reply> answer(Call call) {
    JsonBody body = call.body();
    String value = body.string("value");
    Optional<String> note = body.optionalString("note");
    UUID pulse = call.uuid("pulseId");
    return consent.apply(call).compose(v -> notArchived(call))
        .compose(v -> pulses.answer(call.communityId(), pulse, me(call), value, note))
        .map(changed -> Reply.ok(announce(call, changed)));
  }

  private Future<Reply> close(Call call) {
    return notArchived(call).compose(v -> pulses.close(call.communityId(), call.uuid("pulseId"), me(call)))
        .map(changed -> Reply.ok(announce(call, changed)));
  }

  /** Every open session room and reflection page reads again; the message carries no content. */
  private JsonObject announce(Call call, Pulses.Changed changed) {
    changed.session().ifPresent(s -> sessionEvents.changed(s, changed.sessionVersion()));
    communityEvents.publish(call.communityId(), "reflection");
    return changed.pulse();
  }

  private Future<Reply> view(Call call) {
    return reviews.view(call.communityId(), call.uuid("sessionId"), me(call)).map(Reply::ok);
  }

  private Future<Reply> choose(Call call) {
    ReviewTemplate template = ReviewTemplate.parse(call.body().string("template")).orElseThrow();
    return notArchived(call, reviewArchived())
        .compose(v -> reviews.choose(call.communityId(), call.uuid("sessionId"), template, me(call)))
        .compose(v -> reviewChanged(call));
  }

  private Future<Reply> write(Call call) {
    JsonBody body = call.body();
    Map<String, String> answers = new LinkedHashMap<>();
    for (String key : ReviewTemplate.ALL_PROMPTS) body.optionalString(key).ifPresent(text -> answers.put(key, text));
    if (answers.isEmpty()) throw Refusal.invalid("Write an answer to at least one of the review's prompts.");
    // Erasing one's own answers (all empty) stays possible when the community is archived.
    boolean erasing = answers.values().stream().allMatch(String::isBlank);
    return consent.apply(call).compose(v -> erasing ? Future.<Void>succeededFuture() : notArchived(call, reviewArchived()))
        .compose(v -> reviews.write(call.communityId(), call.uuid("sessionId"), me(call), answers))
        .compose(v -> reviewChanged(call));
  }

  private Future<Reply> propose(Call call) {
    JsonBody body = call.body();
    String kind = body.string("kind");
    String text = body.string("text");
    Optional<String> template = body.optionalString("template");
    SessionStore.Actor actor = new SessionStore.Actor(me(call), call.role().orElseThrow(Refusal::forbidden));
    return notArchived(call, reviewArchived())
        .compose(v -> reviews.propose(call.communityId(), call.uuid("sessionId"), actor, kind, text, template)).map(proposed -> {
      proposed.session().ifPresent(s -> sessionEvents.changed(s, proposed.sessionVersion()));
      communityEvents.publish(call.communityId(), kind.equals("ground-rules") ? "ground-rules" : "sessions");
      communityEvents.publish(call.communityId(), "reviews");
      return Reply.created(proposed.proposal());
    });
  }

  private Future<Reply> reviewChanged(Call call) {
    communityEvents.publish(call.communityId(), "reviews");
    return view(call);
  }

  private static UUID me(Call call) {
    return call.principal().accountId();
  }
}
