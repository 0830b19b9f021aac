package org.circle.api;

import org.circle.lifecycle.Phase;
import org.circle.lifecycle.Phases;
import org.circle.review.Pulses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import org.circle.board.BoardDirectory;
import org.circle.community.CommunityEvents;
import org.circle.groundrules.GroundRulesStore;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;
import org.circle.mandate.Mandates;

/**
 * The facilitator moves the community on; the server refuses a step whose conditions are unmet:
 * no co-design before the sponsor signs off the mandate, no sessions before ground rules are
 * ratified, no review before sessions. Sessions may return to co-design to amend the ground rules,
 * a review may go back to sessions for another cycle; an archive is final.
 */
public final class PhaseRoutes {
  private static final Operation.Tag TAG = new Operation.Tag("lifecycle",
      "The phases a community moves through: sponsor, co-design, sessions, review, archive.");
  private static final Schema.Obj PHASE = Schema.object().required("phase", Phase.SCHEMA).named("PhaseOfCommunity");

  private final Pool pool;
  private final Phases phases;
  private final Mandates mandates;
  private final GroundRulesStore groundRules;
  private final CommunityEvents events;

  public PhaseRoutes(Pool pool, Phases phases, Mandates mandates, GroundRulesStore groundRules, CommunityEvents events) {
    this.pool = pool;
    this.phases = phases;
    this.mandates = mandates;
    this.groundRules = groundRules;
    this.events = events;
  }

  public void register(Api api) {
    api.put("/communities/:communityId/phase").id("movePhase").tag(TAG)
        .summary("Move the community to another phase; refused with the reason while its conditions are unmet")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(PHASE, new JsonObject().put("phase", "archived"))
        .answers(200, "The phase the community is now in", PHASE)
        .refuses(409, "The step's conditions are unmet (the reason says which), or the community is archived")
        .handle(this::move);
  }

  private Future<Reply> move(Call call) {
    Phase to = Phase.parse(call.body().string("phase")).orElseThrow();
    UUID community = call.communityId();
    UUID facilitator = call.principal().accountId();
    return pool.withTransaction(tx -> phases.current(tx, community).compose(from -> check(tx, community, from, to)
            .compose(v -> phases.set(tx, community, to))
            // The archive is final: a pulse or process check still open closes, and its results show.
            .compose(v -> to == Phase.ARCHIVED ? Pulses.closeAll(tx, community) : Future.succeededFuture())
            // Co-design opens with its question on a live board that members fill in together.
            .compose(v -> to == Phase.CODESIGN ? BoardDirectory.ensureCodesignBoard(tx, community, facilitator) : Future.succeededFuture())))
        .map(v -> {
          events.publish(community, "phase");
          if (to == Phase.ARCHIVED) events.publish(community, "reflection");
          return Reply.ok(new JsonObject().put("phase", to.wireName()));
        });
  }

  private Future<Void> check(io.vertx.sqlclient.SqlClient tx, UUID community, Phase from, Phase to) {
    if (from == Phase.ARCHIVED) return refuse("The community is archived; it can no longer change.");
    if (from == to) return Future.succeededFuture();
    return switch (to) {
      case SPONSOR -> refuse("A community cannot go back to the sponsor phase; change the mandate instead (the sponsor signs again).");
      // From the sponsor phase, the latest text must be signed; after that a proposed change to the
      // mandate waits for the members' consent while the version in force carries on.
      case CODESIGN -> from == Phase.SPONSOR
          ? mandates.latestSigned(tx, community).compose(signed -> signed ? Future.succeededFuture()
              : refuse("Co-design starts once the sponsor has signed off the latest version of the mandate."))
          : mandates.inForce(tx, community).compose(force -> force.isPresent() ? Future.succeededFuture()
              : refuse("There is no mandate in force."));
      case SESSIONS -> {
        if (from != Phase.CODESIGN && from != Phase.REVIEW) yield refuse("Sessions start after co-design, or again after a review.");
        yield Future.all(mandates.inForce(tx, community), groundRules.inForce(tx, community)).compose(all -> {
          if (all.<java.util.Optional<?>>resultAt(0).isEmpty()) return refuse("The mandate needs the sponsor's sign-off first.");
          if (all.<java.util.Optional<?>>resultAt(1).isEmpty()) return refuse("Sessions start once the ground rules are ratified by consent.");
          return Future.succeededFuture();
        });
      }
      case REVIEW -> from == Phase.SESSIONS ? Future.succeededFuture() : refuse("The review follows facilitated sessions.");
      case ARCHIVED -> Future.succeededFuture();
    };
  }

  private static Future<Void> refuse(String reason) {
    return Future.failedFuture(Refusal.conflict(reason));
  }
}
