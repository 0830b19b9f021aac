package org.circle.board;

import org.circle.protocol.FractionalIndex;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.circle.support.BoardClient;
import org.circle.support.ClientBoard;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;

/**
 * A client as the browser behaves: keeps its unacknowledged operations, resumes with its last
 * sequence number after a disconnect and re-sends what is still pending. Driven by a seeded Random.
 */
final class SimulatedClient {
  final Person person;
  final UUID account;
  final String clientId;
  final ClientBoard board;
  private final TestServer server;
  private final UUID boardId;
  private final Random random;
  private final Map<String, JsonObject> pending = new LinkedHashMap<>();
  private BoardClient socket;
  private boolean welcomed;
  private JsonObject me;
  private int counter;
  int reconnects;

  SimulatedClient(TestServer server, UUID boardId, Person person, String clientId, Random random) {
    this.server = server;
    this.boardId = boardId;
    this.person = person;
    this.account = person.id();
    this.clientId = clientId;
    this.random = random;
    this.board = new ClientBoard(person.id().toString());
  }

  boolean connected() {
    return socket != null;
  }

  boolean settled() {
    return pending.isEmpty();
  }

  void connect() {
    socket = BoardClient.connect(server, person);
    JsonObject join = new JsonObject().put("v", 1).put("type", "join").put("board", boardId.toString()).put("client", clientId);
    if (welcomed) join.put("since", board.seq());
    socket.send(join);
    reconnects++;
  }

  void disconnect() {
    socket.abort();
    socket = null;
  }

  /** Handles everything that has arrived so far. */
  void pump() {
    if (socket == null) return;
    JsonObject m;
    while ((m = socket.next(Duration.ZERO)) != null) handle(m);
  }

  private void handle(JsonObject m) {
    switch (m.getString("type")) {
      case "welcome" -> {
        me = new JsonObject().put("id", m.getJsonObject("you").getString("id")).put("name", m.getJsonObject("you").getString("name"));
        if (m.containsKey("snapshot")) board.snapshot(m.getJsonObject("snapshot"), m.getLong("seq"));
        else m.getJsonArray("events").forEach(e -> event((JsonObject) e));
        if (board.seq() != m.getLong("seq")) throw new AssertionError("welcome left the client at " + board.seq() + ", not " + m.getLong("seq"));
        welcomed = true;
        pending.forEach((id, op) -> socket.send(BoardClient.op(id, op)));
      }
      case "event" -> event(m);
      case "ack" -> {
        JsonObject op = pending.remove(m.getString("ref"));
        long seq = m.getLong("seq");
        if (op != null && seq == board.seq() + 1) {
          board.apply(seq, op, me);
        } else if (op != null && seq > board.seq() + 1) {
          throw new AssertionError("ack " + seq + " arrived before event " + (board.seq() + 1));
        }
      }
      case "reject" -> pending.remove(m.getString("ref"));
      case "error" -> {
        if (m.getString("ref") != null) pending.remove(m.getString("ref"));
        else throw new AssertionError("unexpected error " + m.encode());
      }
      default -> { }
    }
  }

  private void event(JsonObject e) {
    board.apply(e.getLong("seq"), e.getJsonObject("op"), e.getJsonObject("author"));
    if (e.getString("ref") != null) pending.remove(e.getString("ref"));
  }

  /** Makes one random operation from what this client can see, and sends it if connected. */
  void randomOperation() {
    List<String> cards = new ArrayList<>(board.cards().keySet());
    List<String> groups = new ArrayList<>(board.groups().keySet());
    String card = cards.isEmpty() || random.nextInt(20) == 0 ? "ghost-" + random.nextInt(5) : cards.get(random.nextInt(cards.size()));
    String group = groups.isEmpty() || random.nextInt(3) == 0 ? null : groups.get(random.nextInt(groups.size()));
    String id = clientId + "-" + (++counter);
    int dice = random.nextInt(100);
    JsonObject op;
    if (dice < 30) {
      op = new JsonObject().put("kind", "card.create").put("card", id).put("text", "card " + id).put("colour", "yellow")
          .put("group", group).put("position", position(cards));
    } else if (dice < 45) {
      op = new JsonObject().put("kind", "card.text").put("card", card).put("text", "edited by " + id);
    } else if (dice < 60) {
      op = new JsonObject().put("kind", "card.move").put("card", card).put("group", group).put("position", position(cards));
    } else if (dice < 66) {
      op = new JsonObject().put("kind", "card.delete").put("card", card);
    } else if (dice < 71) {
      op = new JsonObject().put("kind", "group.create").put("group", id).put("title", "group " + id).put("position", "V");
    } else if (dice < 74 && group != null) {
      op = new JsonObject().put("kind", "group.delete").put("group", group);
    } else if (dice < 84) {
      op = new JsonObject().put("kind", "vote").put("card", card);
    } else if (dice < 89) {
      op = new JsonObject().put("kind", "unvote").put("card", card);
    } else if (dice < 95) {
      op = new JsonObject().put("kind", "comment.add").put("comment", id).put("card", card).put("text", "comment " + id);
    } else {
      op = new JsonObject().put("kind", "card.colour").put("card", card).put("colour", random.nextBoolean() ? "blue" : "pink");
    }
    pending.put(id, op);
    if (socket != null && welcomed) socket.send(BoardClient.op(id, op));
  }

  private String position(List<String> cards) {
    List<String> keys = cards.stream().map(c -> board.cards().get(c).getString("position")).distinct().sorted().toList();
    if (keys.isEmpty()) return FractionalIndex.between(null, null);
    int at = random.nextInt(keys.size() + 1);
    String before = at == 0 ? null : keys.get(at - 1);
    String after = at == keys.size() ? null : keys.get(at);
    return FractionalIndex.between(before, after);
  }

  void close() {
    if (socket != null) socket.close();
  }
}
