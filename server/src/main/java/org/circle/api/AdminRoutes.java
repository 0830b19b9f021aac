package org.circle.api;

import org.circle.account.AccountLinks;
import org.circle.account.Accounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.input.Schema;
import org.circle.http.Operation;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** What an administrator does: add facilitators, see and withdraw their unused set-up links. Never session content. */
public final class AdminRoutes {
  static final Operation.Tag TAG = new Operation.Tag("admin",
      "What an instance administrator does: add facilitators, see and withdraw their unused set-up links."
          + " Administrators never see session content.");
  private static final Operation.Parameter LINK = Operation.Parameter.path("linkId", Schema.uuid(), "The set-up link");
  private static final Schema.Obj NEW_FACILITATOR = Schema.object()
      .required("email", Schema.email())
      .required("displayName", Schema.text(1, AccountRoutes.MAX_NAME).describe("used if the person has no account yet"))
      .named("NewFacilitator");
  private static final Schema.Obj GRANTED = Schema.object()
      .required("status", Schema.oneOf("granted"))
      .required("email", Schema.anyText())
      .named("FacilitatorGranted");
  private static final Schema.Obj SET_UP_LINK = Schema.object()
      .required("status", Schema.oneOf("link"))
      .required("email", Schema.anyText())
      .required("setupUrl", Schema.uri().describe("the single-use link to pass on"))
      .required("expiresAt", Schema.dateTime())
      .named("FacilitatorSetUpLink");

  private final Accounts accounts;
  private final AccountLinks links;
  private final String publicUrl;

  public AdminRoutes(Accounts accounts, AccountLinks links, String publicUrl) {
    this.accounts = accounts;
    this.links = links;
    this.publicUrl = publicUrl;
  }

  public void register(Api api) {
    api.get("/admin/facilitators").id("listFacilitators").tag(TAG).summary("List facilitators").allow(Policy.ADMIN)
        .answers(200, "Every facilitator", Schema.list(Accounts.FACILITATOR))
        .handle(call -> accounts.facilitators().map(Reply::ok));
    api.post("/admin/facilitators").id("addFacilitator").tag(TAG)
        .summary("Add a facilitator (grants an existing account, or returns a set-up link)").allow(Policy.ADMIN)
        .body(NEW_FACILITATOR, new JsonObject().put("email", "fran@example.org").put("displayName", "Fran Facilitator"))
        .answers(200, "An existing account is now a facilitator", GRANTED)
        .answers(201, "No account yet: a set-up link to pass on", SET_UP_LINK)
        .handle(this::addFacilitator);
    api.get("/admin/setup-links").id("listSetUpLinks").tag(TAG)
        .summary("Facilitator set-up links not yet used, oldest first (never their secret)").allow(Policy.ADMIN)
        .answers(200, "Every set-up link that can still be used", Schema.list(AccountLinks.PENDING))
        .handle(call -> links.pendingFacilitatorLinks().map(Reply::ok));
    api.delete("/admin/setup-links/:linkId").id("withdrawSetUpLink").tag(TAG)
        .summary("Withdraw a facilitator set-up link not yet used").allow(Policy.ADMIN).param(LINK)
        .answersEmpty(204, "Withdrawn: the link no longer works")
        .refuses(404, "No such unused set-up link")
        .handle(call -> links.withdraw(call.uuid("linkId")).map(done -> {
          if (!done) throw Refusal.notFound("That unused set-up link");
          return Reply.noContent();
        }));
  }

  /** An existing account becomes a facilitator at once; a new person gets a set-up link to pass on. */
  private Future<Reply> addFacilitator(Call call) {
    JsonBody body = call.body();
    String email = body.string("email");
    String name = body.string("displayName");
    return accounts.grantFacilitator(email).compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture(Reply.ok(new JsonObject().put("status", "granted").put("email", email)));
      }
      return links.createFacilitator(email, name, call.principal().accountId())
          .map(link -> Reply.created(new JsonObject().put("status", "link").put("email", email)
              .put("setupUrl", setupUrl(publicUrl, link.token())).put("expiresAt", link.expiresAt().toString())));
    });
  }

  public static String setupUrl(String publicUrl, String token) {
    return publicUrl + "#/account-link/" + token;
  }
}
