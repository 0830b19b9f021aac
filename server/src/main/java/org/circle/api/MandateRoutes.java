package org.circle.api;

import org.circle.mandate.Mandate;
import org.circle.mandate.Mandates;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.circle.community.CommunityEvents;
import org.circle.community.Role;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.text.LineDiff;

/** Phase 1: the facilitator drafts the mandate with the sponsor; the sponsor signs it off. */
public final class MandateRoutes {
  private static final Policy DRAFTERS = new Policy.Member(java.util.EnumSet.of(Role.FACILITATOR, Role.SPONSOR));
  private static final Policy SPONSOR = new Policy.Member(java.util.EnumSet.of(Role.SPONSOR));

  static final Operation.Tag TAG = new Operation.Tag("mandate",
      "Phase 1: the mandate the sponsor authorises and signs off, versioned.");
  private static final String NOT_NOW = "Not possible in the community's current phase or state";

  private final Mandates mandates;
  private final Phases phases;
  private final CommunityEvents events;

  public MandateRoutes(Mandates mandates, Phases phases, CommunityEvents events) {
    this.mandates = mandates;
    this.phases = phases;
    this.events = events;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/mandate";
    api.get(base).id("getMandate").tag(TAG).summary("The mandate: latest version and which version is in force")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "The mandate", Mandates.CURRENT)
        .handle(call -> mandates.current(call.communityId()).map(Reply::ok));
    api.put(base).id("saveMandate").tag(TAG)
        .summary("Save the mandate text (edits the draft; after a sign-off starts a new version that needs signing again)")
        .allow(DRAFTERS).param(Params.COMMUNITY)
        .body(Mandate.SCHEMA, example())
        .answers(200, "The mandate as saved", Mandates.CURRENT)
        .refuses(409, NOT_NOW)
        .handle(this::save);
    api.post(base + "/sign-off").id("signOffMandate").tag(TAG)
        .summary("Sign off the latest mandate version (sponsor); who and when are recorded")
        .allow(SPONSOR).param(Params.COMMUNITY)
        .body(GroundRulesRoutes.VERSION, new JsonObject().put("version", 1))
        .answers(200, "Signed off", Mandates.CURRENT)
        .refuses(409, "No such version to sign, not the latest, already signed, or not possible in the current phase")
        .handle(this::signOff);
    api.get(base + "/versions").id("listMandateVersions").tag(TAG).summary("All mandate versions with their sign-offs")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "Every version, oldest first", Schema.list(Mandates.SUMMARY))
        .handle(call -> mandates.versions(call.communityId()).map(Reply::ok));
    api.get(base + "/versions/:version").id("getMandateVersion").tag(TAG).summary("One mandate version")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY).param(Params.VERSION)
        .answers(200, "The version", Mandates.VERSION)
        .handle(call -> mandates.version(call.communityId(), call.version("version")).map(Reply::ok));
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

  private Future<Reply> save(Call call) {
    Mandate mandate = Mandate.from(call.body());
    UUID community = call.communityId();
    return phases.require(community, Set.of(Phase.SPONSOR, Phase.CODESIGN, Phase.SESSIONS))
        .compose(v -> mandates.save(community, mandate, call.principal().accountId()))
        .compose(version -> mandates.current(community))
        .map(current -> {
          events.publish(community, "mandate");
          return Reply.ok(current);
        });
  }

  private Future<Reply> signOff(Call call) {
    UUID community = call.communityId();
    int version = call.body().integer("version");
    return phases.require(community, Set.of(Phase.SPONSOR, Phase.CODESIGN, Phase.SESSIONS))
        .compose(v -> mandates.signOff(community, version, call.principal()))
        .compose(v -> mandates.current(community))
        .map(current -> {
          events.publish(community, "mandate");
          return Reply.ok(current);
        });
  }

  private Future<Reply> diff(Call call) {
    UUID community = call.communityId();
    int a = call.version("from");
    int b = call.version("to");
    return Future.all(mandates.version(community, a), mandates.version(community, b)).map(all -> {
      JsonObject before = all.resultAt(0);
      JsonObject after = all.resultAt(1);
      return Reply.ok(new JsonObject().put("from", a).put("to", b)
          .put("fields", LineDiff.fields(before, after, Mandate.FIELDS)));
    });
  }
}
