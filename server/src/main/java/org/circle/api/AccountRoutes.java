package org.circle.api;

import org.circle.export.Erasure;

import org.circle.account.AccountLinks;
import org.circle.account.Accounts;
import org.circle.account.ContentWithdrawal;
import org.circle.account.DeviceCookies;
import org.circle.account.PasswordHasher;
import org.circle.account.PasswordRules;
import org.circle.account.Principal;
import org.circle.account.Session;
import org.circle.account.Sessions;
import org.circle.account.SignInLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.UUID;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Signing in and out, the signed-in person's own account, and account set-up links. */
public final class AccountRoutes {
  public static final int MIN_PASSWORD = PasswordRules.MIN_LENGTH;
  public static final int MAX_PASSWORD = PasswordRules.MAX_LENGTH;
  public static final int MAX_NAME = 80;

  static final Operation.Tag TAG = new Operation.Tag("account",
      "Signing in and out, my own account, and account set-up links.");
  static final Schema.Obj ACCOUNT = Schema.object()
      .required("id", Schema.uuid())
      .required("displayName", Schema.anyText())
      .required("admin", Schema.bool().describe("an instance administrator"))
      .required("facilitator", Schema.bool().describe("may convene communities"))
      .named("Account");
  /** Who is signed in, and the token to echo in X-CSRF-Token. */
  static final Schema.Obj SIGNED_IN = Schema.object()
      .required("account", ACCOUNT)
      .required("csrfToken", Schema.anyText())
      .named("SignedIn");
  private static final Schema.Obj SIGN_IN = Schema.object()
      .required("email", Schema.email())
      .required("password", Schema.password(1, MAX_PASSWORD))
      .named("SignIn");
  private static final Schema.Obj NEW_PASSWORD = Schema.object()
      .required("currentPassword", Schema.password(1, MAX_PASSWORD))
      .required("newPassword", Schema.password(MIN_PASSWORD, MAX_PASSWORD))
      .named("NewPassword");
  private static final Schema.Obj CONFIRM = Schema.object()
      .required("password", Schema.password(1, MAX_PASSWORD))
      .named("PasswordConfirmation");
  private static final Schema.Obj NEW_ACCOUNT = Schema.object()
      .optional("email", Schema.email().describe("required for the first administrator; a facilitator's link fixes it"))
      .optional("displayName", Schema.text(1, MAX_NAME).describe("defaults to the name on a facilitator's link"))
      .required("password", Schema.password(MIN_PASSWORD, MAX_PASSWORD))
      .named("NewAccountFromLink");

  private final Pool pool;
  private final Accounts accounts;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final SignInLimiter limiter;
  private final AccountLinks links;
  private final ContentWithdrawal withdrawal;
  private final PasswordRules passwordRules;
  private final DeviceCookies devices;
  private final Erasure erasure;

  public AccountRoutes(Pool pool, Accounts accounts, Sessions sessions, PasswordHasher hasher, SignInLimiter limiter,
                       DeviceCookies devices, AccountLinks links, ContentWithdrawal withdrawal, PasswordRules passwordRules,
                       Erasure erasure) {
    this.erasure = erasure;
    this.passwordRules = passwordRules;
    this.devices = devices;
    this.pool = pool;
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.limiter = limiter;
    this.links = links;
    this.withdrawal = withdrawal;
  }

