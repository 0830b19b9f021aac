package org.circle.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.circle.account.Principal;
import org.circle.board.BoardAccess;
import org.circle.board.BoardDirectory;
import org.circle.board.BoardLog;
import org.circle.board.BoardRooms;
import org.circle.community.Communities;
import org.circle.config.DatabaseSettings;
import org.circle.db.Database;
import org.circle.db.Migrations;
import org.circle.support.People;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One connection's rules, behind a socket that needs no network, with its rooms and database real. */
class BoardConnectionTest {
  private Vertx vertx;
  private Pool pool;
  private People people;
  private UUID community;
  private UUID board;
  private TestAccounts.Person ada;
  private BoardAccess access;

  static final class FakeSocket implements ClientSocket {
    final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    volatile Short closedWith;

    @Override
    public void send(String frame) {
      frames.add(new JsonObject(frame));
    }

    @Override
    public void close(short code, String reason) {
      closedWith = code;
    }

    boolean has(String type, String codeOrReason) {
      return frames.stream().anyMatch(f -> f.getString("type").equals(type)
          && (codeOrReason == null || codeOrReason.equals(f.getString("code")) || codeOrReason.equals(f.getString("reason"))));
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    Migrations.apply(db, Migrations.DEFAULT_LOCATION);
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, db, 4);
    people = new People(db);
    community = people.community("sessions");
    ada = TestAccounts.person(db, "Ada");
    people.member(community, ada, "participant");
    board = people.board(community, false, 5);
    access = new BoardAccess(new BoardDirectory(pool), new Communities(pool), (c, a) -> io.vertx.core.Future.succeededFuture(true));
    BoardRooms.deploy(vertx, 1, new BoardLog(pool)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private BoardConnection open(FakeSocket socket, ConnectionLimits limits, Context context) throws Exception {
    java.util.concurrent.CompletableFuture<BoardConnection> made = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> made.complete(new BoardConnection(vertx, new Principal(ada.id(), "Ada", false, false), socket, access, 1,
        limits, System::currentTimeMillis)));
    return made.get(5, TimeUnit.SECONDS);
  }

  /** Waits for the condition; the bound only limits how long a failing test takes on a busy machine. */
  private static void eventually(BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  private static String frame(JsonObject json) {
    return json.put("v", 1).encode();
  }

  private String join() {
    return frame(new JsonObject().put("type", "join").put("board", board.toString()).put("client", "c"));
  }

  private static String create(String opId, String card) {
    return frame(new JsonObject().put("type", "op").put("id", opId).put("op", new JsonObject().put("kind", "card.create")
        .put("card", card).put("text", "t").put("colour", "yellow").put("position", "V")));
  }

  @Test
  @DisplayName("A member removed from the community has their next operation refused once their access is checked again")
  void removedMemberIsRefused() throws Exception {
    FakeSocket socket = new FakeSocket();
    Context context = vertx.getOrCreateContext();
    BoardConnection connection = open(socket, new ConnectionLimits(20, 60, 200, 600, 1000, 60_000, 0), context);
    context.runOnContext(v -> connection.receive(join()));
    eventually(() -> socket.has("welcome", null));
    context.runOnContext(v -> connection.receive(create("op-1", "c1")));
    eventually(() -> socket.has("ack", null));
    people.update("DELETE FROM membership WHERE account_id = ?", ada.id());
    context.runOnContext(v -> connection.receive(create("op-2", "c2")));
    eventually(() -> socket.has("error", "forbidden"));
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("Far more frames than a person can send close the connection with 1008; silence closes it with 4002")
  void abuseAndIdle() throws Exception {
    FakeSocket flooded = new FakeSocket();
    Context context = vertx.getOrCreateContext();
    BoardConnection connection = open(flooded, new ConnectionLimits(20, 60, 200, 600, 1000, 1_500, 5_000), context);
    context.runOnContext(v -> {
      for (int i = 0; i < 700; i++) connection.receive(frame(new JsonObject().put("type", "ping").put("id", "p" + i)));
    });
    eventually(() -> flooded.closedWith != null);
    assertEquals(Short.valueOf((short) 1008), flooded.closedWith);
    assertTrue(flooded.frames.size() >= 600, "the burst was answered before the cut-off");

    FakeSocket quiet = new FakeSocket();
    open(quiet, new ConnectionLimits(20, 60, 200, 600, 1000, 1_500, 5_000), context);
    eventually(() -> quiet.closedWith != null);
    assertEquals(Short.valueOf((short) 4002), quiet.closedWith);
  }
}
