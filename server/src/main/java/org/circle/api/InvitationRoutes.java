package org.circle.api;

import org.circle.community.Communities;
import org.circle.community.CommunityEvents;
import org.circle.community.Invitations;
import org.circle.community.Mailer;
import org.circle.community.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.Set;
import org.circle.account.Accounts;
import org.circle.account.PasswordHasher;
import org.circle.account.Principal;
import org.circle.account.Sessions;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Facilitators invite people with a role; an invited person accepts with the link's secret token. */
public final class InvitationRoutes {
  /** A facilitator's note on an invitation: whom it is for. */
  static final int MAX_NOTE = 80;
  private final Pool pool;
  private final Invitations invitations;
  private final Communities communities;
  private final Accounts accounts;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final Mailer mailer;
  private final String publicUrl;
  private final CommunityEvents events;

  public InvitationRoutes(Pool pool, Invitations invitations, Communities communities, Accounts accounts,
                          Sessions sessions, PasswordHasher hasher, Mailer mailer, String publicUrl, CommunityEvents events) {
    this.events = events;
    this.pool = pool;
    this.invitations = invitations;
    this.communities = communities;
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.mailer = mailer;
    this.publicUrl = publicUrl;
  }

  public void register(Api api) {
    api.post("/communities/:communityId/invitations", Policy.FACILITATOR, this::invite);
    api.get("/communities/:communityId/invitations", Policy.FACILITATOR,
        call -> invitations.pending(call.communityId()).map(Reply::ok));
    api.delete("/communities/:communityId/invitations/:invitationId", Policy.FACILITATOR,
        call -> invitations.revoke(call.communityId(), call.uuid("invitationId"))
            .map(done -> {
              if (!done) throw Refusal.notFound("That pending invitation");
              events.publish(call.communityId(), "invitations");
              return Reply.noContent();
            }));
    api.get("/invitations/:token", Policy.ANYONE, call -> invitations.preview(call.param("token"))
        .map(found -> Reply.ok(found.orElseThrow(() -> Refusal.notFound("That invitation")))));
    api.post("/invitations/:token/accept", Policy.ANYONE, this::accept);
  }

  public static String invitationUrl(String publicUrl, String token) {
    return publicUrl + "#/invitation/" + token;
  }

  private Future<Reply> invite(Call call) {
    JsonBody body = call.body(Set.of("role", "email", "note"));
    String roleName = body.string("role", 1, 20);
    Role role = Role.parse(roleName).orElseThrow(() ->
        Refusal.invalid("Field 'role' must be participant, facilitator or sponsor."));
    Optional<String> email = body.optionalEmail("email");
    String note = body.optionalString("note", 1, MAX_NOTE).orElse(null);
    return invitations.create(call.communityId(), role, email.orElse(null), note, call.principal().accountId())
        .compose(created -> {
          events.publish(call.communityId(), "invitations");
          String url = invitationUrl(publicUrl, created.token());
          JsonObject out = new JsonObject().put("id", created.id().toString()).put("role", role.wireName())
              .put("email", email.orElse(null)).put("note", note).put("url", url).put("expiresAt", created.expiresAt().toString());
          if (email.isEmpty()) return Future.succeededFuture(Reply.created(out.put("emailed", false)));
          return communities.one(call.principal().accountId(), call.communityId())
              .compose(c -> mailer.sendInvitation(email.get(), c.getString("name"), role, url))
              .recover(err -> Future.succeededFuture(false))
              .map(sent -> Reply.created(out.put("emailed", sent)));
        });
  }

  /**
   * A signed-in person joins with their account. Someone new sends their name, email and a
   * password: the account is created, the invitation used and the person signed in, in one
   * transaction.
   */
  private Future<Reply> accept(Call call) {
    String token = call.param("token");
    JsonBody body = call.body(Set.of("email", "displayName", "password"));
    if (call.caller().isPresent()) {
      Principal me = call.caller().get();
      return pool.withTransaction(tx -> claim(tx, token, me).map(claimed -> joined(claimed, me)))
          .map(json -> Reply.ok(announce(json)));
    }
    String email = body.email("email");
    String name = body.string("displayName", 1, AccountRoutes.MAX_NAME);
    String password = body.string("password", AccountRoutes.MIN_PASSWORD, AccountRoutes.MAX_PASSWORD);
    return hasher.hash(password).compose(hash -> pool.withTransaction(tx ->
        accounts.create(tx, email, name, hash, false, false).compose(me -> claim(tx, token, me)
            .compose(claimed -> sessions.issue(tx, me).map(issued -> {
              call.ctx().response().addCookie(sessions.cookie(issued.token()));
              return joined(claimed, me).put("account", AccountRoutes.toJson(me))
                  .put("csrfToken", issued.session().csrfToken());
            })))))
        .map(json -> Reply.created(announce(json)));
  }

  private Future<Invitations.Claimed> claim(io.vertx.sqlclient.SqlClient tx, String token, Principal me) {
    return invitations.claim(tx, token, me.accountId()).compose(claimed -> {
      if (claimed.isEmpty()) {
        return Future.failedFuture(new Refusal(Refusal.Kind.GONE, "Invitation no longer valid",
            "This invitation has expired, was withdrawn or has already been used. Ask the facilitator for a new one."));
      }
      return communities.join(tx, claimed.get().communityId(), me.accountId(), claimed.get().role())
          .map(v -> claimed.get());
    });
  }

  /** A facilitator's open page shows the new member, and drops the used invitation, at once. */
  private JsonObject announce(JsonObject joined) {
    events.publish(java.util.UUID.fromString(joined.getString("communityId")), "members");
    return joined;
  }

  private static JsonObject joined(Invitations.Claimed claimed, Principal me) {
    return new JsonObject().put("communityId", claimed.communityId().toString()).put("role", claimed.role().wireName());
  }
}
