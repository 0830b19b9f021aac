package org.circle.board;

import org.circle.protocol.Colour;
import org.circle.protocol.Operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circle.config.DatabaseSettings;
import org.circle.db.Database;
import org.circle.db.Migrations;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The shard's writer on real PostgreSQL: many boards' batches in one transaction, and a bad one failing alone. */
class ShardWriterTest {
  private Vertx vertx;
  private Pool pool;
  private People people;
  private UUID community;
  private Person ada;
  private ShardWriter writer;
  private Context context;

  @BeforeEach
  void setUp() {
    DatabaseSettings db = TestDatabases.fresh();
    Migrations.apply(db, Migrations.DEFAULT_LOCATION);
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db, 4);
    people = new People(db);
    community = people.community("sessions");
    ada = people.account("Ada");
    writer = new ShardWriter(new BoardLog(pool), vertx, System::nanoTime);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private BoardEvent event(long seq) {
    return new BoardEvent(seq, new Operation.CreateCard("card-" + seq, "text " + seq, Colour.YELLOW, null, "a" + seq),
        ada.id(), "Ada", "client", "op-" + seq);
  }

  /** Hands every batch to the writer in one turn of its context, as a shard's rooms do while a write is in flight. */
  private List<Future<Void>> writeInOneTurn(List<BoardLog.Batch> batches) throws Exception {
    CompletableFuture<List<Future<Void>>> written = new CompletableFuture<>();
    context.runOnContext(v -> {
      List<Future<Void>> futures = new ArrayList<>();
      for (BoardLog.Batch b : batches) futures.add(writer.write(b.boardId(), b.events(), b.snapshotAfter()));
      written.complete(futures);
    });
    List<Future<Void>> futures = written.get(10, TimeUnit.SECONDS);
    Future.join(futures).otherwiseEmpty().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return futures;
  }

  private long transactionsOf(List<UUID> boards) {
    return people.count("SELECT count(DISTINCT xmin::text) FROM board_event WHERE board_id = ANY (?)",
        (Object) boards.toArray(new UUID[0]));
  }

  @Test
  @DisplayName("Batches of 40 boards that wait behind a write are committed together, in one transaction, with their snapshots")
  void waitingBatchesShareOneTransaction() throws Exception {
    List<UUID> boards = new ArrayList<>();
    List<BoardLog.Batch> batches = new ArrayList<>();
    UUID first = people.board(community, false, 5);
    batches.add(new BoardLog.Batch(first, List.of(event(1)), Optional.empty()));
    for (int i = 0; i < 40; i++) {
      UUID board = people.board(community, false, 5);
      boards.add(board);
      Optional<JsonObject> snapshot = i % 10 == 0 ? Optional.of(new JsonObject().put("marker", i)) : Optional.empty();
      batches.add(new BoardLog.Batch(board, List.of(event(1), event(2), event(3)), snapshot));
    }

    List<Future<Void>> outcomes = writeInOneTurn(batches);

    assertTrue(outcomes.stream().allMatch(Future::succeeded), "every batch is durable");
    assertEquals(120, people.count("SELECT count(*) FROM board_event WHERE board_id = ANY (?)", (Object) boards.toArray(new UUID[0])));
    assertEquals(1, transactionsOf(boards), "the 40 waiting batches went in one transaction");
    assertEquals(4, people.count("SELECT count(*) FROM board_snapshot WHERE board_id = ANY (?) AND seq = 3",
        (Object) boards.toArray(new UUID[0])));
  }

  /** Five boards' batches, each in its own turn, the last four after the first is durable. */
  private void writeOneThenFourMore(List<UUID> boards) throws Exception {
    CompletableFuture<List<Future<Void>>> written = new CompletableFuture<>();
    context.runOnContext(v -> {
      List<Future<Void>> futures = new ArrayList<>();
      futures.add(writer.write(boards.get(0), List.of(event(1)), Optional.empty()));
      futures.get(0).onComplete(ar -> {
        for (int i = 1; i < 5; i++) {
          UUID board = boards.get(i);
          context.runOnContext(w -> futures.add(writer.write(board, List.of(event(1)), Optional.empty())));
        }
        context.runOnContext(w -> written.complete(futures));
      });
    });
    Future.join(written.get(10, TimeUnit.SECONDS)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private List<UUID> boards(int n) {
    List<UUID> boards = new ArrayList<>();
    for (int i = 0; i < n; i++) boards.add(people.board(community, false, 5));
    return boards;
  }

  @Test
  @DisplayName("A busy shard paces its writes: batches that follow a write within the pace wait and go together")
  void busyShardPacesWrites() throws Exception {
    // A clock that stands still: every write falls within the pace, every batch arrives at once.
    writer = new ShardWriter(new BoardLog(pool), vertx, () -> 0L);
    UUID busy = people.board(community, false, 5);
    List<BoardLog.Batch> rush = new ArrayList<>();
    for (long seq = 1; seq <= 150; seq++) rush.add(new BoardLog.Batch(busy, List.of(event(seq)), Optional.empty()));
    writeInOneTurn(rush);
    List<UUID> boards = boards(5);

    writeOneThenFourMore(boards);

    assertEquals(2, transactionsOf(boards), "the four batches after the first waited for the pace and went together");
  }

  @Test
  @DisplayName("A quiet shard writes at once: a batch that finds no write in flight is not held back")
  void quietShardWritesAtOnce() throws Exception {
    writer = new ShardWriter(new BoardLog(pool), vertx, () -> 0L);
    List<UUID> boards = boards(5);

    writeOneThenFourMore(boards);

    // The second batch found the writer idle and went alone; the other three waited behind it.
    assertEquals(3, transactionsOf(boards));
  }

  @Test
  @DisplayName("A batch that cannot be written fails alone; the boards written with it are made durable")
  void aBadBatchFailsAlone() throws Exception {
    UUID first = people.board(community, false, 5);
    UUID good = people.board(community, false, 5);
    UUID clash = people.board(community, false, 5);
    UUID other = people.board(community, false, 5);
    writeInOneTurn(List.of(new BoardLog.Batch(clash, List.of(event(1)), Optional.empty())));

    List<Future<Void>> outcomes = writeInOneTurn(List.of(
        new BoardLog.Batch(first, List.of(event(1)), Optional.empty()),
        new BoardLog.Batch(good, List.of(event(1), event(2)), Optional.empty()),
        new BoardLog.Batch(clash, List.of(event(1)), Optional.empty()),
        new BoardLog.Batch(other, List.of(event(1)), Optional.of(new JsonObject()))));

    assertTrue(outcomes.get(0).succeeded());
    assertTrue(outcomes.get(1).succeeded(), "a board written alongside the bad one is durable");
    assertTrue(outcomes.get(2).failed(), "a batch whose sequence number is taken fails");
    assertTrue(outcomes.get(3).succeeded());
    assertEquals(2, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", good));
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", other));
    assertEquals(1, people.count("SELECT count(*) FROM board_snapshot WHERE board_id = ?", other));
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", clash));
  }
}
