package org.circle.board;

import org.circle.protocol.Colour;
import org.circle.protocol.FractionalIndex;
import org.circle.protocol.Operation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.circle.community.Role;
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

/** The room on real PostgreSQL, with members that need no network. */
class BoardRoomTest {
  private Vertx vertx;
  private Pool pool;
  private BoardLog boardLog;
  private People people;
  private UUID board;
  private Person ada;
  private Person bo;
  private Context context;
  private DatabaseSettings db;

  @BeforeEach
  void setUp() {
    db = TestDatabases.fresh();
    Migrations.apply(db, Migrations.DEFAULT_LOCATION);
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db, 4);
    boardLog = new BoardLog(pool);
    people = new People(db);
    UUID community = people.community("sessions");
    ada = people.account("Ada");
    bo = people.account("Bo");
    board = people.board(community, false, 5);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private <T> T onContext(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(work.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(10, TimeUnit.SECONDS);
  }

  private BoardRoom open(Runnable onClosed) throws Exception {
    BoardLog.Loaded loaded = await(boardLog.load(board, BoardRoom.RETAINED_EVENTS)).orElseThrow();
    return onContext(() -> new BoardRoom(vertx, Shard.over(vertx, boardLog), loaded, System::currentTimeMillis, onClosed));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private void join(BoardRoom room, FakeMember m, String client, Long since) throws Exception {
    await(onContext(() -> room.join(m, client, since)));
  }

  /** Waits for the condition; the bound only limits how long a failing test takes on a busy machine. */
  private static void eventually(BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  private Operation create(String id, String text) {
    return new Operation.CreateCard(id, text, Colour.YELLOW, null, FractionalIndex.between(null, null));
  }

  @Test
  @DisplayName("A second owner of a board (a node cut off that kept its room) cannot write: the log refuses it, its clients resume, the board never forks")
  void secondWriterIsRefused() throws Exception {
    BoardRoom owner = open(() -> { });
    boolean[] stale = new boolean[1];
    BoardRoom cutOff = open(() -> stale[0] = true);
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    FakeMember b = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(owner, a, "ca", null);
    join(cutOff, b, "cb", null);
    onContext(() -> {
      owner.operation(a, new Actor(ada.id(), "Ada", Role.PARTICIPANT, true), "ca", "first", create("card-a", "by the owner"));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 1);
    onContext(() -> {
      cutOff.operation(b, new Actor(bo.id(), "Bo", Role.PARTICIPANT, true), "cb", "second", create("card-b", "by the cut-off node"));
      return null;
    });
    eventually(() -> b.closedWith != null);
    assertEquals(BoardRoom.RESYNC, b.closedWith.shortValue(), "the cut-off node's client is told to resume elsewhere");
    assertEquals("unavailable", b.ofType("reject").get(0).getString("reason"), "its operation was not acknowledged");
    assertTrue(b.ofType("ack").isEmpty());
    assertTrue(stale[0], "the cut-off room closed itself");
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board), "only the owner's write is stored");
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ? AND op_id = 'first'", board));

    // The client resumes on the owner: its operation is applied once, after the owner's.
    FakeMember again = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(owner, again, "cb", 0L);
    onContext(() -> {
      owner.operation(again, new Actor(bo.id(), "Bo", Role.PARTICIPANT, true), "cb", "second", create("card-b", "by the cut-off node"));
      return null;
    });
    eventually(() -> again.ofType("ack").size() == 1);
    assertEquals(2L, again.ofType("ack").get(0).getLong("seq"));
    assertEquals(2, people.count("SELECT max(seq) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("Operations that arrive while a commit is in flight are committed together, in order, without gaps")
  void groupCommit() throws Exception {
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    FakeMember b = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(room, a, "ca", null);
    join(room, b, "cb", null);
    Actor actor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
    onContext(() -> {
      for (int i = 0; i < 300; i++) room.operation(a, actor, "ca", "op-" + i, create("card-" + i, "t" + i));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 300);
    List<Long> acked = a.ofType("ack").stream().map(m -> m.getLong("seq")).toList();
    assertEquals(java.util.stream.LongStream.rangeClosed(1, 300).boxed().toList(), acked);
    eventually(() -> b.ofType("event").size() == 300);
    long batches = people.count("SELECT count(DISTINCT created_at) FROM board_event WHERE board_id = ?", board);
    assertTrue(batches < 30, "300 operations in " + batches + " transactions");
    assertEquals(BoardRoom.MAX_BATCH, people.count(
        "SELECT max(n) FROM (SELECT count(*) AS n FROM board_event WHERE board_id = ? GROUP BY xmin::text) AS per_transaction", board),
        "the 299 operations queued behind the first go in batches of at most " + BoardRoom.MAX_BATCH);
    assertEquals(300, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("A failed batch is rejected as 'unavailable', clients are told to resync, and the sequence goes on without a gap")
  void failedBatchLeavesNoGap() throws Exception {
    people.update("""
        CREATE FUNCTION refuse_boom() RETURNS trigger AS $$
        BEGIN IF NEW.op->>'text' = 'boom' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql""");
    people.update("CREATE TRIGGER refuse_boom BEFORE INSERT ON board_event FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
    boolean[] closed = new boolean[1];
    BoardRoom room = open(() -> closed[0] = true);
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(room, a, "ca", null);
    Actor actor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
    onContext(() -> {
      room.operation(a, actor, "ca", "op-1", create("c1", "fine"));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 1);
    onContext(() -> {
      room.operation(a, actor, "ca", "op-2", create("c2", "boom"));
      room.operation(a, actor, "ca", "op-3", create("c3", "queued behind it"));
      return null;
    });
    // The room rejects, then closes its members, on its own thread: wait for the last of it.
    eventually(() -> a.ofType("reject").size() == 2 && a.closedWith != null);
    assertTrue(a.ofType("reject").stream().allMatch(r -> r.getString("reason").equals("unavailable")));
    assertEquals(Short.valueOf(BoardRoom.RESYNC), a.closedWith);
    assertTrue(onContext(() -> closed[0]), "the room dropped itself");

    BoardRoom reloaded = open(() -> { });
    FakeMember again = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(reloaded, again, "ca", 1L);
    onContext(() -> {
      reloaded.operation(again, actor, "ca", "op-3", create("c3", "queued behind it"));
      return null;
    });
    eventually(() -> again.ofType("ack").size() == 1);
    assertEquals(2L, again.ofType("ack").get(0).getLong("seq"));
    assertEquals(List.of("1", "2"), List.of(
        String.valueOf(people.count("SELECT min(seq) FROM board_event WHERE board_id = ?", board)),
        String.valueOf(people.count("SELECT max(seq) FROM board_event WHERE board_id = ?", board))));
  }

  @Test
  @DisplayName("A room reloaded from its snapshot and later events has exactly the state it had")
  void reloadFromSnapshot() throws Exception {
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(room, a, "ca", null);
    Actor actor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
    int n = BoardRoom.SNAPSHOT_EVERY + 123;
    onContext(() -> {
      for (int i = 0; i < n; i++) {
        Operation op = i % 3 == 0 && i > 0 ? new Operation.EditText("card-" + (i - 1), "edited " + i)
            : i % 7 == 0 && i > 1 ? new Operation.DeleteCard("card-" + (i - 2)) : create("card-" + i, "t" + i);
        room.operation(a, actor, "ca", "op-" + i, op);
      }
      return null;
    });
    eventually(() -> a.ofType("ack").size() + a.ofType("reject").size() == n);
    assertEquals(1, people.count("SELECT count(*) FROM board_snapshot WHERE board_id = ?", board));
    BoardLog.Loaded loaded = await(boardLog.load(board, BoardRoom.RETAINED_EVENTS)).orElseThrow();
    BoardState before = onContext(room::committedState);
    assertEquals(before.toJson(), loaded.state().toJson());
    assertEquals(onContext(room::committedSeq), loaded.seq());
  }

  @Test
  @DisplayName("On an anonymous board a card's author reaches nobody but its author")
  void anonymousAuthorsStayHidden() throws Exception {
    UUID anonymousBoard = people.board(people.community("sessions"), true, 5);
    board = anonymousBoard;
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    FakeMember b = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    FakeMember a2 = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(room, a, "ca", null);
    join(room, b, "cb", null);
    join(room, a2, "ca2", null);
    onContext(() -> {
      room.operation(a, new Actor(ada.id(), "Ada", Role.PARTICIPANT, true), "ca", "op-1", create("c1", "something I got wrong"));
      return null;
    });
    eventually(() -> b.ofType("event").size() == 1 && a2.ofType("event").size() == 1);
    JsonObject seenByBo = b.ofType("event").get(0);
    assertTrue(!seenByBo.containsKey("author") && !seenByBo.containsKey("ref"), seenByBo.encode());
    assertEquals("Ada", a2.ofType("event").get(0).getJsonObject("author").getString("name"), "the author's other tab sees it");
    FakeMember late = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(room, late, "cb2", null);
    JsonObject card = late.ofType("welcome").get(0).getJsonObject("snapshot").getJsonArray("cards").getJsonObject(0);
    assertTrue(!card.containsKey("author"), card.encode());
    assertTrue(!seenByBo.encode().contains(ada.id().toString()));
  }

  @Test
  @DisplayName("While one person types in a card, another's text edit is rejected as 'being_edited'")
  void softLock() throws Exception {
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    FakeMember f = new FakeMember(bo.id(), "Fran", Role.FACILITATOR);
    join(room, a, "ca", null);
    join(room, f, "cf", null);
    Actor adaActor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
    Actor fran = new Actor(bo.id(), "Fran", Role.FACILITATOR, true);
    onContext(() -> {
      room.operation(a, adaActor, "ca", "op-1", create("c1", "draft"));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 1);
    onContext(() -> {
      room.presence(a.id, "c1");
      room.operation(f, fran, "cf", "op-2", new Operation.EditText("c1", "facilitator overwrites"));
      room.operation(a, adaActor, "ca", "op-3", new Operation.EditText("c1", "draft, continued"));
      return null;
    });
    eventually(() -> f.ofType("reject").size() == 1 && a.ofType("ack").size() == 2);
    assertEquals("being_edited", f.ofType("reject").get(0).getString("reason"));
    eventually(() -> f.ofType("presence").stream().anyMatch(p -> !p.getJsonArray("editing").isEmpty()));
    onContext(() -> {
      room.presence(a.id, null);
      room.operation(f, fran, "cf", "op-4", new Operation.EditText("c1", "now it is free"));
      return null;
    });
    eventually(() -> f.ofType("ack").size() == 1);
  }

  @Test
  @DisplayName("Withdrawing a person deletes their cards and comments and replaces their words on others' cards, as events everyone sees")
  void withdrawal() throws Exception {
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.FACILITATOR);
    FakeMember b = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(room, a, "ca", null);
    join(room, b, "cb", null);
    Actor adaActor = new Actor(ada.id(), "Ada", Role.FACILITATOR, true);
    Actor boActor = new Actor(bo.id(), "Bo", Role.PARTICIPANT, true);
    onContext(() -> {
      room.operation(b, boActor, "cb", "b1", create("bo-card", "Bo wrote"));
      room.operation(a, adaActor, "ca", "a1", create("ada-card", "Ada wrote"));
      room.operation(a, adaActor, "ca", "a2", new Operation.EditText("bo-card", "Ada rewrote"));
      room.operation(a, adaActor, "ca", "a3", new Operation.CreateGroup("g", "Ada heading", "V"));
      room.operation(a, adaActor, "ca", "a4", new Operation.AddComment("k", "bo-card", "Ada remark"));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 4 && b.ofType("ack").size() == 1);
    await(onContext(() -> room.withdraw(ada.id(), true)));
    eventually(() -> b.ofType("event").size() == 8);
    List<String> kinds = b.ofType("event").stream().skip(4).map(e -> e.getJsonObject("op").getString("kind")).toList();
    assertEquals(List.of("comment.delete", "card.text", "group.rename", "card.delete"), kinds);
    BoardState state = onContext(room::committedState);
    assertTrue(!state.toJson().encode().contains("Ada "), state.toJson().encode());
  }

  @Test
  @DisplayName("With the database stalled, queued operations are bounded and a write gives up in time: senders are told 'unavailable' and resync; on resending, nothing acknowledged is lost and nothing is applied twice")
  void stalledDatabaseIsBounded() throws Exception {
    RoomLimits limits = new RoomLimits(5, 1_000, 1_000, 5_000);
    boolean[] closed = new boolean[1];
    BoardLog.Loaded loaded = await(boardLog.load(board, BoardRoom.RETAINED_EVENTS)).orElseThrow();
    BoardRoom room = onContext(() -> new BoardRoom(vertx, Shard.over(vertx, boardLog, limits, RoomMetrics.none()), loaded,
        System::currentTimeMillis, () -> closed[0] = true));
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(room, a, "ca", null);
    Actor actor = new Actor(ada.id(), "Ada", Role.PARTICIPANT, true);
    onContext(() -> {
      room.operation(a, actor, "ca", "op-1", create("c1", "before the stall"));
      return null;
    });
    eventually(() -> a.ofType("ack").size() == 1);
    try (java.sql.Connection stall = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      stall.setAutoCommit(false);
      stall.createStatement().execute("LOCK TABLE board_event IN EXCLUSIVE MODE");
      onContext(() -> {
        for (int i = 2; i <= 9; i++) room.operation(a, actor, "ca", "op-" + i, create("c" + i, "during the stall " + i));
        return null;
      });
      // One in the write, five queued, the two beyond the bound refused at once.
      eventually(() -> a.ofType("reject").size() == 2);
      assertEquals(Short.valueOf(BoardRoom.RESYNC), a.closedWith, "told to come back later");
      // The write gives up: everything waiting is refused and the room restarts.
      eventually(() -> a.ofType("reject").size() == 8 && closed[0]);
      assertTrue(a.ofType("reject").stream().allMatch(r -> "unavailable".equals(r.getString("reason"))));
      stall.commit();
    }
    // The write that gave up may have committed after all (it did here): resending finds it.
    BoardRoom reloaded = open(() -> { });
    FakeMember again = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    join(reloaded, again, "ca", 1L);
    onContext(() -> {
      for (int i = 2; i <= 9; i++) reloaded.operation(again, actor, "ca", "op-" + i, create("c" + i, "during the stall " + i));
      return null;
    });
    eventually(() -> again.ofType("ack").size() == 8);
    assertEquals(9, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
    assertEquals(9, people.count("SELECT max(seq) FROM board_event WHERE board_id = ?", board));
    assertEquals(9, people.count("SELECT count(DISTINCT op_id) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("A member whose socket is gone is swept out of the room, and the others see them leave")
  void sweepRemovesMembersWhoseSocketIsGone() throws Exception {
    BoardRoom room = open(() -> { });
    FakeMember a = new FakeMember(ada.id(), "Ada", Role.PARTICIPANT);
    FakeMember b = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    join(room, a, "ca", null);
    join(room, b, "cb", null);
    eventually(() -> a.ofType("presence").stream().anyMatch(p -> p.getJsonArray("people").size() == 2));
    b.connected = false;
    assertEquals(1, (int) onContext(room::sweep));
    assertEquals(1, (int) onContext(room::memberCount));
    eventually(() -> {
      List<JsonObject> seen = a.ofType("presence");
      return seen.get(seen.size() - 1).getJsonArray("people").size() == 1;
    });
    FakeMember late = new FakeMember(bo.id(), "Bo", Role.PARTICIPANT);
    late.connected = false;
    join(room, late, "cb2", null);
    assertEquals(1, (int) onContext(room::memberCount), "a member whose socket went before its join arrived is never admitted");
    assertTrue(late.received.isEmpty());
  }
}
