package org.circle.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Silent writing, then reveal, asserted on the frames the server sends: until the reveal nobody but
 * a card's author receives its text, colour or author, facilitator included, whether live, resuming
 * with {@code since} or from a snapshot.
 */
class SilentWritingTest {
  private static TestServer server;
  private static People people;
  private static UUID community;
  private static Person ada;
  private static Person bo;
  private static Person fran;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    people = new People(server.db());
    community = people.community("sessions");
    ada = people.account("Ada Writer");
    bo = people.account("Bo Reader");
    fran = people.account("Fran Facilitator");
    people.member(community, ada, "participant");
    people.member(community, bo, "participant");
    people.member(community, fran, "facilitator");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Everything a client receives, kept as sent, so assertions can be made on the frames themselves. */
  static final class Frames {
    final BoardClient client;
    final List<JsonObject> all = new ArrayList<>();

    Frames(BoardClient client) {
      this.client = client;
    }

    JsonObject join(UUID board, String clientId, Long since) {
      JsonObject join = new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", clientId);
      if (since != null) join.put("since", since);
      client.send(join);
      return expect(m -> m.getString("type").equals("welcome"));
    }

    JsonObject expect(Predicate<JsonObject> wanted) {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        JsonObject m = client.next(Duration.ofMillis(100));
        if (m == null) continue;
        all.add(m);
        if (wanted.test(m)) return m;
      }
      throw new AssertionError("no matching frame within 10 s; got " + all);
    }

    /** The event with this sequence number, whether it has already arrived or is still to come. */
    JsonObject event(long seq) {
      Predicate<JsonObject> wanted = m -> "event".equals(m.getString("type")) && m.getLong("seq") == seq;
      return all.stream().filter(wanted).findFirst().orElseGet(() -> expect(wanted));
    }

