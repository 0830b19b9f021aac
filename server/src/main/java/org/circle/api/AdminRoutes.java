package org.circle.api;

import org.circle.account.AccountLinks;
import org.circle.account.Accounts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.circle.error.Refusal;
import org.circle.http.Api;
import org.circle.http.Call;
import org.circle.input.JsonBody;
import org.circle.http.Policy;
import org.circle.http.Reply;

/** What an administrator does: add facilitators, see and withdraw their unused set-up links. Never session content. */
public final class AdminRoutes {
  private final Accounts accounts;
  private final AccountLinks links;
  private final String publicUrl;

  public AdminRoutes(Accounts accounts, AccountLinks links, String publicUrl) {
    this.accounts = accounts;
    this.links = links;
    this.publicUrl = publicUrl;
  }

  public void register(Api api) {
    api.get("/admin/facilitators", Policy.ADMIN, call -> accounts.facilitators().map(Reply::ok));
    api.post("/admin/facilitators", Policy.ADMIN, this::addFacilitator);
    api.get("/admin/setup-links", Policy.ADMIN, call -> links.pendingFacilitatorLinks().map(Reply::ok));
    api.delete("/admin/setup-links/:linkId", Policy.ADMIN, call -> links.withdraw(call.uuid("linkId")).map(done -> {
      if (!done) throw Refusal.notFound("That unused set-up link");
      return Reply.noContent();
    }));
  }

  /** An existing account becomes a facilitator at once; a new person gets a set-up link to pass on. */
  private Future<Reply> addFacilitator(Call call) {
    JsonBody body = call.body(Set.of("email", "displayName"));
    String email = body.email("email");
    String name = body.string("displayName", 1, AccountRoutes.MAX_NAME);
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
