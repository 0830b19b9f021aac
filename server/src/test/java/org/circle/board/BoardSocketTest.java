package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoardSocketTest {
  private static TestServer server;
  private static People people;
  private static UUID community;
  private static Person ada;
  private static Person bo;
  private static Person sponsor;
  private static Person outsider;
  private static Person facilitator;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    people = new People(server.db());
    community = people.community("sessions");
    ada = people.account("Ada");
    bo = people.account("Bo");
    sponsor = people.account("Sam Sponsor");
    outsider = people.account("Olu");
    facilitator = people.account("Fran");
    people.member(community, ada, "participant");
    people.member(community, bo, "participant");
    people.member(community, sponsor, "sponsor");
    people.member(community, facilitator, "facilitator");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonObject create(String card, String text) {
    return new JsonObject().put("kind", "card.create").put("card", card).put("text", text).put("colour", "yellow").put("position", "V");
  }

  @Test
  @DisplayName("A card one member adds is acknowledged to them and appears for the other, with its author")
  void cardAppearsForOthers() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo)) {
      JsonObject welcomeA = a.join(board, "client-a", null);
      assertEquals("welcome", welcomeA.getString("type"));
      assertEquals(0L, welcomeA.getLong("seq"));
      assertEquals("participant", welcomeA.getJsonObject("you").getString("role"));
      b.join(board, "client-b", null);
      a.send(BoardClient.op("op-1", create("card-1", "We never hear back after a referral")));
      JsonObject ack = a.expectType("ack");
      assertEquals("op-1", ack.getString("ref"));
      assertEquals(1L, ack.getLong("seq"));
      JsonObject event = b.expectType("event");
      assertEquals(1L, event.getLong("seq"));
      assertEquals("We never hear back after a referral", event.getJsonObject("op").getString("text"));
      assertEquals("Ada", event.getJsonObject("author").getString("name"));
      assertNull(event.getString("ref"), "others never see the operation id");
    }
  }

  @Test
  @DisplayName("Sponsors, non-members and unknown boards get a typed 'forbidden' error on join")
  void joinIsChecked() {
    UUID board = people.board(community, false, 5);
    for (Person who : List.of(sponsor, outsider)) {
      try (BoardClient c = BoardClient.connect(server, who)) {
        JsonObject answer = c.join(board, "c", null);
        assertEquals("error", answer.getString("type"));
        assertEquals("forbidden", answer.getString("code"));
        c.send(BoardClient.op("op-x", create("card-x", "x")));
        assertEquals("not_joined", c.expectType("error").getString("code"));
      }
    }
    try (BoardClient c = BoardClient.connect(server, ada)) {
      assertEquals("forbidden", c.join(UUID.randomUUID(), "c", null).getString("code"));
    }
  }

  @Test
  @DisplayName("On an archived community's board every change is rejected as read-only")
  void archivedIsReadOnly() {
    UUID archived = people.community("archived");
    people.member(archived, ada, "participant");
    UUID board = people.board(archived, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada)) {
      assertEquals("welcome", a.join(board, "c", null).getString("type"));
      a.send(BoardClient.op("op-1", create("card-1", "text")));
      JsonObject reject = a.expectType("reject");
      assertEquals("read_only", reject.getString("reason"));
    }
    assertEquals(0, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("A retried operation gets its original acknowledgement and is applied once")
  void retryIsAppliedOnce() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada)) {
      a.join(board, "client-a", null);
      a.send(BoardClient.op("op-1", create("card-1", "first")));
      assertEquals(1L, a.expectType("ack").getLong("seq"));
      a.send(BoardClient.op("op-2", create("card-2", "second")));
      assertEquals(2L, a.expectType("ack").getLong("seq"));
    }
    try (BoardClient again = BoardClient.connect(server, ada)) {
      again.join(board, "client-a", 0L);
      again.send(BoardClient.op("op-1", create("card-1", "first")));
      JsonObject ack = again.expectType("ack");
      assertEquals("op-1", ack.getString("ref"));
      assertEquals(1L, ack.getLong("seq"));
    }
    assertEquals(2, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
  }

  @Test
  @DisplayName("A member who reconnects with their last sequence number receives exactly the events they missed")
  void resumeGetsExactlyTheMissedEvents() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada)) {
      a.join(board, "client-a", null);
      a.send(BoardClient.op("op-1", create("card-1", "one")));
      a.expectType("ack");
      try (BoardClient b = BoardClient.connect(server, bo)) {
        b.join(board, "client-b", null);
      }
      for (int i = 2; i <= 4; i++) {
        a.send(BoardClient.op("op-" + i, create("card-" + i, "text " + i)));
        a.expectType("ack");
      }
      try (BoardClient b = BoardClient.connect(server, bo)) {
        JsonObject welcome = b.join(board, "client-b", 1L);
        assertFalse(welcome.containsKey("snapshot"));
        assertEquals(List.of(2L, 3L, 4L), welcome.getJsonArray("events").stream().map(e -> ((JsonObject) e).getLong("seq")).toList());
        assertEquals(4L, welcome.getLong("seq"));
      }
    }
  }

  @Test
  @DisplayName("Past the operation rate a connection gets typed 'rate_limited' errors and the operations are not applied")
  void rateLimited() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada)) {
      a.join(board, "client-a", null);
      IntStream.range(0, 100).forEach(i -> a.send(BoardClient.op("op-" + i, create("card-" + i, "t"))));
      int acks = 0;
      int limited = 0;
      while (acks + limited < 100) {
        JsonObject m = a.expect(x -> x.getString("type").equals("ack") || x.getString("type").equals("error"));
        if (m.getString("type").equals("ack")) acks++;
        else if ("rate_limited".equals(m.getString("code"))) limited++;
      }
      assertTrue(limited > 0, "some were limited");
      assertEquals(acks, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
      assertEquals(null, a.closeCode(java.time.Duration.ofMillis(100)), "the connection stays open");
    }
  }
}
