package org.circle.retention;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.circle.board.BoardReloads;
import org.circle.board.BoardState;
import org.circle.groundrules.Retention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention job: destroys each community's raw content ({@link RawContent}) older than its
 * ratified ground rules allow (12 months until the members decide otherwise), then tells the open
 * rooms of the boards it emptied to reload, so nobody keeps seeing what is gone.
 *
 * <p>Each community is forgotten in a transaction of its own, holding an advisory lock on it:
 * when several nodes run the job at once, each community is done by one of them and passed by the
 * others. Running it again finds nothing more to do. It never blocks the event loop: every step
 * is an asynchronous query.
 */
public final class Forgetting {
  /** How often each node runs the job. */
  public static final long EVERY_MS = 60 * 60 * 1000L;
  /** The first run after start-up, once the node has settled. */
  static final long FIRST_RUN_MS = 60 * 1000L;
  /** The advisory-lock namespace of the retention job; the second key is the community's. */
  private static final int LOCK_SPACE = 0x72657465; // "rete"
  private static final Logger log = LoggerFactory.getLogger(Forgetting.class);

  private static final String COMMUNITIES = """
      SELECT c.id, c.phase = 'archived' AS archived,
             (SELECT v.retention FROM ground_rules_version v WHERE v.community_id = c.id AND v.status = 'ratified') AS retention
      FROM community c ORDER BY c.id
      """;
  private static final String LOCK = "SELECT pg_try_advisory_xact_lock($1, hashtext($2::text))";
  private static final String FORGETTING = "SELECT set_config('circle.forgetting', 'on', true)";

  /** What one run destroyed, for the log and for tests. */
  public record Report(int communities, int boards) {}

  private final Vertx vertx;
  private final Pool pool;
  private final BoardReloads reloads;
  private final String emptyBoard = new BoardState().toJson().encode();

  public Forgetting(Vertx vertx, Pool pool, BoardReloads reloads) {
    this.vertx = vertx;
    this.pool = pool;
    this.reloads = reloads;
  }

  /** Runs the job soon after start-up and then every {@link #EVERY_MS}. */
  public void runPeriodically() {
    vertx.setTimer(FIRST_RUN_MS, t -> runLogged());
    vertx.setPeriodic(EVERY_MS, t -> runLogged());
  }

  private void runLogged() {
    forget(Instant.now())
        .onSuccess(r -> {
          if (r.boards() > 0 || r.communities() > 0) log.info("Retention: raw content destroyed in {} communities ({} boards)", r.communities(), r.boards());
        })
        .onFailure(err -> log.warn("Retention job failed ({}); it runs again later", err.getClass().getSimpleName()));
  }

  /** Destroys, as at {@code now}, whatever each community's retention no longer keeps. */
  public Future<Report> forget(Instant now) {
    return pool.query(COMMUNITIES).execute().compose(rows -> {
      Future<Report> chain = Future.succeededFuture(new Report(0, 0));
      for (Row r : rows) {
        UUID community = r.getUUID("id");
        Retention retention = Retention.of(Optional.ofNullable(r.getString("retention")).orElse(Retention.DEFAULT.wireName()));
        Optional<Instant> cutoff = retention.cutoff(now, r.getBoolean("archived"));
        if (cutoff.isEmpty()) continue;
        chain = chain.compose(sofar -> forget(community, cutoff.get()).map(boards ->
            new Report(sofar.communities() + (boards.isEmpty() ? 0 : 1), sofar.boards() + boards.size())));
      }
      return chain;
    });
  }

  /** One community: its raw content last changed before {@code cutoff}; answers the boards emptied. */
  private Future<List<UUID>> forget(UUID community, Instant cutoff) {
    OffsetDateTime before = cutoff.atOffset(ZoneOffset.UTC);
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK).execute(Tuple.of(LOCK_SPACE, community.toString())).compose(locked -> {
      if (!locked.iterator().next().getBoolean(0)) return Future.succeededFuture(List.<UUID>of());
      return tx.query(FORGETTING).execute()
          .compose(v -> tx.preparedQuery(RawContent.BOARDS).execute(Tuple.of(community, before, emptyBoard)))
          .compose(found -> {
            List<UUID> boards = new ArrayList<>();
            List<Long> seqs = new ArrayList<>();
            for (Row b : found) {
              boards.add(b.getUUID(0));
              seqs.add(b.getLong(1));
            }
            Future<Void> steps = Future.succeededFuture();
            if (!boards.isEmpty()) {
              Tuple emptied = Tuple.of(boards.toArray(UUID[]::new), seqs.toArray(Long[]::new), emptyBoard);
              for (RawContent.Step step : RawContent.WITH_BOARDS) steps = steps.compose(v -> run(tx, step, emptied));
            }
            for (RawContent.Step step : RawContent.OTHERS) steps = steps.compose(v -> run(tx, step, Tuple.of(community, before)));
            return steps.map(v -> boards);
          });
    })).compose(boards -> boards.isEmpty() ? Future.succeededFuture(boards)
        // Open rooms still hold the old boards in memory: they close, and their members resume from the empty snapshot.
        // (A room writing to a board in the instant it is emptied would see that write after the empty snapshot's
        // sequence number and lose it on reload; a board is emptied only after months without a write.)
        : reloads.reload(boards).otherwiseEmpty().map(v -> boards));
  }

  /** Runs a step with as many of the parameters as its statement takes ({@code $1} to {@code $n}). */
  private static Future<Void> run(SqlConnection tx, RawContent.Step step, Tuple params) {
    Tuple used = Tuple.tuple();
    for (int i = 0; i < params.size() && step.sql().contains("$" + (i + 1)); i++) used.addValue(params.getValue(i));
    return tx.preparedQuery(step.sql()).execute(used).mapEmpty();
  }
}
