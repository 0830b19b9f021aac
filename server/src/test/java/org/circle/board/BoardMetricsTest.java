package org.circle.board;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.circle.support.BoardClient;
import org.circle.support.Metrics;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What an operator sees of the rooms in /metrics moves with what happens on the boards. */
class BoardMetricsTest {
  private static JsonObject card(String id, String text) {
    return new JsonObject().put("kind", "card.create").put("card", id).put("text", text).put("colour", "yellow").put("position", "V");
  }

  @Test
  @DisplayName("/metrics shows open rooms and members, batch sizes, commit latency, welcomes, rejections by reason and resyncs")
  void roomMetricsMove() {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person ada = people.account("Ada");
      Person bo = people.account("Bo");
      people.member(community, ada, "participant");
      people.member(community, bo, "participant");
      UUID board = people.board(community, false, 5);
      String before = Metrics.scrape(server);
      assertEquals(0.0, Metrics.value(before, "circle_board_rooms_open", null));
      assertEquals(0.0, Metrics.value(before, "circle_board_commit_seconds_count", null));

      try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo)) {
        a.join(board, "a", null);
        b.join(board, "b", null);
        for (int i = 0; i < 3; i++) {
          a.send(BoardClient.op("op-" + i, card("c" + i, "card " + i)));
          a.expect(m -> "ack".equals(m.getString("type")));
        }
        b.send(BoardClient.op("vote-missing", new JsonObject().put("kind", "vote").put("card", "no-such-card")));
        assertEquals("not_found", b.expect(m -> "reject".equals(m.getString("type"))).getString("reason"));

        String during = Metrics.scrape(server);
        assertEquals(1.0, Metrics.value(during, "circle_board_rooms_open", null), during);
        assertEquals(2.0, Metrics.value(during, "circle_board_members", null));
        assertEquals(2.0, Metrics.value(during, "circle_board_welcomes_total", "with=\"snapshot\""));
        assertTrue(Metrics.value(during, "circle_board_batch_events_count", null) >= 1);
        assertEquals(3.0, Metrics.value(during, "circle_board_batch_events_sum", null));
        assertTrue(Metrics.value(during, "circle_board_commit_seconds_count", null) >= 1);
        assertTrue(Metrics.value(during, "circle_board_commit_seconds_sum", null) > 0);
        assertEquals(1.0, Metrics.value(during, "circle_board_rejections_total", "reason=\"not_found\""));

        // A write that fails in a way that may have committed: the room restarts and both resume.
        people.update("""
            CREATE FUNCTION refuse_restart() RETURNS trigger AS $$
            BEGIN IF NEW.op->>'text' = 'restart' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql""");
        people.update("CREATE TRIGGER refuse_restart BEFORE INSERT ON board_event FOR EACH ROW EXECUTE FUNCTION refuse_restart()");
        a.send(BoardClient.op("op-restart", card("r", "restart")));
        assertEquals(Integer.valueOf(BoardRoom.RESYNC), a.closeCode(Duration.ofSeconds(20)));
        assertEquals(Integer.valueOf(BoardRoom.RESYNC), b.closeCode(Duration.ofSeconds(20)));
      }
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        String after = Metrics.scrape(server);
        assertEquals(2.0, Metrics.value(after, "circle_board_resyncs_total", "cause=\"room_restart\""), after);
        assertEquals(1.0, Metrics.value(after, "circle_board_rejections_total", "reason=\"unavailable\""));
        assertEquals(0.0, Metrics.value(after, "circle_board_rooms_open", null));
        assertEquals(0.0, Metrics.value(after, "circle_board_members", null));
      });
    }
  }
}
