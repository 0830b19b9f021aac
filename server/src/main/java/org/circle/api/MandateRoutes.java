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
import org.circle.http.Policy;
import org.circle.http.Reply;
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
  private static final Set<Phase> OPEN = Set.of(Phase.SPONSOR, Phase.CODESIGN, Phase.SESSIONS);

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
    api.get("/communities/:communityId/mandate", Policy.ANY_MEMBER, call -> mandates.current(call.communityId(), reader(call)).map(Reply::ok));
    api.put("/communities/:communityId/mandate", DRAFTERS, this::save);
    api.post("/communities/:communityId/mandate/sign-off", SPONSOR, this::signOff);
    api.post("/communities/:communityId/mandate/agree", Policy.FACILITATOR, this::agree);
    api.post("/communities/:communityId/mandate/consent", Policy.IN_THE_ROOM, this::answer);
    api.post("/communities/:communityId/mandate/withdraw", DRAFTERS, this::withdraw);
    api.get("/communities/:communityId/mandate/versions", Policy.ANY_MEMBER,
        call -> mandates.versions(call.communityId()).map(Reply::ok));
    api.get("/communities/:communityId/mandate/versions/:version", Policy.ANY_MEMBER,
        call -> mandates.version(call.communityId(), call.version("version")).map(Reply::ok));
    api.get("/communities/:communityId/mandate/diff", Policy.ANY_MEMBER, this::diff);
  }

  private static Mandates.Reader reader(Call call) {
    return new Mandates.Reader(call.principal().accountId(), call.role().filter(r -> r != Role.SPONSOR).isPresent());
  }

  private Future<Reply> save(Call call) {
    Mandate mandate = Mandate.from(call.body(Mandate.fieldSet()));
    UUID community = call.communityId();
    return phases.require(community, OPEN)
        // Once co-design has begun, the mandate belongs to the group too: a change is a proposal.
        .compose(phase -> mandates.save(community, mandate, call.principal().accountId(), phase != Phase.SPONSOR))
        .compose(version -> changed(call));
  }

  private Future<Reply> signOff(Call call) {
    UUID community = call.communityId();
    int version = call.body(Set.of("version")).integer("version", 1, Integer.MAX_VALUE);
    return phases.require(community, OPEN)
        .compose(v -> mandates.signOff(community, version, call.principal()))
        .compose(v -> changed(call));
  }

  private Future<Reply> agree(Call call) {
    UUID community = call.communityId();
    int version = call.body(Set.of("version")).integer("version", 1, Integer.MAX_VALUE);
    return phases.require(community, OPEN)
        .compose(v -> mandates.agree(community, version, call.principal()))
        .compose(round -> {
          tellTheRoom(community, version);
          return changed(call);
        });
  }

  private Future<Reply> answer(Call call) {
    Given given = Given.from(call.body(Given.FIELDS));
    UUID community = call.communityId();
    return mandates.answer(community, call.principal().accountId(), given).map(answered -> {
      events.publish(community, "mandate");
      return Reply.ok(new JsonObject().put("version", answered.version()).put("inForce", answered.inForce()));
    });
  }

  private Future<Reply> withdraw(Call call) {
    UUID community = call.communityId();
    int version = call.body(Set.of("version")).integer("version", 1, Integer.MAX_VALUE);
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
    return Future.all(mandates.version(community, a), mandates.version(community, b)).map(all -> {
      JsonObject before = all.resultAt(0);
      JsonObject after = all.resultAt(1);
      return Reply.ok(new JsonObject().put("from", a).put("to", b)
          .put("fields", LineDiff.fields(before, after, Mandate.FIELDS)));
    });
  }
}
