package org.circle.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.circle.config.TrustedProxies;

/**
 * Who may read /metrics: a scraper on this machine, or one that sends the configured bearer token
 * (CIRCLE_METRICS_TOKEN). A request relayed by a proxy on this machine is not local: it carries a
 * forwarding header, and is refused unless it brings the token.
 */
final class MetricsAccess {
  private final Optional<byte[]> token;

  MetricsAccess(Optional<String> token) {
    this.token = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  void check(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String authorization = request.getHeader("Authorization");
    if (token.isPresent() && authorization != null
        && MessageDigest.isEqual(token.get(), authorization.strip().getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    if (fromThisMachine(request)) {
      ctx.next();
      return;
    }
    if (token.isPresent()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
      Responses.problem(ctx, 401, "Token required", "Send the metrics token (CIRCLE_METRICS_TOKEN) as a bearer token.");
    } else {
      Responses.problem(ctx, 403, "Not allowed", "Metrics are served only to this machine, or with CIRCLE_METRICS_TOKEN.");
    }
  }

  private static boolean fromThisMachine(HttpServerRequest request) {
    if (request.remoteAddress() == null || ClientAddress.forwarded(request)) return false;
    return TrustedProxies.literal(request.remoteAddress().hostAddress()).map(bytes -> {
      try {
        return InetAddress.getByAddress(bytes).isLoopbackAddress();
      } catch (java.net.UnknownHostException e) {
        return false;
      }
    }).orElse(false);
  }
}
