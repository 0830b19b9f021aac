package org.circle.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.protocol.BoardLimits;
import org.circle.support.BoardClient;
import org.circle.support.Metrics;
import org.circle.support.People;
import org.circle.support.RawWebSocket;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A client that never reads is cut off by what it owes. */
class NonReaderTest {
  private static final int WRITERS = 15;

  @Test
  @DisplayName("A client that never reads is cut off with 4001 once it owes too much, and the others carry on")
  void nonReaderIsCutOffAndDisconnected() throws Exception {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person ada = people.account("Ada");
      Person sleepy = people.account("Sleepy");
      people.member(community, ada, "participant");
      people.member(community, sleepy, "participant");
      UUID board = people.board(community, false, 5);
      String text = "I was not sure whether to escalate. ".repeat(60).substring(0, BoardLimits.MAX_TEXT);
      List<BoardClient> writers = new ArrayList<>();
      try (RawWebSocket slow = new RawWebSocket(server, sleepy)) {
        slow.sendText(new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", "slow").encode());
        try {
          for (int w = 0; w < WRITERS; w++) {
            BoardClient writer = BoardClient.connect(server, ada);
            writer.join(board, "w" + w, null);
            writers.add(writer);
            writer.send(BoardClient.op("c" + w, new JsonObject().put("kind", "card.create").put("card", "card-" + w).put("text", "")
                .put("colour", "yellow").put("position", "V")));
          }
          writers.get(0).expect(m -> "presence".equals(m.getString("type")) && m.encode().contains(sleepy.id().toString()));
          // About 1.5 MB for the sleeper: more than its socket's buffers and what it may owe beyond them.
          for (int i = 0; i < 50; i++) {
            for (int w = 0; w < writers.size(); w++) {
              writers.get(w).send(BoardClient.op("e" + w + "-" + i, new JsonObject().put("kind", "card.text").put("card", "card-" + w)
                  .put("text", text)));
            }
          }
          BoardClient last = writers.get(writers.size() - 1);
          last.expect(m -> "ack".equals(m.getString("type")) && ("e" + (WRITERS - 1) + "-49").equals(m.getString("ref")));
          await().atMost(Duration.ofSeconds(30)).until(() -> Metrics.value(server, "circle_board_slow_readers_total", null) == 1.0);
          last.send(BoardClient.op("after", new JsonObject().put("kind", "card.text").put("card", "card-" + (WRITERS - 1)).put("text", "after")));
          assertEquals("ack", last.expect(m -> "after".equals(m.getString("ref"))).getString("type"));
          // Reading at last, the sleeper finds what was sent before the cut-off, then 4001: nothing after it.
          assertEquals(4001, slow.readUntilClose());
        } finally {
          writers.forEach(BoardClient::close);
        }
      }
    }
  }
}
