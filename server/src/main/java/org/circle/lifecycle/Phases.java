package org.circle.lifecycle;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.circle.error.Refusal;

/** Reads a community's phase and refuses what the phase does not allow, with a clear reason. */
public final class Phases {
  private static final String PHASE = "SELECT phase FROM community WHERE id = $1";
  private static final String SET = "UPDATE community SET phase = $2 WHERE id = $1";

  private final Pool pool;

  public Phases(Pool pool) {
    this.pool = pool;
  }

  public Future<Phase> current(SqlClient client, UUID community) {
    return client.preparedQuery(PHASE).execute(Tuple.of(community)).map(rows -> {
      if (rows.size() == 0) throw Refusal.notFound("That community");
      return Phase.parse(rows.iterator().next().getString(0)).orElseThrow();
    });
  }

  public Future<Phase> current(UUID community) {
    return current(pool, community);
  }

  /** Fails with 409 unless the community is in one of the allowed phases. */
  public Future<Phase> require(UUID community, Set<Phase> allowed) {
    return current(community).compose(phase -> allowed.contains(phase) ? Future.succeededFuture(phase)
        : Future.failedFuture(Refusal.conflict("This cannot be done during " + phase.describe()
            + "; it is possible during " + allowed.stream().map(Phase::describe).sorted().collect(Collectors.joining(" or ")) + ".")));
  }

  public Future<Void> set(SqlClient client, UUID community, Phase phase) {
    return client.preparedQuery(SET).execute(Tuple.of(community, phase.wireName())).mapEmpty();
  }
}
