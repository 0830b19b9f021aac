package org.circle.export;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.circle.account.ContentWithdrawal;

/**
 * "Erase my words, keep my account": everything a member wrote goes, as when they delete their
 * account, and they stay a member who may write again. On boards their cards and comments are
 * withdrawn live and their words replaced in the history (so a theme their cards fed is recounted
 * and, below k, withdrawn from the sponsor at once); their journal entries are deleted; the notes
 * given with their consent answers are removed; their session reviews are deleted (the answers stay, as the record of how a decision
 * was reached); the themes and amendments they proposed no longer name them as proposer.
 */
public final class Erasure {
  private static final List<String> STEPS = List.of(
      "DELETE FROM journal_entry WHERE author_id = $1",
      "UPDATE consent_round_answer SET note = NULL WHERE account_id = $1 AND note IS NOT NULL",
      "UPDATE theme_consent_answer SET note = NULL WHERE account_id = $1 AND note IS NOT NULL",
      "UPDATE theme SET proposed_by = NULL WHERE proposed_by = $1",
      "UPDATE ground_rules_version SET proposed_by = NULL, reason = CASE WHEN reason IS NULL THEN NULL ELSE '(withdrawn)' END "
          + "WHERE proposed_by = $1",
      "UPDATE experiment SET created_by = NULL WHERE created_by = $1",
      "DELETE FROM review_answer WHERE author_id = $1",
      "UPDATE review_proposal SET proposed_by = NULL WHERE proposed_by = $1");

  private final Pool pool;
  private final ContentWithdrawal boards;

  public Erasure(Pool pool, ContentWithdrawal boards) {
    this.pool = pool;
    this.boards = boards;
  }

  public Future<Void> eraseAllBy(UUID account) {
    return boards.eraseAllBy(account).compose(v -> pool.withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (String sql : STEPS) chain = chain.compose(x -> tx.preparedQuery(sql).execute(Tuple.of(account)).mapEmpty());
      return chain;
    }));
  }
}
