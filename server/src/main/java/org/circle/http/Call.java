package org.circle.http;

import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Principal;
import org.circle.community.Role;

/**
 * One authorized API call: who made it, their role where the route is about a community, and its
 * body, already checked against the route's schema.
 */
public record Call(RoutingContext ctx, Optional<Principal> caller, Optional<Role> role, Optional<JsonBody> checkedBody) {

  public Principal principal() {
    return caller.orElseThrow(Refusal::notSignedIn);
  }

  public UUID communityId() {
    return uuid("communityId");
  }

  public UUID uuid(String param) {
    String value = ctx.pathParam(param);
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Refusal.notFound("That " + param.replace("Id", ""));
    }
  }

  /** A version number from the path ({@code :version}) or the query ({@code ?from=1}); 404 when not one. */
  public int version(String name) {
    String raw = ctx.pathParam(name) != null ? ctx.pathParam(name) : ctx.queryParams().get(name);
    if (raw == null) throw Refusal.invalid("Give the versions to compare as ?from=1&to=2.");
    try {
      int v = Integer.parseInt(raw);
      if (v > 0) return v;
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw Refusal.notFound("That version");
  }

  public String param(String name) {
    return ctx.pathParam(name);
  }

  /** The body the route declared, checked field by field. */
  public JsonBody body() {
    return checkedBody.orElseThrow(() -> new IllegalStateException(ctx.request().path() + " declares no body"));
  }

  Call withBody(JsonBody body) {
    return new Call(ctx, caller, role, Optional.of(body));
  }

  /** The caller's address, through trusted proxies only. */
  public String clientAddress() {
    return Api.clientAddress(ctx);
  }
}
