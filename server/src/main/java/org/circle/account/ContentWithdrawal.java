package org.circle.account;

import io.vertx.core.Future;
import java.util.UUID;

/** Withdraws everything a person wrote on boards, everywhere. */
public interface ContentWithdrawal {
  /** They deleted their account: nothing more of theirs is accepted. */
  Future<Void> withdrawAllBy(UUID accountId);

  /** They erased their words and keep their account: they may write again. */
  Future<Void> eraseAllBy(UUID accountId);
}
