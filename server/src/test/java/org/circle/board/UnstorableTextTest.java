package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Text PostgreSQL cannot store is refused to its sender alone; it never costs anyone else their board. */
class UnstorableTextTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;
  private static People people;
  private static UUID community;
  private static Person ada;
  private static Person bo;

  @BeforeAll
  static void start() {
    server = circle.server();
    people = new People(server.db());
    community = people.community("sessions");
    ada = people.account("Ada");
    bo = people.account("Bo");
    people.member(community, ada, "participant");
    people.member(community, bo, "participant");
  }

  /** Raw frames: the JSON escapes reach the server as U+0000 and a lone surrogate. */
  private static String op(String id, String body) {
    return "{\"v\":1,\"type\":\"op\",\"id\":\"" + id + "\",\"op\":" + body + "}";
  }

  @Test
  @DisplayName("U+0000 or a lone surrogate in any text gets 'bad_field' for that operation alone; nothing is written, nobody is disconnected")
  void unstorableCharactersAreRefusedAtTheDoor() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo)) {
      a.join(board, "a", null);
      b.join(board, "b", null);
      a.send(BoardClient.op("ok-1", new JsonObject().put("kind", "card.create").put("card", "c1").put("text", "fine")
          .put("colour", "yellow").put("position", "V")));
      a.expect(m -> "ack".equals(m.getString("type")));
      String[] bad = {
          op("nul-card", "{\"kind\":\"card.create\",\"card\":\"c2\",\"text\":\"a\\u0000b\",\"colour\":\"yellow\",\"position\":\"V\"}"),
          op("lone-card", "{\"kind\":\"card.create\",\"card\":\"c3\",\"text\":\"x\\ud800y\",\"colour\":\"yellow\",\"position\":\"V\"}"),
          op("low-edit", "{\"kind\":\"card.text\",\"card\":\"c1\",\"text\":\"\\udc00\"}"),
          op("nul-title", "{\"kind\":\"group.create\",\"group\":\"g1\",\"title\":\"T\\u0000\",\"position\":\"V\"}"),
          op("nul-comment", "{\"kind\":\"comment.add\",\"comment\":\"k1\",\"card\":\"c1\",\"text\":\"\\u0000\"}"),
      };
      for (String frame : bad) {
        a.sendRaw(frame);
        String ref = new JsonObject(frame).getString("id");
        JsonObject error = a.expect(m -> ref.equals(m.getString("ref")));
        assertEquals("error", error.getString("type"), error.encode());
        assertEquals("bad_field", error.getString("code"), error.encode());
      }
      // A valid surrogate pair (an emoji) is text like any other.
      a.send(BoardClient.op("ok-2", new JsonObject().put("kind", "card.text").put("card", "c1").put("text", "fine \uD83D\uDE42")));
      assertEquals(2L, a.expect(m -> "ack".equals(m.getString("type")) && "ok-2".equals(m.getString("ref"))).getLong("seq"));
      assertEquals(2L, b.expect(m -> "event".equals(m.getString("type")) && m.getLong("seq") == 2).getLong("seq"));
      assertNull(a.closeCode(Duration.ZERO));
      assertNull(b.closeCode(Duration.ZERO));
      assertEquals(2, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
    }
  }

  @Test
  @DisplayName("An operation PostgreSQL refuses fails alone with 'invalid'; the rest of its batch is applied without a gap and nobody is disconnected")
  void aRefusedWriteFailsOnlyItsOperation() {
    people.update("""
        CREATE OR REPLACE FUNCTION refuse_boom() RETURNS trigger AS $$
        BEGIN
          IF NEW.op->>'text' = 'boom' THEN RAISE EXCEPTION 'cannot store this' USING ERRCODE = '22P05'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql""");
    people.update("CREATE TRIGGER refuse_boom BEFORE INSERT ON board_event FOR EACH ROW EXECUTE FUNCTION refuse_boom()");
    try {
      UUID board = people.board(community, false, 5);
      try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo)) {
        a.join(board, "a", null);
        b.join(board, "b", null);
        String[] texts = {"one", "boom", "three", "four"};
        for (int i = 0; i < texts.length; i++) {
          a.send(BoardClient.op("op-" + i, new JsonObject().put("kind", "card.create").put("card", "c" + i).put("text", texts[i])
              .put("colour", "yellow").put("position", "V")));
        }
        // An edit of the refused card, sent before the refusal is known, is rejected too: the card never existed.
        a.send(BoardClient.op("op-edit", new JsonObject().put("kind", "card.text").put("card", "c1").put("text", "edited")));
        java.util.Map<String, JsonObject> answers = new java.util.HashMap<>();
        while (answers.size() < 5) {
          JsonObject m = a.expect(x -> ("ack".equals(x.getString("type")) || "reject".equals(x.getString("type"))
              || "error".equals(x.getString("type"))) && x.getString("ref") != null);
          answers.put(m.getString("ref"), m);
        }
        for (String ok : new String[] {"op-0", "op-2", "op-3"}) assertEquals("ack", answers.get(ok).getString("type"), ok);
        assertEquals("invalid", answers.get("op-1").getString("reason"), answers.get("op-1").encode());
        assertEquals("reject", answers.get("op-edit").getString("type"), answers.get("op-edit").encode());
        for (long seq = 1; seq <= 3; seq++) {
          long s = seq;
          b.expect(m -> "event".equals(m.getString("type")) && m.getLong("seq") == s);
        }
        assertNull(a.closeCode(Duration.ZERO), "the sender stays");
        assertNull(b.closeCode(Duration.ZERO), "the others stay");
        assertEquals(3, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
        assertEquals(3, people.count("SELECT max(seq) FROM board_event WHERE board_id = ?", board));
      }
    } finally {
      people.update("DROP TRIGGER refuse_boom ON board_event");
    }
  }
}
