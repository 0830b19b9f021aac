package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.circle.Main;
import org.circle.config.DatabaseSettings;
import org.circle.support.BoardClient;
import org.circle.support.Http;
import org.circle.support.People;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server runs as a child JVM, as in production; under load it is killed with SIGKILL
 * (destroyForcibly) and started again on the same database.
 */
class CrashTest {
  static final int BOARDS = 4;
  static final int CLIENTS = 16;
  static final long LOAD_MS = 1_500;

  /** One browser tab: its client id, its operations in order, and which of them were acknowledged with which seq. */
  static final class Tab {
    final Person person;
    final UUID board;
    final String clientId = "tab-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, JsonObject> sent = new LinkedHashMap<>();
    final Map<String, Long> acked = new ConcurrentHashMap<>();
    boolean warm;

    Tab(Person person, UUID board) {
      this.person = person;
      this.board = board;
    }
  }

  private static Process start(DatabaseSettings db, int port, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().keySet().removeIf(k -> k.startsWith("PG") || k.startsWith("CIRCLE_") || k.equals("DATABASE_URL"));
    builder.environment().put("DATABASE_URL", TestDatabases.url(db));
    builder.environment().put("CIRCLE_HTTP_PORT", String.valueOf(port));
    builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Http.get("http://localhost:" + port + "/health").statusCode() == 200) return process;
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) throw new AssertionError("the server exited: " + Files.readString(log));
      Thread.sleep(100);
    }
    process.destroyForcibly();
    throw new AssertionError("the server did not start");
  }

  @Test
  @DisplayName("After kill -9 under load and a restart, every acknowledged operation is stored once, without gaps, and clients resume")
  void killNineUnderLoad() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    int port = TestServer.freePort();
    Path log = Files.createTempFile("circle-crash", ".log");
    Process server = start(db, port, log);
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
      ChildServer child = new ChildServer(port);
      AtomicBoolean killed = new AtomicBoolean();
      CountDownLatch warm = new CountDownLatch(CLIENTS);
      List<Thread> load = new ArrayList<>();
      for (Tab tab : tabs) {
        Thread t = new Thread(() -> drive(child, tab, killed, warm), tab.clientId);
        t.start();
        load.add(t);
      }
      assertTrue(warm.await(30, TimeUnit.SECONDS), "every tab had an operation acknowledged");
      Thread.sleep(LOAD_MS);
      server.destroyForcibly().waitFor();
      killed.set(true);
      for (Thread t : load) t.join(10_000);
      int ackedBefore = tabs.stream().mapToInt(t -> t.acked.size()).sum();
      int sentBefore = tabs.stream().mapToInt(t -> t.sent.size()).sum();
      assertTrue(ackedBefore > 100, "load was applied: " + ackedBefore + " acknowledged of " + sentBefore);

      verify(people, tabs, boards);

      server = start(db, port, log);
      for (Tab tab : tabs) resume(child, tab);
      verify(people, tabs, boards);
      long stored = people.count("SELECT count(*) FROM board_event");
      assertEquals(sentBefore, stored, "every operation sent, acknowledged or not before the crash, is stored exactly once after the resume");
      System.out.printf("crash: %d of %d operations acknowledged before kill -9; %d stored after resume%n", ackedBefore, sentBefore, stored);
    } finally {
      server.destroyForcibly().waitFor();
    }
  }

  /** Each acknowledged operation is in the log once with the acknowledged seq; each board's seqs run 1..n. */
  private static void verify(People people, List<Tab> tabs, List<UUID> boards) {
    for (Tab tab : tabs) {
      tab.acked.forEach((opId, seq) -> assertEquals(seq.longValue(), people.count(
          "SELECT seq FROM board_event WHERE board_id = ? AND client_id = ? AND op_id = ?", tab.board, tab.clientId, opId),
          "acknowledged " + opId + " is stored with its seq"));
    }
    for (UUID board : boards) {
      long n = people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board);
      long max = people.count("SELECT coalesce(max(seq), 0) FROM board_event WHERE board_id = ?", board);
      assertEquals(n, max, "board " + board + " has no gaps");
    }
  }

  private record ChildServer(int port) {}

  private static void drive(ChildServer child, Tab tab, AtomicBoolean killed, CountDownLatch warm) {
    try (BoardClient client = BoardClient.connect(child.port(), tab.person)) {
      JsonObject welcome = client.join(tab.board, tab.clientId, null);
      if (!welcome.getString("type").equals("welcome")) throw new AssertionError(welcome.encode());
      int n = 0;
      String card = null;
      while (!killed.get()) {
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
        drain(client, tab);
        if (!tab.acked.isEmpty() && warm.getCount() > 0 && !tab.warm) {
          tab.warm = true;
          warm.countDown();
        }
        Thread.sleep(55);
      }
    } catch (RuntimeException | InterruptedException e) {
      // the server died under us: that is the point
    }
  }

  private static void drain(BoardClient client, Tab tab) {
    JsonObject m;
    while ((m = client.next(Duration.ZERO)) != null) {
      if (m.getString("type").equals("ack")) tab.acked.put(m.getString("ref"), m.getLong("seq"));
      else if (m.getString("type").equals("reject") || m.getString("type").equals("error")) {
        throw new AssertionError(tab.clientId + " got " + m.encode());
      }
    }
  }

  /** Reconnects as the same tab and re-sends every operation; each gets an ack, the original one if it was applied. */
  private static void resume(ChildServer child, Tab tab) {
    try (BoardClient client = BoardClient.connect(child.port(), tab.person)) {
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
