package org.circle.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import org.circle.account.PasswordHasher;
import org.circle.account.PasswordRules;
import org.circle.config.Config;
import org.circle.http.ClientAddress;
import org.circle.http.RequestLimiter;

/**
 * What every HTTP verticle instance of a node shares, made once: a caller's request budget and
 * the password-hashing queue are the node's, whichever event loop a connection lands on.
 */
public record NodeServices(PasswordHasher hasher, PasswordRules passwordRules, RequestLimiter apiLimiter,
                           ClientAddress clientAddress) {

  /** Blocking (reads the bundled password list): call at start-up. */
  public static NodeServices create(Vertx vertx, Config config, MeterRegistry registry) {
    return new NodeServices(new PasswordHasher(vertx, registry), PasswordRules.bundled(),
        new RequestLimiter(config.apiRequestsPerSecond(), config.apiRequestsBurst()),
        new ClientAddress(config.trustedProxies()));
  }
}
