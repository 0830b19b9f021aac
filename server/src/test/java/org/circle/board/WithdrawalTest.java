package org.circle.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.circle.config.DatabaseSettings;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deleting an account withdraws everything the person wrote: complete, several at once, and after a crash. */
class WithdrawalTest {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static JsonObject card(String id, String text) {
    return new JsonObject().put("kind", "card.create").put("card", id).put("text", text).put("colour", "yellow").put("position", "V");
  }

  private static void applied(BoardClient client, String opId, JsonObject op) {
    client.send(BoardClient.op(opId, op));
    JsonObject answer = client.expect(m -> opId.equals(m.getString("ref")) && !"event".equals(m.getString("type")));
    assertEquals("ack", answer.getString("type"), answer.encode());
  }

  private static boolean isOp(JsonObject m, String kind) {
    return "event".equals(m.getString("type")) && m.getJsonObject("op") != null && kind.equals(m.getJsonObject("op").getString("kind"));
  }

  /** Rows of the history and snapshots that still hold any of {@code words}. */
  private static long stored(People people, UUID board, String... words) {
    long n = 0;
    for (String w : words) {
      n += people.count("SELECT count(*) FROM board_event WHERE board_id = ? AND op::text LIKE ?", board, "%" + w + "%");
      n += people.count("SELECT count(*) FROM board_snapshot WHERE board_id = ? AND state::text LIKE ?", board, "%" + w + "%");
    }
    return n;
  }

