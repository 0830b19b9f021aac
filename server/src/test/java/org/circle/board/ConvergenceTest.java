package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.circle.community.Role;
import org.circle.db.Database;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;

/**
 * Several clients make random operations with random disconnects and reconnects; at the end each
 * client's board equals the board in the database, as that client may see it. Every client also
 * checks, on every message, that it saw each sequence number exactly once and in order.
 */
class ConvergenceTest {
  static final int STEPS = 300;
  private static TestServer server;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeContainer
  static void start() {
    server = TestServer.start();
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, server.db(), 2);
  }

  @AfterContainer
  static void stop() throws Exception {
    pool.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    server.close();
  }

  @Property(tries = 20, shrinking = ShrinkingMode.OFF, seed = "4242")
  void everyClientEndsWithTheDatabasesBoard(@ForAll @LongRange(min = 1) long seed) throws Exception {
    Random random = new Random(seed);
    People people = new People(server.db());
    UUID community = people.community("sessions");
    Person ada = people.account("Ada");
    Person bo = people.account("Bo");
    Person fran = people.account("Fran");
    people.member(community, ada, "participant");
    people.member(community, bo, "participant");
    people.member(community, fran, "facilitator");
    boolean anonymous = random.nextBoolean();
    UUID board = people.board(community, anonymous, 3);
    List<SimulatedClient> clients = List.of(
        new SimulatedClient(server, board, ada, "ada-laptop", new Random(random.nextLong())),
        new SimulatedClient(server, board, ada, "ada-phone", new Random(random.nextLong())),
        new SimulatedClient(server, board, bo, "bo", new Random(random.nextLong())),
        new SimulatedClient(server, board, fran, "fran", new Random(random.nextLong())));
    try {
      clients.forEach(SimulatedClient::connect);
      for (int step = 0; step < STEPS; step++) {
        SimulatedClient c = clients.get(random.nextInt(clients.size()));
        c.pump();
        int dice = random.nextInt(100);
        if (c.connected() && dice < 6) c.disconnect();
        else if (!c.connected() && dice < 35) c.connect();
        else c.randomOperation();
        if (random.nextInt(4) == 0) Thread.sleep(1);
      }
      clients.forEach(c -> {
        if (!c.connected()) c.connect();
      });
      org.awaitility.Awaitility.await("clients settle (seed " + seed + ")").atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(5)).until(() -> {
            clients.forEach(SimulatedClient::pump);
            long head = people.count("SELECT coalesce(max(seq), 0) FROM board_event WHERE board_id = ?", board);
            return clients.stream().allMatch(c -> c.settled() && c.board.seq() == head);
          });
      BoardLog.Loaded stored = new BoardLog(pool).load(board, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).orElseThrow();
      long events = people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board);
      assertEquals(stored.seq(), events, "no gaps in the sequence");
      System.out.printf("seed %d: %d events, %d connections%n", seed, events, clients.stream().mapToInt(c -> c.reconnects).sum());
      for (SimulatedClient c : clients) {
        FakeMember viewer = new FakeMember(c.account, "", Role.PARTICIPANT);
        assertEquals(BoardView.snapshotFor(viewer, stored.info(), stored.state()).encodePrettily(), c.board.toJson().encodePrettily(),
            c.clientId + " differs from the database (seed " + seed + ", " + events + " events)");
      }
    } finally {
      clients.forEach(SimulatedClient::close);
    }
  }
}
