package org.circle.app;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.function.Function;
import org.circle.account.Authenticator;
import org.circle.community.Memberships;

/** How the server knows who is signed in and what role they hold, built once the pool exists. */
public record Identity(Function<Pool, Authenticator> authenticator, Function<Pool, Memberships> memberships) {
  /** Nobody is signed in and nobody is a member: every WebSocket upgrade gets 401. */
  public static final Identity NOBODY = new Identity(
      pool -> headers -> Future.succeededFuture(Optional.empty()),
      pool -> (account, community) -> Future.succeededFuture(Optional.empty()));
}