  private static void deleteAccount(TestServer server, Person who) {
    assertEquals(204, ApiClient.as(server, who).delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)).status());
  }

  @Test
  @DisplayName("A deleted facilitator's group titles and edits of others' cards go from every client, the history and the snapshot")
  void titlesAndEditsOfOthersCardsAreWithdrawn() {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person fran = people.account("Fran");
      Person ada = people.account("Ada");
      Person bo = people.account("Bo");
      people.member(community, fran, "facilitator");
      people.member(community, ada, "participant");
      people.member(community, bo, "participant");
      UUID board = people.board(community, false, 5);
      String[] franWords = {"Fran rewrote this", "Fran heading", "Fran own card", "Fran remark"};
      try (BoardClient f = BoardClient.connect(server, fran); BoardClient a = BoardClient.connect(server, ada);
           BoardClient b = BoardClient.connect(server, bo)) {
        f.join(board, "f", null);
        a.join(board, "a", null);
        b.join(board, "b", null);
        applied(a, "a1", card("ada-card", "Ada own words"));
        applied(f, "f1", new JsonObject().put("kind", "group.create").put("group", "g1").put("title", "Fran heading").put("position", "V"));
        applied(f, "f2", new JsonObject().put("kind", "card.text").put("card", "ada-card").put("text", "Fran rewrote this"));
        applied(f, "f3", card("fran-card", "Fran own card"));
        applied(f, "f4", new JsonObject().put("kind", "comment.add").put("comment", "c1").put("card", "ada-card").put("text", "Fran remark"));

        deleteAccount(server, fran);

        // In this order: comments on others' cards, words on others' cards, group titles, their own cards.
        b.expect(m -> isOp(m, "comment.delete"));
        JsonObject text = b.expect(m -> isOp(m, "card.text") && "(withdrawn)".equals(m.getJsonObject("op").getString("text")));
        assertEquals("ada-card", text.getJsonObject("op").getString("card"));
        b.expect(m -> isOp(m, "group.rename") && "(withdrawn)".equals(m.getJsonObject("op").getString("title")));
        b.expect(m -> isOp(m, "card.delete") && "fran-card".equals(m.getJsonObject("op").getString("card")));
        await().atMost(PATIENCE).until(() -> people.count("SELECT count(*) FROM pending_withdrawal") == 0);
        assertEquals(0, stored(people, board, franWords), "neither the history nor the snapshot keeps Fran's words");
        assertEquals(1, people.count("SELECT count(*) FROM board_snapshot WHERE board_id = ?", board), "a clean snapshot is stored");
      }
      try (BoardClient late = BoardClient.connect(server, bo)) {
        for (Long since : new Long[] {0L, null}) {
          JsonObject welcome = late.join(board, "late-" + since, since);
          assertEquals("welcome", welcome.getString("type"), welcome.encode());
          for (String w : franWords) assertFalse(welcome.encode().contains(w), w + " in " + welcome.encode());
          assertFalse(welcome.encode().contains("\"Fran\""), welcome.encode());
          assertEquals(true, welcome.encode().contains("ada-card"), "Ada's card stays");
        }
      }
    }
  }

  @Test
  @DisplayName("Two people deleting their accounts at once both finish promptly, and the words of both go")
  void twoWithdrawalsAtOnce() throws Exception {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person ada = people.account("Ada");
      Person bo = people.account("Bo");
      Person cy = people.account("Cy");
      for (Person p : List.of(ada, bo, cy)) people.member(community, p, "participant");
      UUID board = people.board(community, false, 5);
      try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo);
           BoardClient c = BoardClient.connect(server, cy)) {
        a.join(board, "a", null);
        b.join(board, "b", null);
        c.join(board, "c", null);
        for (int i = 0; i < 5; i++) {
          applied(a, "a" + i, card("ada-" + i, "Ada wrote " + i));
          applied(b, "b" + i, card("bo-" + i, "Bo wrote " + i));
        }
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> deleteAccount(server, ada));
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> deleteAccount(server, bo));
        // Before, one withdrawal took over the other's completion, which then waited 30 s and failed.
        CompletableFuture.allOf(first, second).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await().atMost(PATIENCE).until(() -> people.count("SELECT count(*) FROM pending_withdrawal") == 0);
        for (int i = 0; i < 5; i++) {
          String adaCard = "ada-" + i;
          c.expect(m -> isOp(m, "card.delete") && adaCard.equals(m.getJsonObject("op").getString("card")));
        }
        assertEquals(0, stored(people, board, "Ada wrote", "Bo wrote"));
        applied(c, "c1", card("cy-card", "Cy goes on"));
      }
    }
  }

  @Test
  @DisplayName("A withdrawal cut short by a crash is finished when the server starts again")
  void finishedAfterACrash() {
    DatabaseSettings db = TestDatabases.fresh();
    UUID board;
    Person ada;
    Person bo;
    People people = new People(db);
    try (TestServer server = TestServer.start(db, java.util.Map.of())) {
      UUID community = people.community("sessions");
      ada = people.account("Ada");
      bo = people.account("Bo");
      people.member(community, ada, "participant");
      people.member(community, bo, "participant");
      board = people.board(community, false, 5);
      try (BoardClient a = BoardClient.connect(server, ada)) {
        a.join(board, "a", null);
        applied(a, "a1", card("ada-card", "Ada confided this"));
        applied(a, "a2", new JsonObject().put("kind", "group.create").put("group", "g").put("title", "Ada named this").put("position", "V"));
      }
    }
    // The deletion committed, and the server died before withdrawing anything.
    people.update("UPDATE account SET deleted_at = now(), display_name = 'Former member' WHERE id = ?", ada.id());
    people.update("DELETE FROM membership WHERE account_id = ?", ada.id());
    assertEquals(1, people.count("SELECT count(*) FROM pending_withdrawal"));
    try (TestServer server = TestServer.start(db, java.util.Map.of())) {
      await().atMost(PATIENCE).until(() -> people.count("SELECT count(*) FROM pending_withdrawal") == 0);
      assertEquals(0, stored(people, board, "Ada confided", "Ada named"));
      try (BoardClient b = BoardClient.connect(server, bo)) {
        JsonObject welcome = b.join(board, "b", 0L);
        assertFalse(welcome.encode().contains("Ada confided") || welcome.encode().contains("Ada named"), welcome.encode());
      }
    }
  }
}
