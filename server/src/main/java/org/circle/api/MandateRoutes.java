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
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.text.LineDiff;

/** Phase 1: the facilitator drafts the mandate with the sponsor; the sponsor signs it off. */
public final class MandateRoutes {
  private static final Policy DRAFTERS = new Policy.Member(java.util.EnumSet.of(Role.FACILITATOR, Role.SPONSOR));
  private static final Policy SPONSOR = new Policy.Member(java.util.EnumSet.of(Role.SPONSOR));

  private final Mandates mandates;
  private final Phases phases;
  private final CommunityEvents events;

  public MandateRoutes(Mandates mandates, Phases phases, CommunityEvents events) {
    this.mandates = mandates;
    this.phases = phases;
    this.events = events;
  }

  public void register(Api api) {
    api.get("/communities/:communityId/mandate", Policy.ANY_MEMBER, call -> mandates.current(call.communityId()).map(Reply::ok));
    api.put("/communities/:communityId/mandate", DRAFTERS, this::save);
    api.post("/communities/:communityId/mandate/sign-off", SPONSOR, this::signOff);
    api.get("/communities/:communityId/mandate/versions", Policy.ANY_MEMBER,
        call -> mandates.versions(call.communityId()).map(Reply::ok));
    api.get("/communities/:communityId/mandate/versions/:version", Policy.ANY_MEMBER,
        call -> mandates.version(call.communityId(), call.version("version")).map(Reply::ok));
    api.get("/communities/:communityId/mandate/diff", Policy.ANY_MEMBER, this::diff);
  }

  private Future<Reply> save(Call call) {
    Mandate mandate = Mandate.from(call.body(Mandate.fieldSet()));
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
    int version = call.body(Set.of("version")).integer("version", 1, Integer.MAX_VALUE);
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
