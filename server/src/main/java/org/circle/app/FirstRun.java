package org.circle.app;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.circle.account.AccountLinks;
import org.circle.account.Accounts;
import org.circle.api.AdminRoutes;
import org.circle.config.Config;

/**
 * When no administrator exists, prints a one-time set-up link on the console (as Gitea and
 * Grafana do). It goes to standard output only, never to the log, because it is a secret.
 */
final class FirstRun {
  private FirstRun() {}

  static Future<Void> offerAdminSetup(Pool pool, Config config) {
    return new Accounts(pool).anyAdmin().compose(exists -> {
      if (exists) return Future.succeededFuture();
      return new AccountLinks(pool).createFirstAdmin().map(link -> {
        System.out.println("No administrator yet. To create one, open this one-time link (valid for 24 hours):");
        System.out.println("  " + AdminRoutes.setupUrl(config.browserUrl(), link.token()));
        return null;
      });
    });
  }
}
