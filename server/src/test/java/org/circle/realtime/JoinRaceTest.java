package org.circle.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.config.DatabaseSettings;
import org.circle.support.BoardClient;
import org.circle.support.Metrics;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A join still on its way to the room when its socket closes, or when the socket joins another
 * board. The room's part of a join (loading the client's applied operations) is held up by a lock
 * on the event log, so the race is not left to chance.
 */
class JoinRaceTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static final Duration PATIENCE = Duration.ofSeconds(20);
  private static TestServer server;
  private static People people;
  private static UUID community;

  @BeforeAll
  static void start() {
    server = circle.server();
    people = new People(server.db());
    community = people.community("sessions");
  }

  private static Person member(String name) {
    Person p = people.account(name);
    people.member(community, p, "participant");
    return p;
  }

  /** Holds every read of the event log until closed: a room's join waits in the database. */
  private static final class LogLock implements AutoCloseable {
    private final Connection connection;

    LogLock(DatabaseSettings db) throws Exception {
      connection = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
      connection.setAutoCommit(false);
      connection.createStatement().execute("LOCK TABLE board_event IN ACCESS EXCLUSIVE MODE");
    }

    /** Waits until {@code n} queries wait for the lock. */
    void awaitWaiting(long n) {
      await().atMost(PATIENCE).until(() -> people.count(
          "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'board_event' AND NOT l.granted") >= n);
    }

    @Override
    public void close() throws Exception {
      connection.commit();
      connection.close();
    }
  }

  private static boolean presenceHas(JsonObject presence, Person who) {
    return presence.getJsonArray("people").stream().anyMatch(p -> ((JsonObject) p).getString("id").equals(who.id().toString()));
  }

  @Test
  @DisplayName("A socket that closes while its join is on the way never appears in the room")
  void closedWhileJoining() throws Exception {
    UUID board = people.board(community, false, 5);
    Person watcher = member("Wanda");
    Person leaver = member("Lee");
    Person later = member("Lou");
    try (BoardClient w = BoardClient.connect(server, watcher)) {
      w.join(board, "w", null);
      double sockets = Metrics.value(server, "vertx_http_server_active_ws_connections", null);
      BoardClient gone = BoardClient.connect(server, leaver);
      try (LogLock lock = new LogLock(server.db())) {
        gone.send(new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", "gone"));
        lock.awaitWaiting(1);
        gone.abort();
        await().atMost(PATIENCE).until(() -> Metrics.value(server, "vertx_http_server_active_ws_connections", null) <= sockets);
      }
      try (BoardClient l = BoardClient.connect(server, later)) {
        l.join(board, "l", null);
        JsonObject presence = w.expect(m -> "presence".equals(m.getString("type")) && presenceHas(m, later));
        assertFalse(presenceHas(presence, leaver), "the closed socket is not in the room: " + presence.encode());
        await().atMost(PATIENCE).until(() -> Metrics.value(server, "circle_board_members", null) == 2.0);
      }
    }
  }

  @Test
  @DisplayName("A socket that joins another board while its first join is on the way gets only the second board's frames")
  void joinedElsewhereWhileJoining() throws Exception {
    UUID first = people.board(community, false, 5);
    UUID second = people.board(community, false, 5);
    Person onFirst = member("Fay");
    Person onSecond = member("Sol");
    Person mover = member("Mo");
    try (BoardClient f = BoardClient.connect(server, onFirst); BoardClient s = BoardClient.connect(server, onSecond);
         BoardClient m = BoardClient.connect(server, mover)) {
      f.join(first, "f", null);
      s.join(second, "s", null);
      try (LogLock lock = new LogLock(server.db())) {
        m.send(new JsonObject().put("v", 1).put("type", "join").put("board", first.toString()).put("client", "m"));
        lock.awaitWaiting(1);
        m.send(new JsonObject().put("v", 1).put("type", "join").put("board", second.toString()).put("client", "m"));
        lock.awaitWaiting(2);
      }
      JsonObject welcome = m.expectType("welcome");
      assertEquals(second.toString(), welcome.getJsonObject("board").getString("id"));

      f.send(BoardClient.op("f1", new JsonObject().put("kind", "card.create").put("card", "first-card").put("text", "on the first board")
          .put("colour", "yellow").put("position", "V")));
      f.expect(x -> "ack".equals(x.getString("type")));
      s.send(BoardClient.op("s1", new JsonObject().put("kind", "card.create").put("card", "second-card").put("text", "on the second board")
          .put("colour", "yellow").put("position", "V")));
      s.expect(x -> "ack".equals(x.getString("type")));
      m.send(new JsonObject().put("v", 1).put("type", "ping").put("id", "last"));
      List<JsonObject> seen = new ArrayList<>();
      while (true) {
        JsonObject next = m.next(PATIENCE);
        assertTrue(next != null, "no pong");
        if ("pong".equals(next.getString("type"))) break;
        seen.add(next);
      }
      String all = seen.toString();
      assertFalse(all.contains("first-card"), "nothing of the first board: " + all);
      assertFalse(seen.stream().anyMatch(x -> "welcome".equals(x.getString("type"))), "one welcome only: " + all);
      assertTrue(all.contains("second-card"), all);
      Person later = member("Lou");
      try (BoardClient l = BoardClient.connect(server, later)) {
        l.join(first, "l", null);
        JsonObject presence = f.expect(x -> "presence".equals(x.getString("type")) && presenceHas(x, later));
        assertFalse(presenceHas(presence, mover), "the first board does not keep the socket that moved on: " + presence.encode());
      }
    }
  }
}
