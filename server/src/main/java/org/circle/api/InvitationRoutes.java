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
import org.circle.account.Accounts;
import org.circle.account.PasswordHasher;
import org.circle.account.PasswordRules;
import org.circle.account.Principal;
import org.circle.account.Sessions;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Facilitators invite people with a role; an invited person accepts with the link's secret token. */
public final class InvitationRoutes {
  /** A facilitator's note on an invitation: whom it is for. */
  static final int MAX_NOTE = 80;
  static final Operation.Tag TAG = new Operation.Tag("invitation",
      "Single-use invitations into a community with a role.");
  private static final Schema.Obj NEW_INVITATION = Schema.object()
      .required("role", Role.SCHEMA)
      .optional("email", Schema.email().describe("where to send the link, when SMTP is configured"))
      .optional("note", Schema.text(1, MAX_NOTE).describe("whom it is for, so a facilitator can tell invitations apart"))
      .named("NewInvitation");
  private static final Schema.Obj CREATED = Schema.object()
      .required("id", Schema.uuid())
      .required("role", Role.SCHEMA)
      .required("email", Schema.anyText().orNull())
      .required("note", Schema.anyText().orNull())
      .required("url", Schema.uri().describe("the single-use link: show it to copy"))
      .required("expiresAt", Schema.dateTime())
      .required("emailed", Schema.bool())
      .named("CreatedInvitation");
  private static final Schema.Obj ACCEPTANCE = Schema.object()
      .optional("email", Schema.email())
      .optional("displayName", Schema.text(1, AccountRoutes.MAX_NAME))
      .optional("password", Schema.password(AccountRoutes.MIN_PASSWORD, AccountRoutes.MAX_PASSWORD))
      .describe("Signed in: send nothing. Someone new: email, displayName and password, all required.")
      .named("InvitationAcceptance");
  private static final Schema.Obj JOINED = Schema.object()
      .required("communityId", Schema.uuid())
      .required("role", Role.SCHEMA)
      .named("Joined");
  private static final Schema.Obj JOINED_NEW = JOINED
      .required("account", AccountRoutes.ACCOUNT)
      .required("csrfToken", Schema.anyText())
      .named("JoinedWithNewAccount");

  private final Pool pool;
  private final Invitations invitations;
  private final Communities communities;
  private final Accounts accounts;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final Mailer mailer;
  private final String publicUrl;
  private final PasswordRules passwordRules;
  private final CommunityEvents events;

  public InvitationRoutes(Pool pool, Invitations invitations, Communities communities, Accounts accounts,
                          Sessions sessions, PasswordHasher hasher, PasswordRules passwordRules, Mailer mailer,
                          String publicUrl, CommunityEvents events) {
    this.passwordRules = passwordRules;
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
    api.post("/communities/:communityId/invitations").id("createInvitation").tag(TAG)
        .summary("Invite someone with a role; returns the single-use link (also emailed when SMTP is set)")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .body(NEW_INVITATION, new JsonObject().put("role", "participant").put("email", "dee@example.org"))
        .answers(201, "The invitation and its link", CREATED)
        .handle(this::invite);
    api.get("/communities/:communityId/invitations").id("listInvitations").tag(TAG).summary("Pending invitations")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY)
        .answers(200, "Invitations not yet used, withdrawn or expired, in the order made", Schema.list(Invitations.PENDING_SCHEMA))
        .handle(call -> invitations.pending(call.communityId()).map(Reply::ok));
    api.delete("/communities/:communityId/invitations/:invitationId").id("revokeInvitation").tag(TAG)
        .summary("Withdraw a pending invitation")
        .allow(Policy.FACILITATOR).param(Params.COMMUNITY).param(Params.INVITATION)
        .answersEmpty(204, "Withdrawn: its link no longer works")
        .refuses(404, "No such pending invitation")
        .handle(call -> invitations.revoke(call.communityId(), call.uuid("invitationId"))
            .map(done -> {
              if (!done) throw Refusal.notFound("That pending invitation");
              events.publish(call.communityId(), "invitations");
              return Reply.noContent();
            }));
    api.get("/invitations/:token").id("getInvitation").tag(TAG).summary("Read an invitation by its secret token")
        .allow(Policy.ANYONE).param(Params.INVITATION_TOKEN)
        .answers(200, "Which community and role, and whether the invitation can still be used", Invitations.PREVIEW_SCHEMA)
        .refuses(404, "No such invitation")
        .handle(call -> invitations.preview(call.param("token"))
            .map(found -> Reply.ok(found.orElseThrow(() -> Refusal.notFound("That invitation")))));
    api.post("/invitations/:token/accept").id("acceptInvitation").tag(TAG)
        .summary("Accept an invitation (signed in: join; new: create my account, join and sign in)")
        .allow(Policy.ANYONE).param(Params.INVITATION_TOKEN)
        .body(ACCEPTANCE, new JsonObject().put("email", "pat@example.org").put("displayName", "Pat Participant")
            .put("password", "correct horse battery staple"))
        .answers(200, "Joined with the account I am signed in with", JOINED)
        .answers(201, "A new account was created, joined and signed in; the session cookie is set", JOINED_NEW)
        .refuses(409, "Already a member, or an account with this email address exists")
        .refuses(400, "A field is missing, or the password is too easy to guess (the detail says why)")
        .refuses(410, "The invitation has expired, was withdrawn or has been used")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::accept);
  }

  public static String invitationUrl(String publicUrl, String token) {
    return publicUrl + "#/invitation/" + token;
  }

  private Future<Reply> invite(Call call) {
    JsonBody body = call.body();
    Role role = Role.parse(body.string("role")).orElseThrow();
    Optional<String> email = body.optionalString("email");
    String note = body.optionalString("note").orElse(null);
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
    JsonBody body = call.body();
    if (call.caller().isPresent()) {
      Principal me = call.caller().get();
      return pool.withTransaction(tx -> claim(tx, token, me).map(claimed -> joined(claimed, me)))
          .map(json -> Reply.ok(announce(json)));
    }
    String email = body.string("email");
    String name = body.string("displayName");
    String password = body.string("password");
    // The invitation is checked before the password is hashed: a made-up token costs a lookup, not 600,000 iterations.
    return invitations.preview(token).compose(found -> {
      if (found.isEmpty() || !"valid".equals(found.get().getString("status"))) return Future.failedFuture(invitationGone());
      passwordRules.check("password", password, email);
      return hasher.hash(password);
    }).compose(hash -> pool.withTransaction(tx ->
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
      if (claimed.isEmpty()) return Future.failedFuture(invitationGone());
      return communities.join(tx, claimed.get().communityId(), me.accountId(), claimed.get().role())
          .map(v -> claimed.get());
    });
  }

  /** A facilitator's open page shows the new member, and drops the used invitation, at once. */
  private JsonObject announce(JsonObject joined) {
    events.publish(java.util.UUID.fromString(joined.getString("communityId")), "members");
    return joined;
  }

  private static Refusal invitationGone() {
    return new Refusal(Refusal.Kind.GONE, "Invitation no longer valid",
        "This invitation has expired, was withdrawn or has already been used. Ask the facilitator for a new one.");
  }

  private static JsonObject joined(Invitations.Claimed claimed, Principal me) {
    return new JsonObject().put("communityId", claimed.communityId().toString()).put("role", claimed.role().wireName());
  }
}
