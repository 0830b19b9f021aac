package org.circle.account;

import io.vertx.core.Future;
import java.util.UUID;

/** Withdraws everything a person wrote, everywhere, when they delete their account. */
public interface ContentWithdrawal {
  Future<Void> withdrawAllBy(UUID accountId);
}
