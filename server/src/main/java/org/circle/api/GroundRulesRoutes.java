package org.circle.api;

import org.circle.groundrules.Answer;
import org.circle.groundrules.GroundRules;
import org.circle.groundrules.GroundRulesStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.circle.community.CommunityEvents;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.text.LineDiff;

/**
 * Phase 2: the facilitator drafts ground rules from what members wrote; everyone in the room
 * answers agree, concern or object; an objection blocks until the text is amended and a new round
 * is run. Ground rules are the room's own: sponsors do not see them.
 */
public final class GroundRulesRoutes {
  static final int MAX_NOTE = 2_000;
  private static final Set<Phase> DRAFTING = Set.of(Phase.CODESIGN, Phase.SESSIONS);

  private final GroundRulesStore store;
  private final Phases phases;
  private final CommunityEvents events;
  private final Function<UUID, Future<Void>> onRatified;

  /** {@code onRatified} runs when a version is ratified (open boards reload: anonymity may have changed). */
  public GroundRulesRoutes(GroundRulesStore store, Phases phases, CommunityEvents events, Function<UUID, Future<Void>> onRatified) {
    this.store = store;
    this.phases = phases;
    this.events = events;
    this.onRatified = onRatified;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/ground-rules";
    api.get(base, Policy.IN_THE_ROOM, call -> store.state(call.communityId(), call.principal().accountId()).map(Reply::ok));
    api.put(base + "/draft", Policy.FACILITATOR, this::saveDraft);
    api.post(base + "/consent-round", Policy.FACILITATOR, this::startRound);
    api.post(base + "/consent", Policy.IN_THE_ROOM, this::answer);
    api.post(base + "/amendments", Policy.IN_THE_ROOM, this::proposeAmendment);
    api.post(base + "/accept", Policy.IN_THE_ROOM, this::accept);
    api.get(base + "/versions", Policy.IN_THE_ROOM, call -> store.versions(call.communityId()).map(Reply::ok));
    api.get(base + "/versions/:version", Policy.IN_THE_ROOM,
        call -> store.versionWithAnswers(call.communityId(), call.version("version")).map(Reply::ok));
    api.get(base + "/diff", Policy.IN_THE_ROOM, this::diff);
  }

  private Future<Reply> saveDraft(Call call) {
    GroundRules rules = GroundRules.from(call.body(GroundRules.FIELDS));
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.saveDraft(community, rules, call.principal().accountId()))
        .map(version -> changed(community, Reply.ok(version.toJson())));
  }

  private Future<Reply> startRound(Call call) {
    call.body(Set.of());
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.startRound(community))
        .map(version -> changed(community, Reply.ok(version.toJson())));
  }

  private Future<Reply> answer(Call call) {
    JsonBody body = call.body(Set.of("answer", "note"));
    Answer answer = Answer.parse(body.string("answer", 1, 20))
        .orElseThrow(() -> Refusal.invalid("Field 'answer' must be agree, concern or object."));
    String note = body.optionalString("note", 1, MAX_NOTE).orElse(null);
    if (answer == Answer.CONCERN && note == null) throw Refusal.invalid("Field 'note' is required with a concern: say what worries you.");
    if (answer == Answer.OBJECT && note == null) throw Refusal.invalid("Field 'note' is required with an objection: give your reason.");
    UUID community = call.communityId();
    return store.answer(community, call.principal().accountId(), answer, note)
        .compose(outcome -> outcome.ratified()
            ? onRatified.apply(community).otherwise((Void) null).map(outcome) : Future.succeededFuture(outcome))
        .map(outcome -> changed(community, Reply.ok(new JsonObject().put("version", outcome.version().version())
            .put("ratified", outcome.ratified()))));
  }

  private Future<Reply> proposeAmendment(Call call) {
    Set<String> fields = new HashSet<>(GroundRules.FIELDS);
    fields.add("reason");
    JsonBody body = call.body(fields);
    GroundRules rules = GroundRules.from(body);
    String reason = body.string("reason", 1, MAX_NOTE);
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.proposeAmendment(community, rules, reason, call.principal().accountId()))
        .map(version -> changed(community, Reply.created(version.toJson())));
  }

  private Future<Reply> accept(Call call) {
    int version = call.body(Set.of("version")).integer("version", 1, Integer.MAX_VALUE);
    UUID community = call.communityId();
    return store.accept(community, call.principal().accountId(), version)
        .map(v -> changed(community, Reply.ok(new JsonObject().put("version", version).put("consented", true))));
  }

  private Future<Reply> diff(Call call) {
    UUID community = call.communityId();
    int a = call.version("from");
    int b = call.version("to");
    return Future.all(store.version(community, a), store.version(community, b)).map(all -> {
      GroundRulesStore.Version before = all.resultAt(0);
      GroundRulesStore.Version after = all.resultAt(1);
      return Reply.ok(new JsonObject().put("from", a).put("to", b)
          .put("fields", LineDiff.fields(before.rules().asTexts(), after.rules().asTexts(), GroundRules.TEXT_FIELDS)));
    });
  }

  private Reply changed(UUID community, Reply reply) {
    events.publish(community, "ground-rules");
    return reply;
  }
}
