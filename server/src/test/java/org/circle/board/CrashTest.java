package org.circle.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circle.config.DatabaseSettings;
import org.circle.support.BoardClient;
import org.circle.support.BoardLogChecks;
import org.circle.support.ChildServer;
import org.circle.support.People;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestDatabases;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server runs as a child JVM, as in production; under load it is killed with SIGKILL
 * (destroyForcibly) and started again on the same database. Every tab runs on a thread whose
 * outcome is collected, so an assertion that fails inside a tab fails the test.
 */
class CrashTest {
  static final int BOARDS = 4;
  static final int CLIENTS = 16;
  /** Enough acknowledged operations per tab that the kill lands in the middle of steady editing. */
  static final int ACKED_PER_TAB_BEFORE_KILL = 10;

  /** One browser tab: its client id, its operations in order, and which of them were acknowledged with which seq. */
  static final class Tab {
    final Person person;
    final UUID board;
    final String clientId = "tab-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, JsonObject> sent = new LinkedHashMap<>();
    final Map<String, Long> acked = new ConcurrentHashMap<>();

    Tab(Person person, UUID board) {
      this.person = person;
      this.board = board;
    }
  }

  private static ChildServer start(DatabaseSettings db) {
    // A generous operation rate: each tab sends its next operation as soon as the last is acknowledged.
    return ChildServer.start(Map.of("DATABASE_URL", TestDatabases.url(db),
        "CIRCLE_WS_OPS_PER_SECOND", "1000", "CIRCLE_WS_OPS_BURST", "1000"));
  }

  @Test
  @DisplayName("After kill -9 under load and a restart, every acknowledged operation is stored once, without gaps, and clients resume")
  void killNineUnderLoad() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    ChildServer server = start(db);
    ExecutorService load = Executors.newFixedThreadPool(CLIENTS);
    try {
      People people = new People(db);
      UUID community = people.community("sessions");
      List<UUID> boards = new ArrayList<>();
      for (int b = 0; b < BOARDS; b++) boards.add(people.board(community, false, 5));
      List<Tab> tabs = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        Person person = TestAccounts.person(db, "Member " + c);
        people.member(community, person, "participant");
        tabs.add(new Tab(person, boards.get(c % BOARDS)));
      }
      AtomicBoolean crashing = new AtomicBoolean();
      List<Future<?>> running = new ArrayList<>();
      int port = server.port();
      for (Tab tab : tabs) running.add(load.submit(() -> drive(port, tab, crashing)));

      // Under load: every tab has had operations acknowledged, and the server has acknowledged plenty.
      await().atMost(Duration.ofMinutes(2)).until(() -> running.stream().anyMatch(Future::isDone)
          || tabs.stream().allMatch(t -> t.acked.size() >= ACKED_PER_TAB_BEFORE_KILL));
      for (Future<?> tab : running) {
        if (tab.isDone()) outcome(tab);
        assertFalse(tab.isDone(), "a tab stopped editing before the crash");
      }
      crashing.set(true);
      server.killNine();
      for (Future<?> tab : running) outcome(tab);
      int sentBefore = tabs.stream().mapToInt(t -> t.sent.size()).sum();

      verify(people, tabs, boards);

      server = start(db);
      for (Tab tab : tabs) resume(server.port(), tab);
      verify(people, tabs, boards);
      long stored = people.count("SELECT count(*) FROM board_event");
      assertEquals(sentBefore, stored, "every operation sent, acknowledged or not before the crash, is stored exactly once after the resume");
    } finally {
      load.shutdownNow();
      server.close();
    }
  }

  private static void outcome(Future<?> tab) throws Exception {
    BoardLogChecks.outcome(tab, 2);
  }

  /** Each acknowledged operation is in the log once with the acknowledged seq; each board's seqs run 1..n. */
  private static void verify(People people, List<Tab> tabs, List<UUID> boards) {
    for (Tab tab : tabs) {
      tab.acked.forEach((opId, seq) -> assertEquals(seq.longValue(), people.count(
          "SELECT seq FROM board_event WHERE board_id = ? AND client_id = ? AND op_id = ?", tab.board, tab.clientId, opId),
          "acknowledged " + opId + " is stored with its seq"));
    }
    BoardLogChecks.assertNoGaps(people, boards);
  }

  /**
   * One tab's editing until the server is killed: each operation is sent once its predecessor is
   * acknowledged. Losing the connection is expected only once the kill has begun; anything else
   * (a refusal, an error, a lost connection before the kill) fails the test.
   */
  private static Void drive(int port, Tab tab, AtomicBoolean crashing) {
    try (BoardClient client = BoardClient.connect(port, tab.person)) {
      JsonObject welcome = client.join(tab.board, tab.clientId, null);
      assertEquals("welcome", welcome.getString("type"), welcome.encode());
      int n = 0;
      String card = null;
      while (true) {
        String opId = "op-" + (++n);
        JsonObject op;
        if (n % 3 == 1) {
          card = tab.clientId + "-" + n;
          op = new JsonObject().put("kind", "card.create").put("card", card).put("text", "card " + n).put("colour", "yellow").put("position", "V");
        } else {
          op = new JsonObject().put("kind", "card.text").put("card", card).put("text", "edit " + n);
        }
        synchronized (tab) {
          tab.sent.put(opId, op);
        }
        client.send(BoardClient.op(opId, op));
        JsonObject answer = client.expect(m -> List.of("ack", "reject", "error").contains(m.getString("type")));
        assertEquals("ack", answer.getString("type"), tab.clientId + " got " + answer.encode());
        tab.acked.put(answer.getString("ref"), answer.getLong("seq"));
      }
    } catch (RuntimeException | AssertionError e) {
      if (crashing.get()) return null; // the server died under us: that is the point
      throw e;
    }
  }

  /** Reconnects as the same tab and re-sends every operation; each gets an ack, the original one if it was applied. */
  private static void resume(int port, Tab tab) {
    try (BoardClient client = BoardClient.connect(port, tab.person)) {
      assertEquals("welcome", client.join(tab.board, tab.clientId, null).getString("type"));
      Map<String, Long> before = Map.copyOf(tab.acked);
      List<String> ids = new ArrayList<>(tab.sent.keySet());
      for (String opId : ids) {
        client.send(BoardClient.op(opId, tab.sent.get(opId)));
        JsonObject ack = client.expect(m -> m.getString("type").equals("ack") || m.getString("type").equals("reject")
            || m.getString("type").equals("error"));
        assertEquals("ack", ack.getString("type"), ack.encode());
        assertEquals(opId, ack.getString("ref"));
        if (before.containsKey(opId)) assertEquals(before.get(opId), ack.getLong("seq"), "a retry gets its original acknowledgement");
        tab.acked.put(opId, ack.getLong("seq"));
      }
    }
  }
}
