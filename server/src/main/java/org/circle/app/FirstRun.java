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

  private static final String RULE = "=".repeat(78);

  /**
   * The link set apart from the log lines around it, in one write so that no log line lands in
   * the middle: a ruled box, blank lines, and the link alone on its line.
   */
  static String notice(String url) {
    return String.join(System.lineSeparator(), "", RULE,
        "  No administrator yet. To create one, open this one-time link",
        "  in your browser (it works once, for 24 hours):", "",
        "    " + url, "", RULE, "", "");
  }

  static Future<Void> offerAdminSetup(Pool pool, Config config) {
    return new Accounts(pool).anyAdmin().compose(exists -> {
      if (exists) return Future.succeededFuture();
      return new AccountLinks(pool).createFirstAdmin().map(link -> {
        System.out.print(notice(AdminRoutes.setupUrl(config.browserUrl(), link.token())));
        System.out.flush();
        return null;
      });
    });
  }
}
