package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.circle.support.BoardClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountDeletionTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  private static JsonObject createCard(String id, String text) {
    return new JsonObject().put("kind", "card.create").put("card", id).put("text", text).put("colour", "yellow").put("position", "V");
  }

  @Test
  @DisplayName("Deleting an account withdraws what the person wrote: gone live for others, gone from history, gone on resume")
  void deletedAccountsWordsDisappear() throws Exception {
    var server = circle.server();
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    UUID board = UUID.fromString(c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Stories")).json().getString("id"));
    TestAccounts.Person leaving = c.participants.get(0);
    TestAccounts.Person staying = c.participants.get(1);
    try (BoardClient author = BoardClient.connect(server, leaving); BoardClient other = BoardClient.connect(server, staying)) {
      author.join(board, "a", null);
      other.join(board, "o", null);
      other.send(BoardClient.op("o1", createCard("kept", "A card that stays")));
      other.expectType("ack");
      author.send(BoardClient.op("a1", createCard("gone", "I froze when the child disclosed")));
      author.expectType("ack");
      author.send(BoardClient.op("a2", new JsonObject().put("kind", "comment.add").put("comment", "remark").put("card", "kept")
          .put("text", "My manager never asked")));
      author.expectType("ack");
      other.expect(m -> "event".equals(m.getString("type")) && m.encode().contains("My manager never asked"));

      assertEquals(204, c.as(leaving).delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)).status());

      other.expect(m -> "event".equals(m.getString("type")) && m.getJsonObject("op") != null
          && "comment.delete".equals(m.getJsonObject("op").getString("kind")));
      JsonObject gone = other.expect(m -> "event".equals(m.getString("type")) && m.getJsonObject("op") != null
          && "card.delete".equals(m.getJsonObject("op").getString("kind")));
      assertEquals("gone", gone.getJsonObject("op").getString("card"));
      // The others stay on the board: nobody is disconnected for someone else's withdrawal.
      other.send(BoardClient.op("o2", createCard("after", "Still here")));
      other.expect(m -> "ack".equals(m.getString("type")) && "o2".equals(m.getString("ref")));
      assertEquals(null, other.closeCode(Duration.ZERO));
    }
    try (BoardClient late = BoardClient.connect(server, staying)) {
      JsonObject welcome = late.join(board, "resume-from-the-start", 0L);
      assertEquals("welcome", welcome.getString("type"), welcome.encode());
      assertFalse(welcome.encode().contains("I froze when the child disclosed"), welcome.encode());
      assertFalse(welcome.encode().contains("My manager never asked"), welcome.encode());
      assertTrue(welcome.encode().contains("A card that stays"), welcome.encode());
    }
    var db = server.db();
    try (Connection conn = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = conn.createStatement().executeQuery(
             "SELECT count(*) FROM board_event WHERE op::text LIKE '%froze%' OR op::text LIKE '%manager never%'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "the stored history keeps none of their words");
    }
  }
}
