package org.circle.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One person in a facilitated session (the {@code reveal} scenario): a WebSocket on {@code /ws}
 * joined to one board that sends the operations it is told to and notes when each is
 * acknowledged, how many events reached it, and when the reveal did. Confined to the event loop
 * of its context; the tool's main thread reads its volatile fields and waits on its futures.
 * The reveal frame is only timed on arrival and kept whole, so the check that it carries every
 * card (a JSON parse of about 100 KB) happens afterwards on the main thread and delays no other
 * client's receipt on the same event loop.
 */
final class SessionClient {
  private static final String EVENT_PREFIX = LoadClient.EVENT_PREFIX;
  private static final String REVEAL_KIND = "\"kind\":\"board.reveal\"";
  private static final long PING_MS = 20_000;

  final String name;
  private final String boardId;
  private final String clientId;
  private final CircleApi.Session session;
  private final Context context;
  private final Promise<Void> welcomed = Promise.promise();
  private final Map<String, Promise<Long>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger events = new AtomicInteger();
  private final List<String> problems;

  private WebSocket ws;
  private long pingTimer = -1;
  private boolean closing;

  /** When the reveal's event arrived (System.nanoTime()), 0 until then. */
  volatile long revealArrived;
  /** The reveal's event as it arrived, for the check afterwards. */
  volatile String revealFrame;

  SessionClient(Context context, String name, String boardId, String clientId, CircleApi.Session session, List<String> problems) {
    this.context = context;
    this.name = name;
    this.boardId = boardId;
    this.clientId = clientId;
    this.session = session;
    this.problems = problems;
  }

  /** Connects and joins; completes on the welcome. */
  Future<Void> open(WebSocketClient client, int port, String origin) {
    context.runOnContext(v -> {
      WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
          .addHeader("Origin", origin).addHeader("Cookie", session.cookie());
      client.connect(options).onComplete(ar -> {
        if (ar.failed()) {
          welcomed.tryFail(ar.cause());
          return;
        }
        ws = ar.result();
        ws.textMessageHandler(this::onFrame);
        ws.closeHandler(x -> onClose());
        ws.exceptionHandler(err -> {});
        ws.writeTextMessage("{\"v\":1,\"type\":\"join\",\"board\":\"" + boardId + "\",\"client\":\"" + clientId + "\"}");
        pingTimer = context.owner().setPeriodic(PING_MS, t -> ws.writeTextMessage("{\"v\":1,\"type\":\"ping\"}"));
      });
    });
    return welcomed.future();
  }

  /**
   * Sends the operations {@code ops} (id to the op's JSON) at once, on this client's event loop;
   * each future completes with the System.nanoTime() of its acknowledgement. {@code sentAt}, when
   * not null, receives the System.nanoTime() just before the first write.
   */
  List<Future<Long>> send(Map<String, String> ops, long[] sentAt) {
    List<Future<Long>> acks = ops.keySet().stream().map(id -> {
      Promise<Long> p = Promise.promise();
      pending.put(id, p);
      return p.future();
    }).toList();
    context.runOnContext(v -> {
      if (sentAt != null) sentAt[0] = System.nanoTime();
      ops.forEach((id, op) -> ws.writeTextMessage("{\"v\":1,\"type\":\"op\",\"id\":\"" + id + "\",\"op\":" + op + "}"));
    });
    return acks;
  }

  /** Events received so far (hidden ones included). */
  int events() {
    return events.get();
  }

  private void onFrame(String frame) {
    if (frame.startsWith(EVENT_PREFIX)) {
      long now = System.nanoTime();
      // The kind comes right after the sequence number; a card's text could never make a frame start like this.
      int head = frame.indexOf("\"op\":");
      if (head > 0 && head < 64 && frame.startsWith(REVEAL_KIND, head + 6)) {
        revealArrived = now;
        revealFrame = frame;
      }
      events.incrementAndGet();
      return;
    }
    JsonObject message = new JsonObject(frame);
    switch (message.getString("type", "")) {
      case "welcome" -> welcomed.tryComplete();
      case "ack" -> {
        long now = System.nanoTime();
        Promise<Long> p = pending.remove(message.getString("ref"));
        if (p != null) p.tryComplete(now);
      }
      case "reject" -> {
        Promise<Long> p = pending.remove(message.getString("ref"));
        problem(name + ": " + message.getString("reason") + " for " + message.getString("ref"));
        if (p != null) p.tryFail("rejected: " + message.encode());
      }
      case "error" -> {
        problem(name + ": error " + message.getString("code") + " " + message.getString("message"));
        if (!welcomed.future().isComplete()) welcomed.tryFail("error before the welcome: " + message.encode());
      }
      default -> {
        // presence, pong, cursors: nothing to measure
      }
    }
  }

  private void problem(String what) {
    synchronized (problems) {
      if (problems.size() < 20) problems.add(what);
    }
  }

  private void onClose() {
    if (!closing) {
      problem(name + ": closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
      welcomed.tryFail("closed by the server");
      pending.values().forEach(p -> p.tryFail("closed by the server"));
    }
    if (pingTimer != -1) context.owner().cancelTimer(pingTimer);
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      closing = true;
      if (pingTimer != -1) context.owner().cancelTimer(pingTimer);
      pingTimer = -1;
      if (ws == null || ws.isClosed()) {
        done.complete();
      } else {
        ws.close().onComplete(ar -> done.complete());
      }
    });
    return done.future();
  }
}
