package org.circle.api;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Arrays;
import java.util.Optional;
import org.circle.community.Role;
import org.circle.consent.ConsentRounds;
import org.circle.consent.Subject;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;

/**
 * GET /communities/{id}/consent-rounds: the record of how the group agreed its rules, every round
 * with its answers, reasons and outcome. A sponsor reads only the rounds on mandate changes, as
 * counts: names and reasons stay in the room.
 */
public final class ConsentRoutes {
  private final ConsentRounds rounds;
  private final Pool pool;

  public ConsentRoutes(ConsentRounds rounds, Pool pool) {
    this.rounds = rounds;
    this.pool = pool;
  }

  public void register(Api api) {
    api.get("/communities/:communityId/consent-rounds", Policy.ANY_MEMBER, this::record);
  }

  private Future<Reply> record(Call call) {
    String wanted = call.ctx().queryParams().get("subject");
    Optional<Subject> subject = wanted == null ? Optional.empty() : Optional.of(Arrays.stream(Subject.values())
        .filter(s -> s.wireName().equals(wanted)).findFirst()
        .orElseThrow(() -> Refusal.invalid("Ask for the rounds on ground_rules or on the mandate.")));
    boolean sponsor = call.role().filter(r -> r == Role.SPONSOR).isPresent();
    if (sponsor) subject = Optional.of(Subject.MANDATE);
    return rounds.record(pool, call.communityId(), subject, Optional.empty(), call.principal().accountId(), !sponsor)
        .map(Reply::ok);
  }
}
