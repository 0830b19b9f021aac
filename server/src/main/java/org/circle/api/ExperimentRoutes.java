package org.circle.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.circle.community.CommunityEvents;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Operation.Parameter;
import org.circle.http.Policy;
import org.circle.http.Reply;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.session.Experiments;
import org.circle.session.SessionEvents;

/**
 * Ideas become experiments, made by anyone in the room; due experiments come back on the agenda
 * of every session until the group records what happened and what it learned.
 */
public final class ExperimentRoutes {
  static final Parameter EXPERIMENT = Parameter.path("experimentId", Schema.uuid(), "The experiment");

  private final Experiments experiments;
  private final SessionEvents sessionEvents;
  private final CommunityEvents communityEvents;
  private final Function<Call, Future<Void>> consent;

  public ExperimentRoutes(Experiments experiments, SessionEvents sessionEvents, CommunityEvents communityEvents,
                          Function<Call, Future<Void>> consent) {
    this.experiments = experiments;
    this.sessionEvents = sessionEvents;
    this.communityEvents = communityEvents;
    this.consent = consent;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/experiments";
    api.post(base).id("createExperiment").tag(SessionRoutes.TAG)
        .summary("Make an idea an experiment: a question, its owners, dates, what to observe and when to bring it back")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(Experiments.NEW, new JsonObject().put("question", "Does a ten-minute huddle after handover catch what gets missed?")
            .put("owners", new JsonArray().add("4b6f2c1e-0d5a-4e8b-9a3c-7f1e2d3c4b5a")).put("startsOn", "2026-03-06").put("endsOn", "2026-03-27")
            .put("observe", "What the huddle catches that the notes did not").put("bringBackOn", "2026-04-02"))
        .answers(201, "The experiment", Experiments.SCHEMA)
        .refuses(404, "The board is not one of this community's")
        .refuses(409, "The member has not yet agreed to the ground rules in force")
        .handle(this::create);
    api.get(base).id("listExperiments").tag(SessionRoutes.TAG).summary("The community's experiments, open and done")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "The experiments", Schema.object().required("experiments", Schema.list(Experiments.SCHEMA)).named("ExperimentList"))
        .refuses(409, "The member has not yet agreed to the ground rules in force")
        .handle(this::list);
    api.put(base + "/:experimentId/outcome").id("recordExperimentOutcome").tag(SessionRoutes.TAG)
        .summary("Record what happened and what the group learned; the experiment leaves the agendas")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY).param(EXPERIMENT)
        .body(Experiments.OUTCOME, new JsonObject().put("happened", "We ran it for three weeks").put("learned", "Five minutes is enough"))
        .answers(200, "The experiment", Experiments.SCHEMA)
        .refuses(404, "No such experiment in this community")
        .refuses(409, "The member has not yet agreed to the ground rules in force")
        .handle(this::record);
  }

  private Future<Reply> create(Call call) {
    Experiments.NewExperiment e = Experiments.NewExperiment.from(call.body());
    UUID community = call.communityId();
    return consent.apply(call).compose(v -> experiments.create(community, call.principal().accountId(), e))
        .compose(id -> experiments.one(community, id))
        .compose(json -> changed(community).map(Reply.created(json)));
  }

  private Future<Reply> list(Call call) {
    return consent.apply(call).compose(v -> experiments.list(call.communityId()))
        .map(list -> Reply.ok(new JsonObject().put("experiments", list)));
  }

  private Future<Reply> record(Call call) {
    JsonBody body = call.body();
    UUID community = call.communityId();
    UUID id = call.uuid("experimentId");
    return consent.apply(call).compose(v -> experiments.record(community, id, body.string("happened"), body.string("learned")))
        .compose(json -> changed(community).map(Reply.ok(json)));
  }

  /** The sessions showing experiments re-read them; their version does not change (the agenda did not). */
  private Future<Void> changed(UUID community) {
    communityEvents.publish(community, "experiments");
    return experiments.openSessions(community).map(ids -> {
      ids.forEach(sessionEvents::touched);
      return null;
    });
  }
}
