package org.circle.api;

import org.circle.community.Communities;
import io.vertx.core.Future;
import java.util.Set;
import java.util.UUID;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Creating communities, seeing my communities and my role, managing members. */
public final class CommunityRoutes {
  static final int MAX_NAME = 120;
  private final Communities communities;

  public CommunityRoutes(Communities communities) {
    this.communities = communities;
  }

  public void register(Api api) {
    api.post("/communities", Policy.CONVENER, this::create);
    api.get("/communities", Policy.SIGNED_IN, call -> communities.mine(call.principal().accountId()).map(Reply::ok));
    api.get("/communities/:communityId", Policy.ANY_MEMBER,
        call -> communities.one(call.principal().accountId(), call.communityId()).map(Reply::ok));
    // Names of members are room content: sponsors see only the count.
    api.get("/communities/:communityId/members", Policy.IN_THE_ROOM,
        call -> communities.members(call.communityId()).map(Reply::ok));
    api.delete("/communities/:communityId/members/:accountId", Policy.FACILITATOR, this::remove);
    api.delete("/communities/:communityId/membership", Policy.ANY_MEMBER, this::leave);
  }

  private Future<Reply> create(Call call) {
    String name = call.body(Set.of("name")).string("name", 1, MAX_NAME);
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
