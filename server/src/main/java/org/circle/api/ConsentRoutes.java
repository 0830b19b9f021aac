package org.circle.api;

import io.vertx.sqlclient.Pool;
import java.util.Optional;
import org.circle.community.Role;
import org.circle.consent.ConsentRounds;
import org.circle.consent.Subject;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.Schema;

/**
 * GET /communities/{id}/consent-rounds: the record of how the group agreed its rules, every round
 * on the ground rules and on changes to the mandate, with its answers, reasons and outcome. A
 * sponsor reads only the rounds on mandate changes, as counts: names and reasons stay in the room.
 */
public final class ConsentRoutes {
  static final Operation.Tag TAG = new Operation.Tag("consent",
      "The record of every consent round: how the group agreed its ground rules and changes to its mandate.");

  private final ConsentRounds rounds;
  private final Pool pool;

  public ConsentRoutes(ConsentRounds rounds, Pool pool) {
    this.rounds = rounds;
    this.pool = pool;
  }

  public void register(Api api) {
    api.get("/communities/:communityId/consent-rounds").id("listConsentRounds").tag(TAG)
        .summary("Every consent round, oldest first, with its answers, reasons and outcome (a sponsor: mandate rounds, counts only)")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "The record", Schema.list(ConsentRounds.RECORDED_ROUND))
        .handle(this::record);
  }

  private io.vertx.core.Future<Reply> record(Call call) {
    boolean sponsor = call.role().filter(r -> r == Role.SPONSOR).isPresent();
    return rounds.record(pool, call.communityId(), sponsor ? Optional.of(Subject.MANDATE) : Optional.empty(), Optional.empty(),
        call.principal().accountId(), !sponsor).map(Reply::ok);
  }
}
