package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.RawWebSocket;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SlowReaderTest {
  static final int WRITERS = 50;
  static final int EDITS_EACH = 60;

  @Test
  @DisplayName("A member who stops reading is disconnected with 'resync' and never delays the others")
  void slowReaderIsCutOffNotWaitedFor() throws Exception {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person ada = people.account("Ada");
      Person bo = people.account("Bo");
      Person sleepy = people.account("Sleepy");
      for (Person who : List.of(ada, bo, sleepy)) people.member(community, who, "participant");
      UUID board = people.board(community, false, 5);
      List<BoardClient> writers = new ArrayList<>();
      try (BoardClient fast = BoardClient.connect(server, bo); RawWebSocket slow = new RawWebSocket(server, sleepy)) {
        fast.join(board, "fast", null);
        slow.sendText(new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", "slow").encode());
        for (int w = 0; w < WRITERS; w++) {
          BoardClient writer = BoardClient.connect(server, ada);
          writer.join(board, "writer-" + w, null);
          writer.send(BoardClient.op("create-" + w, new JsonObject().put("kind", "card.create").put("card", "card-" + w)
              .put("text", "").put("colour", "yellow").put("position", "V")));
          writer.expectType("ack");
          writers.add(writer);
        }
        int expected = WRITERS + WRITERS * (EDITS_EACH - 1);
        // Short edits: the sleeper is cut off for the pings it leaves unanswered, not for bytes, and the
        // 51 clients in this test's own JVM must keep reading on a busy machine, or they would be
        // cut off too (a client that owes a ping for 10 s is slow, whoever it is).
        String longText = "I was not sure whether to escalate. ".repeat(3);
        for (int i = 1; i < EDITS_EACH; i++) {
          for (int w = 0; w < WRITERS; w++) {
            writers.get(w).send(BoardClient.op("edit-" + w + "-" + i, new JsonObject().put("kind", "card.text").put("card", "card-" + w)
                .put("text", longText)));
          }
        }
        int seen = 0;
        long lastSeq = 0;
        boolean slowGone = false;
        while (lastSeq < expected || !slowGone) {
          // A stall, not slowness, fails here: the bound is generous for a busy machine.
          JsonObject m = fast.next(Duration.ofSeconds(60));
          if (m == null) {
            throw new AssertionError("stalled at seq " + lastSeq + " of " + expected + ", slow gone " + slowGone + ", stored "
                + people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board) + "; writer 0 got "
                + writers.get(0).next(Duration.ofMillis(100)));
          }
          if (!m.getString("type").equals("event") && !m.getString("type").equals("presence")) continue;
          if (m.getString("type").equals("event")) {
            lastSeq = m.getLong("seq");
            seen++;
          } else {
            slowGone = !m.encode().contains(sleepy.id().toString());
          }
        }
        assertEquals(expected, seen, "the fast reader saw every card and every edit, in order");
        assertEquals(BoardRoom.RESYNC, slow.readUntilClose(), "the slow reader, catching up, is told to resync");
        assertEquals(1.0, org.circle.support.Metrics.value(server, "circle_board_slow_readers_total", null), "an operator sees it");
      } finally {
        writers.forEach(BoardClient::close);
      }
    }
  }
}
