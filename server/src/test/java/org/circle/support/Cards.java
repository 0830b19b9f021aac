package org.circle.support;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** Writes and withdraws cards the way members do: over the board's WebSocket, acknowledged before returning. */
public final class Cards {
  private Cards() {}

  public static void write(TestServer server, TestAccounts.Person author, UUID board, String card, String text) {
    send(server, author, board, new JsonObject().put("kind", "card.create").put("card", card).put("text", text)
        .put("colour", "yellow").put("position", "V" + card));
  }

  public static void withdraw(TestServer server, TestAccounts.Person author, UUID board, String card) {
    send(server, author, board, new JsonObject().put("kind", "card.delete").put("card", card));
  }

  public static void send(TestServer server, TestAccounts.Person author, UUID board, JsonObject op) {
    try (BoardClient client = BoardClient.connect(server, author)) {
      JsonObject welcome = client.join(board, "cards-" + UUID.randomUUID(), null);
      if (!"welcome".equals(welcome.getString("type"))) throw new AssertionError("could not join: " + welcome.encode());
      String id = "op-" + UUID.randomUUID();
      client.send(BoardClient.op(id, op));
      JsonObject answer = client.expect(m -> id.equals(m.getString("ref")));
      if (!"ack".equals(answer.getString("type"))) throw new AssertionError("not accepted: " + answer.encode());
    }
  }
}
