package org.circle.api;

import org.circle.consent.Given;
import org.circle.groundrules.GroundRules;
import org.circle.groundrules.GroundRulesStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.JsonArray;
import java.util.Set;
import java.util.UUID;
import java.util.Comparator;
import org.circle.board.BoardDirectory;
import org.circle.board.BoardLog;
import org.circle.board.BoardState;
import org.circle.board.Card;
import org.circle.board.Group;
import java.util.function.Function;
import org.circle.community.CommunityEvents;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.http.Operation;
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
  private static final Set<Phase> DRAFTING = Set.of(Phase.CODESIGN, Phase.SESSIONS, Phase.REVIEW);

  static final Operation.Tag TAG = new Operation.Tag("ground rules",
      "Phase 2: ground rules for a safe space, ratified by consent; not for sponsors.");
  private static final String NOT_NOW = "Not possible in the community's current phase or state";
  private static final Schema.Obj ANSWERED = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("ratified", Schema.bool().describe("true when this answer completed the round and the rules are in force"))
      .named("ConsentAnswered");
  private static final Schema.Obj AMENDMENT = GroundRules.SCHEMA
      .required("reason", Schema.text(1, MAX_NOTE))
      .named("GroundRulesAmendment");
  static final Schema.Obj VERSION = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .named("VersionNumber");
  private static final Schema.Obj CONSENTED = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("consented", Schema.bool())
      .named("Consented");
  private static final Schema.Obj CARD_TEXT = Schema.object()
      .required("id", Schema.anyText())
      .required("text", Schema.anyText())
      .named("CardText");
  private static final Schema.Obj FROM_BOARD = Schema.object()
      .required("board", Schema.object().required("id", Schema.uuid()).required("title", Schema.anyText()).named("BoardRef").orNull())
      .required("groups", Schema.list(Schema.object().required("id", Schema.anyText()).required("title", Schema.anyText())
          .required("cards", Schema.list(CARD_TEXT)).named("GroupTexts")))
      .required("ungrouped", Schema.list(CARD_TEXT))
      .named("GroundRulesFromBoard");
  /** What the routes comparing two versions answer. */
  static final Schema.Obj DIFF = Schema.object()
      .required("from", Schema.whole(1, Integer.MAX_VALUE))
      .required("to", Schema.whole(1, Integer.MAX_VALUE))
      .required("fields", Schema.list(LineDiff.FIELD_DIFF))
      .named("VersionDiff");

  private final GroundRulesStore store;
  private final Phases phases;
  private final CommunityEvents events;
  private final BoardLog boards;
  private final BoardDirectory directory;
  private final Function<UUID, Future<Void>> onRatified;

  /** {@code onRatified} runs when a version is ratified (open boards reload: anonymity may have changed). */
  public GroundRulesRoutes(GroundRulesStore store, Phases phases, CommunityEvents events, BoardLog boards,
                           BoardDirectory directory, Function<UUID, Future<Void>> onRatified) {
    this.store = store;
    this.phases = phases;
    this.events = events;
    this.boards = boards;
    this.directory = directory;
    this.onRatified = onRatified;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/ground-rules";
    api.get(base).id("getGroundRules").tag(TAG)
        .summary("Ground rules in force, the open proposal and, during its consent round, every answer with its reason")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "The ground rules as I see them", GroundRulesStore.STATE)
        .handle(call -> store.state(call.communityId(), call.principal().accountId()).map(Reply::ok));
    api.put(base + "/draft").id("saveGroundRulesDraft").tag(TAG).summary("Write or amend the draft ground rules (ends a running round)")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(GroundRules.SCHEMA, example())
        .answers(200, "The draft", GroundRulesStore.VERSION)
        .refuses(409, NOT_NOW)
        .handle(this::saveDraft);
    api.post(base + "/consent-round").id("startConsentRound").tag(TAG).summary("Start a consent round on the draft")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(Schema.object().named("Empty"), new JsonObject())
        .answers(200, "The draft, now in a consent round", GroundRulesStore.VERSION)
        .refuses(409, NOT_NOW)
        .handle(this::startRound);
    api.post(base + "/consent").id("answerConsentRound").tag(TAG)
        .summary("Answer in the consent round: agree, concern (with a note) or object (with a reason)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(Given.SCHEMA, new JsonObject().put("answer", "agree"))
        .answers(200, "Answered", ANSWERED)
        .refuses(409, "No consent round is running")
        .handle(this::answer);
    api.post(base + "/amendments").id("proposeGroundRulesAmendment").tag(TAG)
        .summary("Propose an amendment; it opens a consent round, and the rules in force stay until it is ratified")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(AMENDMENT, example().put("reason", "We want anonymous cards"))
        .answers(201, "The proposed amendment, in a consent round", GroundRulesStore.VERSION)
        .refuses(409, NOT_NOW)
        .handle(this::proposeAmendment);
    api.post(base + "/accept").id("consentToGroundRules").tag(TAG)
        .summary("Consent to the ground rules in force (a member who joined later)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(VERSION, new JsonObject().put("version", 1))
        .answers(200, "Consented", CONSENTED)
        .refuses(409, "That version is not the ground rules in force")
        .handle(this::accept);
    api.get(base + "/versions").id("listGroundRulesVersions").tag(TAG).summary("All ground-rules versions")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "Every version, oldest first", Schema.list(GroundRulesStore.SUMMARY))
        .handle(call -> store.versions(call.communityId()).map(Reply::ok));
    api.get(base + "/versions/:version").id("getGroundRulesVersion").tag(TAG)
        .summary("One version with every consent round run on it; answers of its last closed round")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(Params.VERSION)
        .answers(200, "The version", GroundRulesStore.VERSION_WITH_ANSWERS)
        .handle(call -> store.versionWithAnswers(call.communityId(), call.version("version"), call.principal().accountId())
            .map(Reply::ok));
    api.get(base + "/diff").id("diffGroundRulesVersions").tag(TAG).summary("Differences between two ground-rules versions")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(Params.FROM).param(Params.TO)
        .answers(200, "Field by field, line by line", DIFF)
        .refuses(404, "No such community or version")
        .handle(this::diff);
    api.get(base + "/from-board").id("groundRulesFromBoard").tag(TAG)
        .summary("What members wrote on the co-design board, as texts in board order, to start draft rules from (never who wrote it)")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .answers(200, "The co-design board's groups and cards; board null when there is none yet", FROM_BOARD)
        .handle(this::fromBoard);
  }

  private static JsonObject example() {
    return new JsonObject().put("rules", new JsonArray().add("What is said here stays here").add("We listen without judging"))
        .put("cardNames", "named").put("releaseThreshold", 3)
        .put("safeguarding", "If someone is at risk of harm we follow the safeguarding procedure and say so.")
        .put("raiseConcern", "Speak to the facilitator.").put("cadence", "Monthly, 90 minutes")
        .put("agendaTemplate", "Check-in, storytelling, uncertainties, ideas, close");
  }

  /**
   * What members wrote on the co-design board, for the facilitator to start draft rules from:
   * its groups and cards in board order, as texts only (never who wrote them).
   */
  private Future<Reply> fromBoard(Call call) {
    return directory.list(call.communityId()).compose(list -> {
      var codesign = list.stream().filter(b -> BoardDirectory.CODESIGN_KIND.equals(b.kind())).findFirst();
      if (codesign.isEmpty()) {
        return Future.succeededFuture(Reply.ok(new JsonObject().putNull("board").put("groups", new JsonArray())
            .put("ungrouped", new JsonArray())));
      }
      return boards.load(codesign.get().id(), 0).map(loaded -> {
        BoardState state = loaded.map(BoardLog.Loaded::state).orElseGet(BoardState::new);
        Comparator<Card> byPosition = Comparator.comparing(Card::position).thenComparing(Card::id);
        JsonArray groups = new JsonArray();
        state.groups().values().stream().sorted(Comparator.comparing(Group::position).thenComparing(Group::id)).forEach(g ->
            groups.add(new JsonObject().put("id", g.id()).put("title", g.title()).put("cards", texts(state, g.id(), byPosition))));
        return Reply.ok(new JsonObject()
            .put("board", new JsonObject().put("id", codesign.get().id().toString()).put("title", codesign.get().title()))
            .put("groups", groups).put("ungrouped", texts(state, null, byPosition)));
      });
    });
  }

  private static JsonArray texts(BoardState state, String group, Comparator<Card> order) {
    JsonArray out = new JsonArray();
    state.cards().values().stream().filter(c -> java.util.Objects.equals(c.group(), group)).sorted(order)
        .forEach(c -> out.add(new JsonObject().put("id", c.id()).put("text", c.text())));
    return out;
  }

  private Future<Reply> saveDraft(Call call) {
    GroundRules rules = GroundRules.from(call.body());
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.saveDraft(community, rules, call.principal().accountId()))
        .map(version -> changed(community, Reply.ok(version.toJson())));
  }

  private Future<Reply> startRound(Call call) {
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.startRound(community))
        .map(version -> changed(community, Reply.ok(version.toJson())));
  }

  private Future<Reply> answer(Call call) {
    Given given = Given.from(call.body());
    UUID community = call.communityId();
    return store.answer(community, call.principal().accountId(), given)
        .compose(outcome -> outcome.ratified()
            ? onRatified.apply(community).otherwise((Void) null).map(outcome) : Future.succeededFuture(outcome))
        .map(outcome -> changed(community, Reply.ok(new JsonObject().put("version", outcome.version().version())
            .put("ratified", outcome.ratified()))));
  }

  private Future<Reply> proposeAmendment(Call call) {
    JsonBody body = call.body();
    GroundRules rules = GroundRules.from(body);
    String reason = body.string("reason");
    UUID community = call.communityId();
    return phases.require(community, DRAFTING)
        .compose(v -> store.proposeAmendment(community, rules, reason, call.principal().accountId()))
        .map(version -> changed(community, Reply.created(version.toJson())));
  }

  private Future<Reply> accept(Call call) {
    int version = call.body().integer("version");
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