  public void register(Api api) {
    api.post("/session").id("signIn").tag(TAG).summary("Sign in").allow(Policy.ANYONE)
        .body(SIGN_IN, new JsonObject().put("email", "pat@example.org").put("password", "correct horse battery staple"))
        .answers(200, "Signed in; the session cookie is set", SIGNED_IN)
        .refuses(401, "The email address or password is not right")
        .refuses(429, "Too many failed attempts for this account or address, or too many requests: wait for Retry-After seconds")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::signIn);
    api.get("/session").id("getSession").tag(TAG).summary("Who am I, and my CSRF token").allow(Policy.SIGNED_IN)
        .answers(200, "The signed-in account", SIGNED_IN)
        .handle(this::current);
    api.delete("/session").id("signOut").tag(TAG).summary("Sign out").allow(Policy.SIGNED_IN)
        .answersEmpty(204, "Signed out; the session cookie is cleared")
        .handle(this::signOut);
    api.put("/account/password").id("changePassword").tag(TAG).summary("Change my password (signs out my other browsers)")
        .allow(Policy.SIGNED_IN)
        .body(NEW_PASSWORD, new JsonObject().put("currentPassword", "correct horse battery staple")
            .put("newPassword", "a brand new long password"))
        .answers(200, "Changed; this browser gets a new session", SIGNED_IN)
        .refuses(400, "The current password is wrong, or the new one is too easy to guess (the detail says why)")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::changePassword);
    api.delete("/account").id("deleteAccount").tag(TAG).summary("Delete my account; what I wrote is withdrawn")
        .allow(Policy.SIGNED_IN)
        .body(CONFIRM, new JsonObject().put("password", "correct horse battery staple"))
        .answersEmpty(204, "Deleted and signed out")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::deleteAccount);
    api.post("/account/erase").id("eraseMyWords").tag(TAG)
        .summary("Erase everything I wrote and keep my account: cards, comments, group titles, journal, consent notes")
        .allow(Policy.NOT_ONLY_SPONSOR)
        .body(CONFIRM, new JsonObject().put("password", "correct horse battery staple"))
        .answersEmpty(204, "Erased; I am still signed in and a member")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::erase);
    api.get("/account-links/:token").id("getAccountLink").tag(TAG).summary("Read a set-up link").allow(Policy.ANYONE)
        .param(Params.LINK_TOKEN)
        .answers(200, "The link, and whether it can still be used", AccountLinks.Link.SCHEMA)
        .refuses(404, "No such set-up link")
        .handle(this::readLink);
    api.post("/account-links/:token").id("useAccountLink").tag(TAG).summary("Create my account with a set-up link")
        .allow(Policy.ANYONE)
        .param(Params.LINK_TOKEN)
        .body(NEW_ACCOUNT, new JsonObject().put("displayName", "New Facilitator").put("password", "correct horse battery staple"))
        .answers(201, "The account is created and signed in", SIGNED_IN)
        .refuses(409, "An account with this email address, or an administrator, already exists")
        .refuses(400, "A field is missing, or the password is too easy to guess (the detail says why)")
        .refuses(410, "The link has expired or has been used")
        .refuses(503, "Too many passwords are being checked at this moment: try again after Retry-After seconds")
        .handle(this::useLink);
  }

  public static JsonObject toJson(Principal p) {
    return new JsonObject().put("id", p.accountId().toString()).put("displayName", p.displayName())
        .put("admin", p.admin()).put("facilitator", p.facilitator());
  }

  private Future<Reply> signIn(Call call) {
    JsonBody body = call.body();
    String email = body.string("email");
    String password = body.string("password");
    String address = call.clientAddress();
    return devices.deviceFor(call.ctx().request().getHeader("Cookie"), email).compose(device -> limiter.check(email, address, device)
        .compose(v -> accounts.byEmail(email))
        .compose(found -> hasher.verify(password, found.map(Accounts.Credentials::passwordHash))
            .compose(ok -> ok && found.isPresent()
                ? limiter.clear(email, device).map(x -> found.get().principal())
                : limiter.recordFailure(email, address, device).compose(x -> Future.failedFuture(
                    new Refusal(Refusal.Kind.NOT_SIGNED_IN, "Sign-in failed", "The email address or password is not right.")))))
        .compose(principal -> {
          // A session id presented before sign-in is never reused (no session fixation).
          Optional<byte[]> previous = Api.session(call.ctx()).map(Session::tokenHash);
          Future<Void> revoked = previous.map(sessions::revoke).orElse(Future.succeededFuture());
          return revoked.compose(v -> sessions.issue(pool, principal));
        })
        // This browser is now known to the account: the account's lockout will not keep it out.
        .compose(issued -> devices.issue(email).map(deviceCookie -> {
          Reply reply = signedIn(call, issued);
          call.ctx().response().addCookie(devices.cookie(deviceCookie));
          return reply;
        })));
  }

  private Reply signedIn(Call call, Sessions.Issued issued) {
    call.ctx().response().addCookie(sessions.cookie(issued.token()));
    return Reply.ok(new JsonObject().put("account", toJson(issued.session().principal()))
        .put("csrfToken", issued.session().csrfToken()));
  }

  private Future<Reply> current(Call call) {
    Session session = Api.session(call.ctx()).orElseThrow(Refusal::notSignedIn);
    return Future.succeededFuture(Reply.ok(new JsonObject().put("account", toJson(session.principal()))
        .put("csrfToken", session.csrfToken())));
  }

  private Future<Reply> signOut(Call call) {
    Session session = Api.session(call.ctx()).orElseThrow(Refusal::notSignedIn);
    return sessions.revoke(session.tokenHash()).map(v -> {
      call.ctx().response().addCookie(sessions.expiredCookie());
      return Reply.noContent();
    });
  }

  private Future<Reply> changePassword(Call call) {
    JsonBody body = call.body();
    String current = body.string("currentPassword");
    String next = body.string("newPassword");
    Principal principal = call.principal();
    return accounts.byId(principal.accountId())
        .compose(creds -> {
          passwordRules.check("newPassword", next, creds.email());
          return hasher.verify(current, creds.passwordHash());
        })
        .compose(ok -> ok ? hasher.hash(next)
            : Future.failedFuture(Refusal.invalid("Field 'currentPassword' is not right: check it and try again.")))
        .compose(hash -> pool.withTransaction(tx -> accounts.setPassword(tx, principal.accountId(), hash)
            // Every other browser is signed out, and this one gets a fresh session id.
            .compose(v -> sessions.revokeAll(tx, principal.accountId()))
            .compose(v -> sessions.issue(tx, principal))))
        .map(issued -> signedIn(call, issued));
  }

  private Future<Reply> deleteAccount(Call call) {
    String password = call.body().string("password");
    Principal principal = call.principal();
    return accounts.byId(principal.accountId())
        .compose(creds -> hasher.verify(password, creds.passwordHash()))
        .compose(ok -> ok ? Future.succeededFuture()
            : Future.failedFuture(Refusal.invalid("Field 'password' is not right: check it and try again.")))
        .compose(v -> pool.withTransaction(tx -> sessions.revokeAll(tx, principal.accountId())
            .compose(x -> accounts.delete(tx, principal.accountId()))))
        // The account is gone first (no new writing can start), then what the person wrote goes.
        // The deletion recorded a pending withdrawal in its transaction: if this attempt fails, the
        // server finishes it later (board.BoardWithdrawal), so the deletion itself has succeeded.
        .compose(v -> withdrawal.withdrawAllBy(principal.accountId()).otherwiseEmpty())
        .map(v -> {
          call.ctx().response().addCookie(sessions.expiredCookie());
          return Reply.noContent();
        });
  }

  private Future<Reply> erase(Call call) {
    UUID me = call.principal().accountId();
    return accounts.byId(me)
        .compose(creds -> hasher.verify(call.body().string("password"), creds.passwordHash()))
        .compose(ok -> ok ? erasure.eraseAllBy(me)
            : Future.failedFuture(Refusal.invalid("Field 'password' is not right: check it and try again.")))
        .map(v -> Reply.noContent());
  }

  private Future<Reply> readLink(Call call) {
    return links.find(call.param("token"))
        .map(link -> Reply.ok(link.orElseThrow(() -> Refusal.notFound("That set-up link")).toJson()));
  }

  private Future<Reply> useLink(Call call) {
    String token = call.param("token");
    JsonBody body = call.body();
    Optional<String> email = body.optionalString("email");
    Optional<String> name = body.optionalString("displayName");
    String password = body.string("password");
    // The link is checked before the password is hashed: a made-up token costs a lookup, not 600,000 iterations.
    return links.find(token).compose(found -> {
      AccountLinks.Link link = found.filter(l -> !l.used() && !l.expired()).orElseThrow(AccountRoutes::linkGone);
      boolean firstAdmin = link.purpose() == AccountLinks.Purpose.FIRST_ADMIN;
      String address = firstAdmin
          ? email.orElseThrow(() -> Refusal.invalid("Field 'email' is required."))
          : link.email();
      String displayName = name.or(() -> Optional.ofNullable(link.displayName()))
          .orElseThrow(() -> Refusal.invalid("Field 'displayName' is required."));
      passwordRules.check("password", password, address);
      return hasher.hash(password).compose(hash -> pool.withTransaction(tx -> links.claim(tx, token).compose(claimed ->
          claimed.isEmpty() ? Future.failedFuture(linkGone()) : createAccount(tx, firstAdmin, address, displayName, hash))));
    }).map(issued -> {
      Reply reply = signedIn(call, issued);
      return new Reply(201, reply.body());
    });
  }

  private static Refusal linkGone() {
    return new Refusal(Refusal.Kind.GONE, "Link no longer valid",
        "This set-up link has expired or has already been used. Ask for a new one.");
  }

  private Future<Sessions.Issued> createAccount(io.vertx.sqlclient.SqlConnection tx, boolean firstAdmin, String address,
                                                String displayName, String hash) {
    Future<Void> noAdminYet = firstAdmin
        ? tx.query("SELECT 1 FROM account WHERE is_admin AND deleted_at IS NULL").execute()
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
                : Future.failedFuture(Refusal.conflict("An administrator already exists.")))
        : Future.succeededFuture();
    return noAdminYet
        .compose(v -> accounts.create(tx, address, displayName, hash, firstAdmin, !firstAdmin))
        .compose(principal -> sessions.issue(tx, principal));
  }
}
