package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.circle.support.BoardClient;
import org.circle.support.Http;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FuzzTest {
  static final int CONNECTIONS = 20;
  static final int FRAMES_EACH = 520;
  static final long SEED = 20261125L;

  @Test
  @DisplayName("10,400 malformed frames each get a typed error; the server and the board are unharmed")
  void fuzzedFramesGetTypedErrors() throws Exception {
    try (TestServer server = TestServer.start()) {
      People people = new People(server.db());
      UUID community = people.community("sessions");
      Person ada = people.account("Ada");
      people.member(community, ada, "participant");
      UUID board = people.board(community, false, 5);
      Map<String, Integer> codes = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
          int connection = c;
          runs.add(pool.submit(() -> {
            try (BoardClient client = BoardClient.connect(server, ada)) {
              assertEquals("welcome", client.join(board, "fuzz-" + connection, null).getString("type"));
              client.send(BoardClient.op("before-" + connection, create("before-" + connection)));
              client.expect(m -> m.getString("type").equals("ack"));
              FrameFuzzer fuzzer = new FrameFuzzer(SEED + connection, board);
              for (int i = 0; i < FRAMES_EACH; i++) client.sendRaw(fuzzer.next());
              for (int i = 0; i < FRAMES_EACH; i++) {
                JsonObject answer = client.expect(m -> !m.getString("type").equals("presence") && !m.getString("type").equals("cursors")
                    && !m.getString("type").equals("event"));
                assertEquals("error", answer.getString("type"), "frame answered with " + answer.encode());
                codes.merge(answer.getString("code"), 1, Integer::sum);
              }
              client.send(BoardClient.op("after-" + connection, create("after-" + connection)));
              JsonObject ack = client.expect(m -> m.getString("type").equals("ack"));
              assertEquals("after-" + connection, ack.getString("ref"));
              assertEquals(null, client.closeCode(java.time.Duration.ZERO), "never closed");
              return FRAMES_EACH;
            }
          }));
        }
        int total = 0;
        for (Future<Integer> run : runs) total += run.get();
        assertTrue(total >= 10_000, "fuzzed " + total);
      } finally {
        pool.shutdownNow();
      }
      assertTrue(codes.keySet().containsAll(List.of("bad_json", "bad_envelope", "unsupported_version", "unknown_type", "bad_field", "too_large")),
          "error codes seen: " + codes);
      assertEquals(200, Http.get(server.baseUrl() + "/health").statusCode());
      assertEquals(2L * CONNECTIONS, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
      assertEquals(2L * CONNECTIONS, people.count("SELECT max(seq) FROM board_event WHERE board_id = ?", board));
      try (BoardClient fresh = BoardClient.connect(server, ada)) {
        JsonObject snapshot = fresh.join(board, "check", null).getJsonObject("snapshot");
        assertEquals(2 * CONNECTIONS, snapshot.getJsonArray("cards").size());
      }
    }
  }

  static JsonObject create(String card) {
    return new JsonObject().put("kind", "card.create").put("card", card).put("text", "fine").put("colour", "yellow").put("position", "V");
  }
}
