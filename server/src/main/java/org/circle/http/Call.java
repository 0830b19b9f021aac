package org.circle.http;

import org.circle.error.Refusal;
import org.circle.input.JsonBody;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.circle.account.Principal;
import org.circle.community.Role;

/** One authorized API call: who made it, their role where the route is about a community, and its input. */
public record Call(RoutingContext ctx, Optional<Principal> caller, Optional<Role> role) {

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

  public JsonBody body(Set<String> allowedFields) {
    return JsonBody.parse(ctx.body().asString(), allowedFields);
  }

  public String clientAddress() {
    return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
  }
}
