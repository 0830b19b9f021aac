package org.circle.load;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fills a board before a scenario watches it: groups and cards made over the real protocol, each
 * connection sending fewer operations than the product's burst allows (60), so the server's
 * default limits stay as they are. Blocking: call from the tool's main thread.
 */
final class BoardSeeder {
  private static final int OPS_PER_CONNECTION = 50;
  private static final String[] COLOURS = {"yellow", "blue", "green", "pink", "orange", "purple"};
  private static final String[] SENTENCES = {
      "We closed the case too early because the referral form had no room for doubt",
      "Talking it through with a colleague before the visit changed what I asked",
      "I was not sure whether to escalate, and nobody else was either",
      "The family told three of us three different stories, and all were partly true",
      "A quiet handover at the end of a long shift is where things slip",
  };

  private BoardSeeder() {}

  /** The {@code n}th card text of the seeder's few realistic sentences. */
  static String sentence(int n) {
    return SENTENCES[n % SENTENCES.length];
  }

  /** The {@code n}th of the card colours, in turn. */
  static String colour(int n) {
    return COLOURS[n % COLOURS.length];
  }

  /** Adds {@code groups} groups and {@code cards} cards spread over them to the board; returns when all are acknowledged. */
  static void seed(Vertx vertx, ServerProcess server, CircleApi.Session session, String board, int groups, int cards) {
    List<String> ops = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      ops.add(new JsonObject().put("kind", "group.create").put("group", "seed-g" + g).put("title", "Theme " + (g + 1))
          .put("position", key(g)).encode());
    }
    for (int c = 0; c < cards; c++) {
      ops.add(new JsonObject().put("kind", "card.create").put("card", "seed-c" + c)
          .put("text", SENTENCES[c % SENTENCES.length] + " (" + (c + 1) + ")").put("colour", COLOURS[c % COLOURS.length])
          .put("group", groups == 0 ? null : "seed-g" + (c % groups)).put("position", key(c / Math.max(1, groups))).encode());
    }
    WebSocketClient client = vertx.createWebSocketClient(new io.vertx.core.http.WebSocketClientOptions()
        .setMaxFrameSize(1 << 20).setMaxMessageSize(4 << 20));
    try {
      // Groups first, on their own connection, so no card arrives before its group.
      int from = 0;
      int first = Math.min(groups, OPS_PER_CONNECTION);
      if (first > 0) await(send(vertx, client, server, session, board, ops.subList(0, first)));
      from = first;
      List<Future<Void>> rest = new ArrayList<>();
      for (; from < ops.size(); from += OPS_PER_CONNECTION) {
        rest.add(send(vertx, client, server, session, board, ops.subList(from, Math.min(ops.size(), from + OPS_PER_CONNECTION))));
      }
      await(Future.all(rest));
    } finally {
      await(client.close());
    }
  }

  /** Order keys 1V, 2V, … then longer: distinct, valid and increasing for any count here. */
  private static String key(int i) {
    return String.format("%04d", i) + "V";
  }

  private static Future<Void> send(Vertx vertx, WebSocketClient client, ServerProcess server, CircleApi.Session session, String board, List<String> ops) {
    Promise<Void> done = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port).setURI("/ws")
        .addHeader("Origin", server.baseUrl()).addHeader("Cookie", session.cookie());
    String connection = Integer.toHexString(System.identityHashCode(ops)) + Long.toHexString(System.nanoTime());
    client.connect(options).onFailure(done::tryFail).onSuccess(ws -> {
      int[] acked = {0};
      // Said if the board does not fill in time: what the server answered, and how it closed.
      List<String> heard = new ArrayList<>();
      ws.closeHandler(v -> done.tryFail("seeding connection closed: " + ws.closeStatusCode() + " " + ws.closeReason() + " after " + heard));
      vertx.setTimer(50_000, t -> done.tryFail("seeding not acknowledged within 50 s; " + acked[0] + " of " + ops.size() + " acks; heard " + heard));
      ws.textMessageHandler(frame -> {
        if (heard.size() < 5) heard.add(frame.length() > 200 ? frame.substring(0, 200) : frame);
        JsonObject msg = new JsonObject(frame);
        switch (msg.getString("type")) {
          case "welcome" -> {
            for (int i = 0; i < ops.size(); i++) {
              ws.writeTextMessage("{\"v\":1,\"type\":\"op\",\"id\":\"seed" + i + "\",\"op\":" + ops.get(i) + "}");
            }
          }
          case "ack" -> {
            if (++acked[0] == ops.size()) ws.close().onComplete(v -> done.tryComplete());
          }
          case "reject", "error" -> done.tryFail("seeding the board: " + frame);
          default -> { }
        }
      });
      ws.writeTextMessage(new JsonObject().put("v", 1).put("type", "join").put("board", board).put("client", "seeder" + connection).encode());
    });
    return done.future();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
