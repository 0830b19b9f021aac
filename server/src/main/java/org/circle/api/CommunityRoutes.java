package org.circle.api;

import org.circle.community.Communities;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.circle.community.Role;
import org.circle.input.Schema;
import org.circle.lifecycle.Phase;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Creating communities, seeing my communities and my role, managing members. */
public final class CommunityRoutes {
  static final int MAX_NAME = 120;
  static final Operation.Tag TAG = new Operation.Tag("community",
      "Communities, my role in each, their members, and their live changes.");
  /** One of my communities, with my role in it. */
  static final Schema.Obj SUMMARY = Schema.object()
      .required("id", Schema.uuid())
      .required("name", Schema.anyText())
      .required("phase", Phase.SCHEMA)
      .required("role", Role.SCHEMA.describe("my role in it"))
      .required("memberCount", Schema.whole(0, Long.MAX_VALUE))
      .named("CommunitySummary");
  private static final Schema.Obj NEW_COMMUNITY = Schema.object()
      .required("name", Schema.text(1, MAX_NAME))
      .named("NewCommunity");
  private static final String LAST_FACILITATOR = "It would leave the community without a facilitator";

  private final Communities communities;

  public CommunityRoutes(Communities communities) {
    this.communities = communities;
  }

  public void register(Api api) {
    api.post("/communities").id("createCommunity").tag(TAG).summary("Convene a new community (I become its facilitator)")
        .allow(Policy.CONVENER)
        .body(NEW_COMMUNITY, new JsonObject().put("name", "Night shift nurses"))
        .answers(201, "The new community", SUMMARY)
        .handle(this::create);
    api.get("/communities").id("listMyCommunities").tag(TAG).summary("My communities and my role in each")
        .allow(Policy.SIGNED_IN)
        .answers(200, "My communities, by name", Schema.list(SUMMARY))
        .handle(call -> communities.mine(call.principal().accountId()).map(Reply::ok));
    api.get("/communities/:communityId").id("getCommunity").tag(TAG).summary("One of my communities")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answers(200, "The community and my role in it", SUMMARY)
        .handle(call -> communities.one(call.principal().accountId(), call.communityId()).map(Reply::ok));
    // Names of members are room content: sponsors see only the count.
    api.get("/communities/:communityId/members").id("listMembers").tag(TAG).summary("Members and their roles (not for sponsors)")
        .allow(Policy.IN_THE_ROOM).param(Params.COMMUNITY)
        .answers(200, "The members, by role and name", Schema.list(Communities.MEMBER))
        .handle(call -> communities.members(call.communityId()).map(Reply::ok));
    api.delete("/communities/:communityId/members/:accountId").id("removeMember").tag(TAG).summary("Remove a member")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(Params.ACCOUNT)
        .answersEmpty(204, "Removed")
        .refuses(400, "That is me: leave instead")
        .refuses(404, "That person is not a member")
        .refuses(409, LAST_FACILITATOR)
        .handle(this::remove);
    api.delete("/communities/:communityId/membership").id("leaveCommunity").tag(TAG).summary("Leave the community")
        .allow(Policy.ANY_MEMBER).param(Params.COMMUNITY)
        .answersEmpty(204, "Left")
        .refuses(409, LAST_FACILITATOR)
        .handle(this::leave);
  }

  private Future<Reply> create(Call call) {
    String name = call.body().string("name");
    return communities.create(name, call.principal().accountId()).map(Reply::created);
  }

  private Future<Reply> remove(Call call) {
    UUID member = call.uuid("accountId");
    if (member.equals(call.principal().accountId())) {
      throw Refusal.invalid("To leave the community yourself, use leave instead of remove.");
    }
    return communities.remove(call.communityId(), member).map(v -> Reply.noContent());
  }

  private Future<Reply> leave(Call call) {
    return communities.remove(call.communityId(), call.principal().accountId()).map(v -> Reply.noContent());
  }

}
