package org.circle.api;

import org.circle.mandate.Mandate;
import org.circle.mandate.Mandates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.circle.community.Communities;
import org.circle.community.CommunityEvents;
import org.circle.community.Mailer;
import org.circle.community.Role;
import org.circle.consent.Given;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.text.LineDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase 1: the facilitator drafts the mandate with the sponsor; the sponsor signs it off. Once
 * co-design has begun a change is a proposal: the sponsor signs it, the facilitator agrees, and
 * everyone in the room is told and asked for consent; only then does it come into force.
 */
public final class MandateRoutes {
  private static final Logger log = LoggerFactory.getLogger(MandateRoutes.class);
  private static final Policy DRAFTERS = new Policy.Member(java.util.EnumSet.of(Role.FACILITATOR, Role.SPONSOR));
  private static final Policy SPONSOR = new Policy.Member(java.util.EnumSet.of(Role.SPONSOR));
  private static final Set<Phase> OPEN = Set.of(Phase.SPONSOR, Phase.CODESIGN, Phase.SESSIONS, Phase.REVIEW);

  static final Operation.Tag TAG = new Operation.Tag("mandate",
      "Phase 1: the mandate the sponsor authorises and signs off, versioned. After co-design begins, a change"
          + " needs the facilitator's agreement and the members' consent.");
  private static final String NOT_NOW = "Not possible in the community's current phase or state";
  private static final Schema.Obj ANSWERED = Schema.object()
      .required("version", Schema.whole(1, Integer.MAX_VALUE))
      .required("inForce", Schema.bool().describe("true when this answer completed the round and the change is in force"))
      .named("MandateChangeAnswered");

  private final Mandates mandates;
  private final Phases phases;
  private final CommunityEvents events;
  private final Communities communities;
  private final Mailer mailer;
  private final String publicUrl;

