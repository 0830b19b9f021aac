package org.circle.http;

import io.vertx.ext.web.RoutingContext;
import org.circle.error.Refusal;

/** The one place where a domain {@link Refusal} becomes an HTTP status and a problem+json answer. */
public final class Problems {
  private Problems() {}

  public static int status(Refusal.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case NOT_SIGNED_IN -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case GONE -> 410;
      case TOO_MANY -> 429;
      case BUSY -> 503;
    };
  }

  public static void send(RoutingContext ctx, Refusal refusal) {
    refusal.retryAfterSeconds().ifPresent(s -> ctx.response().putHeader("Retry-After", String.valueOf(s)));
    Responses.problem(ctx, status(refusal.kind()), refusal.title(), refusal.getMessage());
  }
}
