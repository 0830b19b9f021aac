package org.circle.http;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Small helpers so every handler answers the same way. */
public final class Responses {
  private Responses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended()) return;
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  /** RFC 9457 problem details: a title and detail for people, never a stack trace or SQL. */
  public static void problem(RoutingContext ctx, int status, String title, String detail) {
    if (ctx.response().ended()) return;
    JsonObject body = new JsonObject().put("type", "about:blank").put("title", title).put("status", status);
    if (detail != null) body.put("detail", detail);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }
}
