package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.CommunityScenario;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BoardRoutesTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("A facilitator creates a board; the people in the room list it and can join it; the sponsor cannot")
  void createListJoin() {
    CommunityScenario lc = new CommunityScenario(server, 2).inCodesign();
    ApiClient.Response created = lc.as(lc.facilitator).post(lc.path("/boards"),
        new JsonObject().put("title", "What makes this a safe space?").put("anonymous", true).put("voteBudget", 3));
    assertEquals(201, created.status(), created.body());
    UUID board = UUID.fromString(created.json().getString("id"));
    assertTrue(created.json().getBoolean("anonymous"));

    ApiClient.Response list = lc.as(lc.participants.get(0)).get(lc.path("/boards"));
    assertEquals(200, list.status());
    assertEquals(List.of(BoardDirectory.CODESIGN_QUESTION, "What makes this a safe space?"),
        list.json().getJsonArray("boards").stream().map(b -> ((JsonObject) b).getString("title")).toList(),
        "the co-design board, then the new one");
    assertEquals(403, lc.as(lc.sponsor).get(lc.path("/boards")).status());
    assertEquals(403, lc.as(lc.participants.get(0)).post(lc.path("/boards"), new JsonObject().put("title", "Mine")).status());
    assertEquals(400, lc.as(lc.facilitator).post(lc.path("/boards"), new JsonObject().put("title", "")).status());

    try (BoardClient p = BoardClient.connect(server, lc.participants.get(0)); BoardClient s = BoardClient.connect(server, lc.sponsor)) {
      JsonObject welcome = p.join(board, "p", null);
      assertEquals("welcome", welcome.getString("type"));
      assertEquals(3, welcome.getJsonObject("board").getInteger("voteBudget"));
      assertEquals("forbidden", s.join(board, "s", null).getString("code"));
    }
  }

  @Test
  @DisplayName("Once ground rules are in force, a member who has not consented to them gets 'consent_required' on join")
  void consentBeforeContent() {
    CommunityScenario lc = new CommunityScenario(server, 2).inCodesign().ratified("We listen first.");
    ApiClient.Response created = lc.as(lc.facilitator).post(lc.path("/boards"), new JsonObject().put("title", "Stories"));
    UUID board = UUID.fromString(created.json().getString("id"));
    TestAccounts.Person newcomer = TestAccounts.person(server.db(), "New Member");
    TestAccounts.join(server.db(), lc.community, newcomer, org.circle.community.Role.PARTICIPANT);
    try (BoardClient n = BoardClient.connect(server, newcomer); BoardClient p = BoardClient.connect(server, lc.participants.get(0))) {
      assertEquals("consent_required", n.join(board, "n", null).getString("code"));
      assertEquals("welcome", p.join(board, "p", null).getString("type"));
      p.send(BoardClient.op("op-1", new JsonObject().put("kind", "card.create").put("card", "story-1")
          .put("text", "The day I missed the signs").put("colour", "yellow").put("position", "V")));
      p.expectType("ack");
      // Nothing of the room reaches the newcomer's socket, whatever it asks for, until they consent.
      n.sendRaw(new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", "n").put("since", 0).encode());
      for (JsonObject m = n.next(java.time.Duration.ofMillis(1500)); m != null; m = n.next(java.time.Duration.ofMillis(500))) {
        org.junit.jupiter.api.Assertions.assertFalse(m.encode().contains("missed the signs"), "content reached the newcomer: " + m);
        assertEquals("error", m.getString("type"), m.encode());
      }
      assertEquals(200, lc.as(newcomer).post(lc.path("/ground-rules/accept"), new JsonObject().put("version", 1)).status());
      JsonObject welcome = n.join(board, "n", null);
      assertEquals("welcome", welcome.getString("type"), welcome.encode());
      org.junit.jupiter.api.Assertions.assertTrue(welcome.encode().contains("The day I missed the signs"), "after consenting the board arrives");
    }
  }
}