    String text() {
      return all.stream().map(JsonObject::encode).collect(Collectors.joining("\n"));
    }
  }

  static JsonObject op(String kind) {
    return new JsonObject().put("kind", kind);
  }

  static JsonObject create(String card, String text, String colour) {
    return op("card.create").put("card", card).put("text", text).put("colour", colour).put("position", "V");
  }

  /** What must never reach anyone but Ada before the reveal. */
  static void assertNothingOfAdas(Frames frames, String cardId) {
    // Who is on the board is no secret; which card anyone types in is (checked separately below).
    String wire = frames.all.stream().map(m -> "presence".equals(m.getString("type")) ? m.copy().put("people", "…") : m)
        .map(JsonObject::encode).collect(Collectors.joining("\n"));
    for (String secret : List.of("Ada's secret doubt", "Ada's edited doubt", "purple", "pink", cardId, ada.id().toString(), "Ada Writer")) {
      assertFalse(wire.contains(secret), "'" + secret + "' reached another member: " + wire);
    }
  }

  @Test
  @DisplayName("During silent writing others, facilitator included, receive a sequence number and nothing else; after reveal everyone receives every card")
  void silentThenReveal() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient b = BoardClient.connect(server, bo);
         BoardClient f = BoardClient.connect(server, fran)) {
      Frames af = new Frames(a);
      Frames bf = new Frames(b);
      Frames ff = new Frames(f);
      af.join(board, "client-a", null);
      bf.join(board, "client-b", null);
      ff.join(board, "client-f", null);
      f.send(BoardClient.op("silent-1", op("board.silent")));
      ff.expect(m -> "ack".equals(m.getString("type")));
      assertEquals("board.silent", bf.event(1).getJsonObject("op").getString("kind"));
      af.event(1);

      a.send(BoardClient.op("a-1", create("card-ada", "Ada's secret doubt", "pink")));
      af.expect(m -> "ack".equals(m.getString("type")) && "a-1".equals(m.getString("ref")));
      a.send(BoardClient.op("a-2", op("card.text").put("card", "card-ada").put("text", "Ada's edited doubt")));
      a.send(BoardClient.op("a-3", op("card.colour").put("card", "card-ada").put("colour", "purple")));
      a.send(BoardClient.op("a-4", op("comment.add").put("comment", "comment-ada").put("card", "card-ada").put("text", "Ada's secret doubt again")));
      a.send(BoardClient.op("a-5", op("vote").put("card", "card-ada")));
      af.expect(m -> "ack".equals(m.getString("type")) && "a-5".equals(m.getString("ref")));
      // Ada types in her card: the soft lock tells others nothing of a card they cannot see.
      a.send(new JsonObject().put("v", 1).put("type", "presence").put("editing", "card-ada"));
      af.expect(m -> "presence".equals(m.getString("type")) && !m.getJsonArray("editing").isEmpty());
      bf.expect(m -> "presence".equals(m.getString("type")));
      b.send(BoardClient.op("b-1", create("card-bo", "Bo's open question", "green")));
      bf.expect(m -> "ack".equals(m.getString("type")) && "b-1".equals(m.getString("ref")));

      for (long seq = 2; seq <= 6; seq++) {
        JsonObject forBo = bf.event(seq);
        JsonObject forFran = ff.event(seq);
        assertEquals(Set.of("v", "type", "seq"), forBo.fieldNames(), "a hidden event is a sequence number and nothing else: " + forBo);
        assertEquals(Set.of("v", "type", "seq"), forFran.fieldNames(), "the facilitator too: " + forFran);
      }
      assertEquals(Set.of("v", "type", "seq"), ff.event(7).fieldNames(), "Bo's card is hidden from Fran as well");
      assertEquals(Set.of("v", "type", "seq"), af.event(7).fieldNames(), "and from Ada");

      // Nobody else can touch, comment on or vote for a card they cannot see: it does not exist for them.
      f.send(BoardClient.op("f-1", op("card.delete").put("card", "card-ada")));
      assertEquals("not_found", ff.expect(m -> "f-1".equals(m.getString("ref"))).getString("reason"));
      b.send(BoardClient.op("b-2", op("vote").put("card", "card-ada")));
      assertEquals("not_found", bf.expect(m -> "b-2".equals(m.getString("ref"))).getString("reason"));
      b.send(BoardClient.op("b-3", op("comment.add").put("comment", "comment-bo").put("card", "card-ada").put("text", "hm")));
      assertEquals("not_found", bf.expect(m -> "b-3".equals(m.getString("ref"))).getString("reason"));
      b.send(BoardClient.op("b-4", op("board.reveal")));
      assertEquals("forbidden", bf.expect(m -> "b-4".equals(m.getString("ref"))).getString("reason"));

      // Resuming with since, and from a snapshot: still nothing of Ada's card.
      try (BoardClient b2 = BoardClient.connect(server, bo); BoardClient f2 = BoardClient.connect(server, fran)) {
        Frames resumed = new Frames(b2);
        JsonObject welcome = resumed.join(board, "client-b", 1L);
        assertEquals(6, welcome.getJsonArray("events").size());
        for (Object o : welcome.getJsonArray("events")) {
          JsonObject e = (JsonObject) o;
          if (e.getLong("seq") != 7) assertEquals(Set.of("v", "type", "seq"), e.fieldNames(), e.encode());
        }
        Frames fresh = new Frames(f2);
        JsonObject snapshot = fresh.join(board, "client-f2", null).getJsonObject("snapshot");
        assertEquals(List.of(), ids(snapshot.getJsonArray("cards")), "the facilitator sees no one's card before the reveal");
        assertEquals(0, snapshot.getJsonArray("comments").size());
        assertTrue(snapshot.getBoolean("silent"));
        assertEquals(2, snapshot.getInteger("hiddenCards"), "told only how many cards exist");
        assertNothingOfAdas(resumed, "card-ada");
        assertNothingOfAdas(fresh, "card-ada");
      }
      assertNothingOfAdas(bf, "card-ada");
      assertNothingOfAdas(ff, "card-ada");
      Predicate<JsonObject> twoHidden = m -> "presence".equals(m.getString("type")) && m.getInteger("hiddenCards", 0) == 2;
      if (ff.all.stream().noneMatch(twoHidden)) ff.expect(twoHidden);
      try (BoardClient a2 = BoardClient.connect(server, ada)) {
        JsonObject own = new Frames(a2).join(board, "client-a2", null).getJsonObject("snapshot");
        assertTrue(ids(own.getJsonArray("cards")).contains("card-ada"), "the author sees their own card");
        assertEquals("Ada's edited doubt", own.getJsonArray("cards").stream().map(o -> (JsonObject) o)
            .filter(c -> c.getString("id").equals("card-ada")).findFirst().orElseThrow().getString("text"));
        assertEquals(1, own.getInteger("hiddenCards"));
      }

      // The reveal: everyone receives every card at once, in one event.
      f.send(BoardClient.op("reveal-1", op("board.reveal")));
      JsonObject revealForFran = ff.expect(m -> "event".equals(m.getString("type")) && "reveal-1".equals(m.getString("ref")));
      JsonObject revealForBo = bf.expect(m -> "event".equals(m.getString("type")) && m.getJsonObject("op") != null
          && "board.reveal".equals(m.getJsonObject("op").getString("kind")));
      ff.expect(m -> "ack".equals(m.getString("type")) && "reveal-1".equals(m.getString("ref")));
      JsonArray cards = revealForBo.getJsonObject("op").getJsonArray("cards");
      assertEquals(Set.of("card-ada", "card-bo"), Set.copyOf(ids(cards)));
      assertEquals(ids(cards), ids(revealForFran.getJsonObject("op").getJsonArray("cards")), "one order for everyone");
      JsonObject adas = cards.stream().map(o -> (JsonObject) o).filter(c -> c.getString("id").equals("card-ada")).findFirst().orElseThrow();
      assertEquals("Ada's edited doubt", adas.getString("text"));
      assertEquals("purple", adas.getString("colour"));
      assertEquals("Ada Writer", adas.getJsonObject("author").getString("name"), "a named board names authors once revealed");
      assertNotEquals("V", adas.getString("position"), "revealed cards get new positions in the shuffled order");

      b.send(BoardClient.op("b-5", op("vote").put("card", "card-ada")));
      bf.expect(m -> "ack".equals(m.getString("type")) && "b-5".equals(m.getString("ref")));
      f.send(BoardClient.op("reveal-2", op("board.reveal")));
      assertEquals("nothing_hidden", ff.expect(m -> "reject".equals(m.getString("type"))).getString("reason"));

      // A member who missed the reveal catches up with a snapshot: the cards, not the order they were written in.
      try (BoardClient b3 = BoardClient.connect(server, bo)) {
        JsonObject welcome = new Frames(b3).join(board, "client-b3", 1L);
        assertNull(welcome.getJsonArray("events"));
        JsonObject snapshot = welcome.getJsonObject("snapshot");
        assertEquals(Set.of("card-ada", "card-bo"), Set.copyOf(ids(snapshot.getJsonArray("cards"))));
        assertFalse(snapshot.getBoolean("silent", false));
        assertEquals(0, snapshot.getInteger("hiddenCards", 0));
        assertEquals(1, snapshot.getJsonArray("comments").size());
      }
    }
  }

  @Test
  @DisplayName("After a restart the room still hides what was written in silence, and the reveal still shows it")
  void survivesReload() {
    UUID board = people.board(community, false, 5);
    try (BoardClient a = BoardClient.connect(server, ada); BoardClient f = BoardClient.connect(server, fran)) {
      Frames af = new Frames(a);
      Frames ff = new Frames(f);
      af.join(board, "client-a", null);
      ff.join(board, "client-f", null);
      f.send(BoardClient.op("s", op("board.silent")));
      ff.expect(m -> "ack".equals(m.getString("type")));
      a.send(BoardClient.op("a-1", create("card-ada", "Ada's secret doubt", "pink")));
      af.expect(m -> "ack".equals(m.getString("type")) && "a-1".equals(m.getString("ref")));
      ff.event(2);
    }
    // The room reloads from the database (as after a restart or a failed write).
    server.app().vertx().eventBus().request(BoardRooms.address(board, Runtime.getRuntime().availableProcessors()),
        new RoomCommand.Reload(board), LocalCodec.DELIVERY).toCompletionStage().toCompletableFuture().join();
    try (BoardClient f = BoardClient.connect(server, fran)) {
      Frames ff = new Frames(f);
      JsonObject resumed = ff.join(board, "client-f", 1L);
      assertEquals(Set.of("v", "type", "seq"), resumed.getJsonArray("events").getJsonObject(0).fieldNames());
      JsonObject snapshot = new Frames(BoardClient.connect(server, fran)).join(board, "client-f3", null).getJsonObject("snapshot");
      assertEquals(0, snapshot.getJsonArray("cards").size());
      assertEquals(1, snapshot.getInteger("hiddenCards"));
      assertNothingOfAdas(ff, "card-ada");
      f.send(BoardClient.op("r", op("board.reveal")));
      JsonObject reveal = ff.expect(m -> "event".equals(m.getString("type")) && "r".equals(m.getString("ref")));
      assertEquals("Ada's secret doubt", reveal.getJsonObject("op").getJsonArray("cards").getJsonObject(0).getString("text"));
    }
  }

  private static List<String> ids(JsonArray cards) {
    return cards.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }
}