  public MandateRoutes(Mandates mandates, Phases phases, CommunityEvents events, Communities communities, Mailer mailer,
                       String publicUrl) {
    this.mandates = mandates;
    this.phases = phases;
    this.events = events;
    this.communities = communities;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/mandate";
    JsonObject version1 = new JsonObject().put("version", 1);
    api.get(base).id("getMandate").tag(TAG)
        .summary("The mandate: the version in force, the latest version, and a proposed change with where it stands")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "The mandate", Mandates.CURRENT)
        .handle(call -> mandates.current(call.communityId(), reader(call)).map(Reply::ok));
    api.put(base).id("saveMandate").tag(TAG)
        .summary("Save the mandate text (before co-design: edits the draft, or starts a new version to sign; after: proposes a change)")
        .allow(DRAFTERS).param(Params.COMMUNITY)
        .body(Mandate.SCHEMA, example())
        .answers(200, "The mandate as saved", Mandates.CURRENT)
        .refuses(409, NOT_NOW)
        .handle(this::save);
    api.post(base + "/sign-off").id("signOffMandate").tag(TAG)
        .summary("Sign off the latest mandate version (sponsor); who and when are recorded")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .body(GroundRulesRoutes.VERSION, version1)
        .answers(200, "Signed off", Mandates.CURRENT)
        .refuses(409, "No such version to sign, not the latest, already signed, or not possible in the current phase")
        .handle(this::signOff);
    api.post(base + "/agree").id("agreeToMandateChange").tag(TAG)
        .summary("Agree to a change the sponsor signed (facilitator): everyone in the room is told and asked for consent")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(GroundRulesRoutes.VERSION, version1)
        .answers(200, "Agreed; the consent round is open", Mandates.CURRENT)
        .refuses(409, "Not a proposed change, not signed by the sponsor yet, already agreed, or not the latest")
        .handle(this::agree);
    api.post(base + "/consent").id("answerMandateChange").tag(TAG)
        .summary("Answer on a proposed change to the mandate: agree, concern (with a note) or object (with a reason)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(Given.SCHEMA, new JsonObject().put("answer", "agree"))
        .answers(200, "Answered", ANSWERED)
        .refuses(409, "No consent round is running on a change to the mandate")
        .handle(this::answer);
    api.post(base + "/withdraw").id("withdrawMandateChange").tag(TAG)
        .summary("Withdraw a proposed change that is not in force (sponsor or facilitator); the version in force stays")
        .allow(DRAFTERS).param(Params.COMMUNITY)
        .body(GroundRulesRoutes.VERSION, version1)
        .answers(200, "Withdrawn", Mandates.CURRENT)
        .refuses(409, "Not a proposed change that can be withdrawn, or not the latest")
        .handle(this::withdraw);
    api.get(base + "/versions").id("listMandateVersions").tag(TAG).summary("All mandate versions with their sign-offs")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "Every version, oldest first", Schema.list(Mandates.SUMMARY))
        .handle(call -> mandates.versions(call.communityId(), reader(call)).map(Reply::ok));
    api.get(base + "/versions/:version").id("getMandateVersion").tag(TAG).summary("One mandate version")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY).param(Params.VERSION)
        .answers(200, "The version", Mandates.VERSION)
        .handle(call -> mandates.version(call.communityId(), call.version("version"), reader(call)).map(Reply::ok));
    api.get(base + "/diff").id("diffMandateVersions").tag(TAG).summary("Differences between two mandate versions, field by field")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY).param(Params.FROM).param(Params.TO)
        .answers(200, "Field by field, line by line", GroundRulesRoutes.DIFF)
        .refuses(404, "No such community or version")
        .handle(this::diff);
  }

  private static JsonObject example() {
    JsonObject example = new JsonObject();
    Mandate.FIELDS.forEach(field -> example.put(field, "Example text for " + field));
    return example;
  }

  private static Mandates.Reader reader(Call call) {
    return new Mandates.Reader(call.principal().accountId(), call.role().filter(r -> r != Role.SPONSOR).isPresent());
  }

  private Future<Reply> save(Call call) {
    Mandate mandate = Mandate.from(call.body());
    UUID community = call.communityId();
    return phases.require(community, OPEN)
        // Once co-design has begun, the mandate belongs to the group too: a change is a proposal.
        .compose(phase -> mandates.save(community, mandate, call.principal().accountId(), phase != Phase.SPONSOR))
        .compose(version -> changed(call));
  }

  private Future<Reply> signOff(Call call) {
    UUID community = call.communityId();
    int version = call.body().integer("version");
    return phases.require(community, OPEN)
        .compose(v -> mandates.signOff(community, version, call.principal()))
        .compose(v -> changed(call));
  }

  private Future<Reply> agree(Call call) {
    UUID community = call.communityId();
    int version = call.body().integer("version");
    return phases.require(community, OPEN)
        .compose(v -> mandates.agree(community, version, call.principal()))
        .compose(round -> {
          tellTheRoom(community, version);
          return changed(call);
        });
  }

  private Future<Reply> answer(Call call) {
    Given given = Given.from(call.body());
    UUID community = call.communityId();
    return mandates.answer(community, call.principal().accountId(), given).map(answered -> {
      events.publish(community, "mandate");
      return Reply.ok(new JsonObject().put("version", answered.version()).put("inForce", answered.inForce()));
    });
  }

  private Future<Reply> withdraw(Call call) {
    UUID community = call.communityId();
    int version = call.body().integer("version");
    return mandates.withdraw(community, version).compose(v -> changed(call));
  }

  private Future<Reply> changed(Call call) {
    events.publish(call.communityId(), "mandate");
    return mandates.current(call.communityId(), reader(call)).map(Reply::ok);
  }

  /** When SMTP is set, everyone in the room gets an email; the page shows the change either way. */
  private void tellTheRoom(UUID community, int version) {
    String url = publicUrl + "#/community/" + community;
    communities.room(community).onSuccess(room -> room.emails().forEach(email ->
            mailer.sendMandateProposal(email, room.communityName(), version, url)
                .onFailure(err -> log.warn("Could not email a member about a mandate change: {}", err.getClass().getSimpleName()))))
        .onFailure(err -> log.warn("Could not list the members to tell about a mandate change: {}", err.getClass().getSimpleName()));
  }

  private Future<Reply> diff(Call call) {
    UUID community = call.communityId();
    int a = call.version("from");
    int b = call.version("to");
    return Future.all(mandates.version(community, a, reader(call)), mandates.version(community, b, reader(call))).map(all -> {
      JsonObject before = all.resultAt(0);
      JsonObject after = all.resultAt(1);
      return Reply.ok(new JsonObject().put("from", a).put("to", b)
          .put("fields", LineDiff.fields(before, after, Mandate.FIELDS)));
    });
  }
}
