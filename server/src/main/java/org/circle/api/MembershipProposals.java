package org.circle.api;

import org.circle.community.CommunityEvents;
import org.circle.community.Invitations;
import org.circle.community.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
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

/**
 * Who else should belong: members propose a person with a role and the reason (their expected
 * contribution, expertise and experience); the group decides in co-design, and an accepted
 * proposal becomes an invitation.
 */
public final class MembershipProposals {
  static final int MAX_TEXT = 1_000;
  private static final Set<Phase> OPEN_PHASES = Set.of(Phase.CODESIGN, Phase.SESSIONS, Phase.REVIEW);

  private static final String INSERT = """
      INSERT INTO membership_proposal (community_id, name, email, role, contribution, expertise, experience, proposed_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
      """;
  private static final String LIST = """
      SELECT p.id, p.name, p.email, p.role, p.contribution, p.expertise, p.experience, a.display_name, p.status, p.proposed_at
      FROM membership_proposal p LEFT JOIN account a ON a.id = p.proposed_by
      WHERE p.community_id = $1 ORDER BY p.proposed_at
      """;
  private static final String DECIDE = """
      UPDATE membership_proposal SET status = $3, decided_by = $4, decided_at = now()
      WHERE id = $1 AND community_id = $2 AND status = 'open' RETURNING role, email, name
      """;
  private static final String LINK = "UPDATE membership_proposal SET invitation_id = $2 WHERE id = $1";

  static final Operation.Tag TAG = new Operation.Tag("membership",
      "Who else should belong: proposed by members with the reason, decided by the facilitator.");
  private static final String NOT_NOW = "Proposals are made and decided in co-design and sessions";
  private static final Schema.Obj PROPOSAL = Schema.object()
      .required("name", Schema.text(1, 80))
      .optional("email", Schema.email())
      .required("role", Role.SCHEMA)
      .required("contribution", Schema.text(1, MAX_TEXT).describe("what they would bring"))
      .required("expertise", Schema.text(1, MAX_TEXT))
      .required("experience", Schema.text(1, MAX_TEXT))
      .named("NewMembershipProposal");
  private static final Schema.Text STATUS = Schema.oneOf("open", "accepted", "declined");
  private static final Schema.Obj PROPOSED = Schema.object()
      .required("id", Schema.uuid())
      .required("status", STATUS)
      .named("ProposedMember");
  private static final Schema.Obj LISTED = Schema.object()
      .required("id", Schema.uuid())
      .required("name", Schema.anyText())
      .required("email", Schema.anyText().orNull())
      .required("role", Role.SCHEMA)
      .required("contribution", Schema.anyText())
      .required("expertise", Schema.anyText())
      .required("experience", Schema.anyText())
      .required("proposedBy", Schema.anyText().orNull().describe("null once the proposer's account is deleted"))
      .required("status", STATUS)
      .required("proposedAt", Schema.dateTime())
      .named("MembershipProposal");
  private static final Schema.Obj DECISION = Schema.object()
      .required("decision", Schema.oneOf("accept", "decline"))
      .named("MembershipDecision");
  private static final Schema.Obj DECIDED = Schema.object()
      .required("status", Schema.oneOf("accepted", "declined"))
      .optional("invitationUrl", Schema.uri().describe("with accepted: the invitation's single-use link"))
      .optional("expiresAt", Schema.dateTime())
      .named("MembershipDecided");

  private final Pool pool;
  private final Invitations invitations;
  private final Phases phases;
  private final CommunityEvents events;
  private final String publicUrl;

  public MembershipProposals(Pool pool, Invitations invitations, Phases phases, CommunityEvents events, String publicUrl) {
    this.pool = pool;
    this.invitations = invitations;
    this.phases = phases;
    this.events = events;
    this.publicUrl = publicUrl;
  }

  public void register(Api api) {
    String base = "/communities/:communityId/membership-proposals";
    api.post(base).id("proposeMember").tag(TAG).summary("Propose someone to invite, with role and reason")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .body(PROPOSAL, new JsonObject().put("name", "Dee").put("role", "participant").put("contribution", "Night-shift view")
            .put("expertise", "Triage").put("experience", "10 years"))
        .answers(201, "Proposed", PROPOSED)
        .refuses(409, NOT_NOW)
        .handle(this::propose);
    api.get(base).id("listMembershipProposals").tag(TAG).summary("Membership proposals")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "Every proposal, oldest first", Schema.list(LISTED))
        .handle(this::list);
    api.post(base + "/:proposalId/decision").id("decideMembershipProposal").tag(TAG)
        .summary("Decide a proposal; accepting creates the invitation")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(Params.PROPOSAL)
        .body(DECISION, new JsonObject().put("decision", "accept"))
        .answers(200, "Decided", DECIDED)
        .refuses(404, "No such open proposal")
        .refuses(409, NOT_NOW)
        .handle(this::decide);
  }

  private Future<Reply> propose(Call call) {
    JsonBody body = call.body();
    String name = body.string("name");
    String email = body.optionalString("email").orElse(null);
    Role role = Role.parse(body.string("role")).orElseThrow();
    String contribution = body.string("contribution");
    String expertise = body.string("expertise");
    String experience = body.string("experience");
    UUID community = call.communityId();
    return phases.require(community, OPEN_PHASES)
        .compose(v -> pool.preparedQuery(INSERT).execute(Tuple.tuple().addUUID(community).addString(name).addString(email)
            .addString(role.wireName()).addString(contribution).addString(expertise).addString(experience)
            .addUUID(call.principal().accountId())))
        .map(rows -> {
          events.publish(community, "membership-proposals");
          return Reply.created(new JsonObject().put("id", rows.iterator().next().getUUID(0).toString()).put("status", "open"));
        });
  }

  private Future<Reply> list(Call call) {
    return pool.preparedQuery(LIST).execute(Tuple.of(call.communityId())).map(rows -> {
      JsonArray out = new JsonArray();
      for (Row r : rows) {
        out.add(new JsonObject().put("id", r.getUUID(0).toString()).put("name", r.getString(1)).put("email", r.getString(2))
            .put("role", r.getString(3)).put("contribution", r.getString(4)).put("expertise", r.getString(5))
            .put("experience", r.getString(6)).put("proposedBy", r.getString(7)).put("status", r.getString(8))
            .put("proposedAt", r.getOffsetDateTime(9).toString()));
      }
      return Reply.ok(out);
    });
  }

  private Future<Reply> decide(Call call) {
    String decision = call.body().string("decision");
    UUID community = call.communityId();
    UUID proposal = call.uuid("proposalId");
    UUID facilitator = call.principal().accountId();
    return phases.require(community, OPEN_PHASES)
        .compose(v -> pool.preparedQuery(DECIDE).execute(Tuple.of(proposal, community, decision.equals("accept") ? "accepted" : "declined", facilitator)))
        .compose(rows -> {
          if (rows.size() == 0) return Future.failedFuture(Refusal.notFound("That open proposal"));
          events.publish(community, "membership-proposals");
          if (decision.equals("decline")) return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "declined")));
          Row r = rows.iterator().next();
          Role role = Role.parse(r.getString(0)).orElseThrow();
          return invitations.create(community, role, r.getString(1), r.getString(2), facilitator).compose(created ->
              pool.preparedQuery(LINK).execute(Tuple.of(proposal, created.id())).map(x -> Reply.ok(new JsonObject()
                  .put("status", "accepted").put("invitationUrl", InvitationRoutes.invitationUrl(publicUrl, created.token()))
                  .put("expiresAt", created.expiresAt().toString()))));
        });
  }
}
