package org.circle.api;

import org.circle.account.AccountLinks;
import org.circle.account.Accounts;
import org.circle.account.ContentWithdrawal;
import org.circle.account.PasswordHasher;
import org.circle.account.Principal;
import org.circle.account.Session;
import org.circle.account.Sessions;
import org.circle.account.SignInLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.Set;
import org.circle.http.Api;
import org.circle.error.Refusal;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** Signing in and out, the signed-in person's own account, and account set-up links. */
public final class AccountRoutes {
  public static final int MIN_PASSWORD = 10;
  public static final int MAX_PASSWORD = 200;
  public static final int MAX_NAME = 80;

  private final Pool pool;
  private final Accounts accounts;
  private final Sessions sessions;
  private final PasswordHasher hasher;
  private final SignInLimiter limiter;
  private final AccountLinks links;
  private final ContentWithdrawal withdrawal;

  public AccountRoutes(Pool pool, Accounts accounts, Sessions sessions, PasswordHasher hasher,
                       SignInLimiter limiter, AccountLinks links, ContentWithdrawal withdrawal) {
    this.pool = pool;
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.limiter = limiter;
    this.links = links;
    this.withdrawal = withdrawal;
  }

  public void register(Api api) {
    api.post("/session", Policy.ANYONE, this::signIn);
    api.get("/session", Policy.SIGNED_IN, this::current);
    api.delete("/session", Policy.SIGNED_IN, this::signOut);
    api.put("/account/password", Policy.SIGNED_IN, this::changePassword);
    api.delete("/account", Policy.SIGNED_IN, this::deleteAccount);
    api.get("/account-links/:token", Policy.ANYONE, this::readLink);
    api.post("/account-links/:token", Policy.ANYONE, this::useLink);
  }

  public static JsonObject toJson(Principal p) {
    return new JsonObject().put("id", p.accountId().toString()).put("displayName", p.displayName())
        .put("admin", p.admin()).put("facilitator", p.facilitator());
  }

  private Future<Reply> signIn(Call call) {
    JsonBody body = call.body(Set.of("email", "password"));
    String email = body.email("email");
    String password = body.string("password", 1, MAX_PASSWORD);
    String address = call.clientAddress();
    return limiter.check(email, address)
        .compose(v -> accounts.byEmail(email))
        .compose(found -> hasher.verify(password, found.map(Accounts.Credentials::passwordHash))
            .compose(ok -> ok && found.isPresent()
                ? limiter.clear(email).map(x -> found.get().principal())
                : limiter.recordFailure(email, address).compose(x -> Future.failedFuture(
                    new Refusal(Refusal.Kind.NOT_SIGNED_IN, "Sign-in failed", "The email address or password is not right.")))))
        .compose(principal -> {
          // A session id presented before sign-in is never reused (no session fixation).
          Optional<byte[]> previous = Api.session(call.ctx()).map(Session::tokenHash);
          Future<Void> revoked = previous.map(sessions::revoke).orElse(Future.succeededFuture());
          return revoked.compose(v -> sessions.issue(pool, principal));
        })
        .map(issued -> signedIn(call, issued));
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
    JsonBody body = call.body(Set.of("currentPassword", "newPassword"));
    String current = body.string("currentPassword", 1, MAX_PASSWORD);
    String next = body.string("newPassword", MIN_PASSWORD, MAX_PASSWORD);
    Principal principal = call.principal();
    return accounts.byId(principal.accountId())
        .compose(creds -> hasher.verify(current, creds.passwordHash()))
        .compose(ok -> ok ? hasher.hash(next)
            : Future.failedFuture(Refusal.invalid("Field 'currentPassword' is not right: check it and try again.")))
        .compose(hash -> pool.withTransaction(tx -> accounts.setPassword(tx, principal.accountId(), hash)
            // Every other browser is signed out, and this one gets a fresh session id.
            .compose(v -> sessions.revokeAll(tx, principal.accountId()))
            .compose(v -> sessions.issue(tx, principal))))
        .map(issued -> signedIn(call, issued));
  }

  private Future<Reply> deleteAccount(Call call) {
    String password = call.body(Set.of("password")).string("password", 1, MAX_PASSWORD);
    Principal principal = call.principal();
    return accounts.byId(principal.accountId())
        .compose(creds -> hasher.verify(password, creds.passwordHash()))
        .compose(ok -> ok ? Future.succeededFuture()
            : Future.failedFuture(Refusal.invalid("Field 'password' is not right: check it and try again.")))
        .compose(v -> pool.withTransaction(tx -> sessions.revokeAll(tx, principal.accountId())
            .compose(x -> accounts.delete(tx, principal.accountId()))))
        // The account is gone first (no new writing can start), then what the person wrote goes.
        .compose(v -> withdrawal.withdrawAllBy(principal.accountId()))
        .map(v -> {
          call.ctx().response().addCookie(sessions.expiredCookie());
          return Reply.noContent();
        });
  }

  private Future<Reply> readLink(Call call) {
    return links.find(call.param("token"))
        .map(link -> Reply.ok(link.orElseThrow(() -> Refusal.notFound("That set-up link")).toJson()));
  }

  private Future<Reply> useLink(Call call) {
    String token = call.param("token");
    JsonBody body = call.body(Set.of("email", "displayName", "password"));
    Optional<String> email = body.optionalEmail("email");
    Optional<String> name = body.optionalString("displayName", 1, MAX_NAME);
    String password = body.string("password", MIN_PASSWORD, MAX_PASSWORD);
    return hasher.hash(password).compose(hash -> pool.withTransaction(tx -> links.claim(tx, token).compose(claimed -> {
      AccountLinks.Claimed link = claimed.orElseThrow(() -> new Refusal(Refusal.Kind.GONE, "Link no longer valid",
          "This set-up link has expired or has already been used. Ask for a new one."));
      boolean firstAdmin = link.purpose() == AccountLinks.Purpose.FIRST_ADMIN;
      String address = firstAdmin
          ? email.orElseThrow(() -> Refusal.invalid("Field 'email' is required."))
          : link.email();
      String displayName = name.or(() -> Optional.ofNullable(link.displayName()))
          .orElseThrow(() -> Refusal.invalid("Field 'displayName' is required."));
      Future<Void> noAdminYet = firstAdmin
          ? tx.query("SELECT 1 FROM account WHERE is_admin AND deleted_at IS NULL").execute()
              .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
                  : Future.failedFuture(Refusal.conflict("An administrator already exists.")))
          : Future.succeededFuture();
      return noAdminYet
          .compose(v -> accounts.create(tx, address, displayName, hash, firstAdmin, !firstAdmin))
          .compose(principal -> sessions.issue(tx, principal));
    }))).map(issued -> {
      Reply reply = signedIn(call, issued);
      return new Reply(201, reply.body());
    });
  }
}
