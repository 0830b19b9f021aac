package org.circle.session;

import static org.circle.support.SessionScenario.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the members ratify anonymous cards, every board of the community is anonymous, and no frame
 * or HTTP response carries the author of a card, comment or vote to anyone but that author.
 */
class AnonymousRulesTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  /** A client's frames, all of them, for assertions on what was on the wire. */
  static final class Wire {
    final BoardClient client;
    final List<JsonObject> all = new ArrayList<>();

    Wire(BoardClient client) {
      this.client = client;
    }

    JsonObject expect(Predicate<JsonObject> wanted) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject m = client.next(Duration.ofMillis(100));
        if (m == null) continue;
        all.add(m);
        if (wanted.test(m)) return m;
      }
      throw new AssertionError("no matching frame; got " + all);
    }

    JsonObject join(UUID board, String clientId, Long since) {
      JsonObject join = new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", clientId);
      if (since != null) join.put("since", since);
      client.send(join);
      return expect(m -> "welcome".equals(m.getString("type")));
    }

    /** Everything but the list of who is here (being on the board is no secret). */
    String content() {
      return all.stream().map(m -> "presence".equals(m.getString("type")) ? m.copy().put("people", "…") : m)
          .map(JsonObject::encode).collect(Collectors.joining("\n"));
    }
  }

  static JsonObject op(String kind) {
    return new JsonObject().put("kind", kind);
  }

  @Test
  @DisplayName("Ratified anonymous cards make every board anonymous, the co-design board too, and open boards stop naming authors at once")
  void anonymousByTheRules() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    Person ada = c.participants.get(0);
    Person bo = c.participants.get(1);
    JsonObject codesign = c.as(ada).get(c.path("/boards")).json().getJsonArray("boards").getJsonObject(0);
    assertFalse(codesign.getBoolean("anonymous"));
    UUID board = UUID.fromString(codesign.getString("id"));
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo)) {
      Wire aw = new Wire(a);
      Wire bw = new Wire(b);
      aw.join(board, "ada", null);
      bw.join(board, "bo", null);
      a.send(BoardClient.op("a-1", op("card.create").put("card", "card-named").put("text", "Before the rules").put("colour", "yellow").put("position", "V")));
      JsonObject named = bw.expect(m -> "event".equals(m.getString("type")));
      assertEquals(ada.displayName(), named.getJsonObject("author").getString("name"), "named until the rules say otherwise");

      // The members ratify anonymous cards; the open board reloads and its members resume.
      JsonObject rules = CommunityScenario.groundRules("What is said here stays here").put("cardNames", "anonymous");
      assertEquals(200, c.as(c.facilitator).put(c.path("/ground-rules/draft"), rules).status());
      assertEquals(200, c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject()).status());
      for (Person p : c.inTheRoom()) c.as(p).post(c.path("/ground-rules/consent"), new JsonObject().put("answer", "agree"));
      assertEquals(4001, b.closeCode(Duration.ofSeconds(10)), "the open board resynchronises");
    }
    assertTrue(c.as(ada).get(c.path("/boards")).json().getJsonArray("boards").stream()
        .allMatch(o -> ((JsonObject) o).getBoolean("anonymous")), "every board of the community is anonymous");
    JsonObject made = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Named?").put("anonymous", false)).json();
    assertTrue(made.getBoolean("anonymous"), "no board less anonymous than the rules");

    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo);
         BoardClient f = BoardClient.connect(server, c.facilitator)) {
      Wire aw = new Wire(a);
      Wire bw = new Wire(b);
      Wire fw = new Wire(f);
      JsonObject ownView = aw.join(board, "ada", null);
      assertEquals(ada.displayName(), ownView.getJsonObject("snapshot").getJsonArray("cards").getJsonObject(0).getJsonObject("author").getString("name"),
          "the author still sees their own card as theirs");
      bw.join(board, "bo", 0L);
      fw.join(board, "fran", null);
      a.send(BoardClient.op("a-2", op("card.create").put("card", "card-anon").put("text", "An honest doubt").put("colour", "pink").put("position", "W")));
      a.send(BoardClient.op("a-3", op("comment.add").put("comment", "comment-anon").put("card", "card-anon").put("text", "More on it")));
      a.send(BoardClient.op("a-4", op("vote").put("card", "card-named")));
      a.send(new JsonObject().put("v", 1).put("type", "presence").put("editing", "card-anon"));
      a.send(new JsonObject().put("v", 1).put("type", "cursor").put("x", 10).put("y", 20));
      aw.expect(m -> "ack".equals(m.getString("type")) && "a-4".equals(m.getString("ref")));
      // Once Ada hears of her own editing, the others' presence frames of the same moment are on their way;
      // a ping answered after them proves they have arrived.
      aw.expect(m -> "presence".equals(m.getString("type")) && !m.getJsonArray("editing").isEmpty());
      for (Wire other : List.of(bw, fw)) {
        other.expect(m -> "event".equals(m.getString("type")) && m.getJsonObject("op") != null && "vote".equals(m.getJsonObject("op").getString("kind")));
        other.client.send(new JsonObject().put("v", 1).put("type", "ping").put("id", "after-presence"));
        other.expect(m -> "pong".equals(m.getString("type")));
        String wire = other.content();
        assertFalse(wire.contains(ada.id().toString()), "Ada's id reached another: " + wire);
        assertFalse(wire.contains(ada.displayName()), "Ada's name reached another: " + wire);
        assertFalse(wire.contains("\"cursors\""), "no pointers on an anonymous board");
        assertTrue(wire.contains("An honest doubt"), "the card itself is shown");
      }
      // HTTP: nothing about who wrote what either.
      for (Person p : List.of(bo, c.facilitator)) {
        ApiClient.Response boards = c.as(p).get(c.path("/boards"));
        assertFalse(boards.body().contains(ada.id().toString()));
      }
    }
  }

  @Test
  @DisplayName("Silent writing on an anonymous session board: the reveal shows each person only their own cards' author")
  void revealOnAnonymousBoard() {
    SessionScenario s = new SessionScenario(server, 2, "anonymous");
    JsonObject session = s.schedule("March");
    s.controlOk(s.facilitator(), session, action("start"));
    UUID board = UUID.fromString(session.getJsonArray("agenda").getJsonObject(0).getString("board"));
    Person ada = s.participant(0);
    Person bo = s.participant(1);
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo);
         BoardClient f = BoardClient.connect(server, s.facilitator())) {
      Wire aw = new Wire(a);
      Wire bw = new Wire(b);
      Wire fw = new Wire(f);
      assertTrue(aw.join(board, "ada", null).getJsonObject("board").getBoolean("anonymous"));
      bw.join(board, "bo", null);
      fw.join(board, "fran", null);
      f.send(BoardClient.op("s", op("board.silent")));
      fw.expect(m -> "ack".equals(m.getString("type")));
      a.send(BoardClient.op("a-1", op("card.create").put("card", "card-a").put("text", "Ada wrote this").put("colour", "blue").put("position", "V")));
      b.send(BoardClient.op("b-1", op("card.create").put("card", "card-b").put("text", "Bo wrote this").put("colour", "green").put("position", "V")));
      aw.expect(m -> "ack".equals(m.getString("type")) && "a-1".equals(m.getString("ref")));
      bw.expect(m -> "ack".equals(m.getString("type")) && "b-1".equals(m.getString("ref")));
      f.send(BoardClient.op("r", op("board.reveal")));
      JsonArray forBo = bw.expect(m -> "event".equals(m.getString("type")) && m.getJsonObject("op") != null
          && "board.reveal".equals(m.getJsonObject("op").getString("kind"))).getJsonObject("op").getJsonArray("cards");
      JsonArray forFran = fw.expect(m -> "event".equals(m.getString("type")) && "r".equals(m.getString("ref"))).getJsonObject("op").getJsonArray("cards");
      for (Object o : forFran) assertFalse(((JsonObject) o).containsKey("author"), "the facilitator sees no author: " + o);
      for (Object o : forBo) {
        JsonObject card = (JsonObject) o;
        assertEquals(card.getString("id").equals("card-b"), card.containsKey("author"), "Bo sees only his own card's author: " + card);
      }
      assertFalse(bw.content().contains(ada.id().toString()));
      assertFalse(fw.content().contains(ada.id().toString()));
      assertFalse(fw.content().contains(bo.id().toString()));
    }
  }
}
