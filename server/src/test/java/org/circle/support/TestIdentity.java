package org.circle.support;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import org.circle.account.Authenticator;
import org.circle.account.Principal;
import org.circle.app.Identity;
import org.circle.community.Memberships;
import org.circle.community.Role;

/**
 * Stand-in identity for tests until real sign-in lands: the {@code circle_session} cookie holds an
 * account id, which is looked up in the account table; memberships are read from the membership table.
 */
public final class TestIdentity {
  public static final String COOKIE = "circle_session";

  private TestIdentity() {}

  public static final Identity IDENTITY = new Identity(TestIdentity::authenticator, TestIdentity::memberships);

  static Authenticator authenticator(Pool pool) {
    return (MultiMap headers) -> {
      String cookie = headers.get("Cookie");
      if (cookie == null) return Future.succeededFuture(Optional.empty());
      for (String part : cookie.split(";")) {
        String[] kv = part.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(COOKIE)) {
          UUID id;
          try {
            id = UUID.fromString(kv[1]);
          } catch (IllegalArgumentException e) {
            return Future.succeededFuture(Optional.empty());
          }
          return pool.preparedQuery("SELECT display_name, is_admin, is_facilitator FROM account WHERE id = $1 AND deleted_at IS NULL")
              .execute(Tuple.of(id))
              .map(rows -> rows.size() == 0 ? Optional.<Principal>empty() : Optional.of(new Principal(id,
                  rows.iterator().next().getString(0), rows.iterator().next().getBoolean(1), rows.iterator().next().getBoolean(2))));
        }
      }
      return Future.succeededFuture(Optional.empty());
    };
  }

  static Memberships memberships(Pool pool) {
    return (account, community) -> pool.preparedQuery("SELECT role FROM membership WHERE account_id = $1 AND community_id = $2")
        .execute(Tuple.of(account, community))
        .map(rows -> rows.size() == 0 ? Optional.<Role>empty() : Role.parse(rows.iterator().next().getString(0)));
  }
}
