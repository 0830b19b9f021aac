package org.circle.http;

import io.vertx.ext.web.RoutingContext;

/** Headers that keep the browser client from being framed, sniffed or fed third-party scripts. */
final class SecurityHeaders {
  private SecurityHeaders() {}

  static void add(RoutingContext ctx) {
    ctx.response()
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        .putHeader("Content-Security-Policy",
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; "
                + "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
    ctx.next();
  }
}
