package org.circle.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One simulated browser tab: a WebSocket on {@code /ws} that joins one board, creates its own
 * card, then edits that card's text on a fixed timetable. Confined to the event loop of its
 * context. Frames it receives are recognised by their prefix where it matters (ack, event) so the
 * tool spends its CPU on measuring rather than parsing.
 */
final class LoadClient {
  static final String EVENT_PREFIX = "{\"v\":1,\"type\":\"event\"";
  static final String ACK_PREFIX = "{\"v\":1,\"type\":\"ack\"";
  private static final String TEXT_MARK = "\"text\":\"L";
  private static final String REF_MARK = "\"ref\":\"o";
  private static final String CREATE_REF = "create";
  /** Card text after the token: a sentence of realistic length. */
  private static final String FILLER = " what helped us decide to close the case was talking it through early";
  static final int RING = 4096;
  private static final long PING_MS = 20_000;

  final int index;
  final String boardId;
  final String clientId;
  final CircleApi.Session session;
  private final Fleet fleet;
  private final boolean withCard;
  private final Promise<Void> ready = Promise.promise();

  private Context context;
  private WebSocket ws;
  private long pingTimer = -1;
  private boolean sending;
  private boolean closing;
  private long periodNanos;
  private long nextIntended;
  private volatile long nextOp;
  private volatile long acks;

  LoadClient(Fleet fleet, int index, String boardId, String runTag, CircleApi.Session session, boolean withCard) {
    this.fleet = fleet;
    this.index = index;
    this.boardId = boardId;
    this.clientId = "load" + runTag + "c" + index;
    this.session = session;
    this.withCard = withCard;
  }

  /** Connects, joins and (when it edits) creates its card; completes once it is ready to send. Call on the client's context. */
  Future<Void> open(WebSocketClient client, int port, String origin) {
    context = fleet.vertx.getOrCreateContext();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
        .addHeader("Origin", origin).addHeader("Cookie", session.cookie());
    client.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        ready.tryFail(ar.cause());
        return;
      }
      ws = ar.result();
      ws.textMessageHandler(this::onFrame);
      ws.closeHandler(v -> onClose());
      ws.exceptionHandler(err -> {});
      ws.writeTextMessage("{\"v\":1,\"type\":\"join\",\"board\":\"" + boardId + "\",\"client\":\"" + clientId + "\"}");
      pingTimer = fleet.vertx.setPeriodic(PING_MS, t -> ws.writeTextMessage("{\"v\":1,\"type\":\"ping\"}"));
    });
    return ready.future();
  }

  private void onFrame(String frame) {
    if (frame.startsWith(EVENT_PREFIX)) {
      onEvent(frame);
    } else if (frame.startsWith(ACK_PREFIX)) {
      onAck(frame);
    } else {
      onOther(new JsonObject(frame));
    }
  }

  private void onEvent(String frame) {
    long now = System.nanoTime();
    fleet.measurements.delivered.increment();
    int at = frame.indexOf(TEXT_MARK);
    if (at < 0) return;
    int i = at + TEXT_MARK.length();
    int sender = 0;
    char c;
    while ((c = frame.charAt(i++)) != '.') sender = sender * 10 + (c - '0');
    long n = 0;
    while ((c = frame.charAt(i++)) >= '0' && c <= '9') n = n * 10 + (c - '0');
    long sentAt = fleet.client(sender).intendedTime(n);
    if (sentAt != 0) Measurements.record(fleet.measurements.broadcast, (now - sentAt) / 1_000);
  }

  private void onAck(String frame) {
    long now = System.nanoTime();
    int at = frame.indexOf(REF_MARK);
    if (at < 0) {
      if (frame.contains("\"ref\":\"" + CREATE_REF + "\"")) ready.tryComplete();
      return;
    }
    int i = at + REF_MARK.length();
    long n = 0;
    char c;
    while ((c = frame.charAt(i++)) >= '0' && c <= '9') n = n * 10 + (c - '0');
    acks++;
    fleet.measurements.acked.increment();
    long sentAt = intendedTime(n);
    if (sentAt != 0) Measurements.record(fleet.measurements.ack, (now - sentAt) / 1_000);
  }

  private void onOther(JsonObject message) {
    switch (message.getString("type", "")) {
      case "welcome" -> {
        if (!withCard) {
          ready.tryComplete();
        } else {
          ws.writeTextMessage("{\"v\":1,\"type\":\"op\",\"id\":\"" + CREATE_REF + "\",\"op\":{\"kind\":\"card.create\",\"card\":\""
              + cardId() + "\",\"text\":\"\",\"colour\":\"yellow\",\"group\":null,\"position\":\"a" + index + "V\"}}");
        }
      }
      case "reject" -> {
        if (CREATE_REF.equals(message.getString("ref")) && "duplicate_id".equals(message.getString("reason"))) {
          ready.tryComplete();
        } else {
          fleet.measurements.rejected.increment();
          fleet.note("reject " + message.getString("reason"));
          if (CREATE_REF.equals(message.getString("ref"))) ready.tryFail("card.create rejected: " + message.encode());
        }
      }
      case "error" -> {
        if ("rate_limited".equals(message.getString("code"))) {
          fleet.measurements.rateLimited.increment();
        } else {
          fleet.measurements.errors.increment();
          fleet.note("error " + message.getString("code") + ": " + message.getString("message"));
          if (!ready.future().isComplete()) ready.tryFail("error before ready: " + message.encode());
        }
      }
      default -> {
        // pong, presence, cursors: nothing to measure
      }
    }
  }

  private void onClose() {
    if (!closing) {
      fleet.measurements.unexpectedCloses.increment();
      fleet.note("closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
      ready.tryFail("closed by the server: " + ws.closeStatusCode() + " " + ws.closeReason());
    }
    stopTimers();
  }

  private String cardId() {
    return "card" + index;
  }

  long intendedTime(long n) {
    AtomicLongArray ring = times;
    return ring == null ? 0 : ring.get((int) (n & (RING - 1)));
  }

  private volatile AtomicLongArray times;

  /** Sends {@code rate} edits a second from now plus {@code offsetNanos}, on a fixed timetable. */
  void startSending(double rate, long offsetNanos) {
    context.runOnContext(v -> {
      if (times == null) times = new AtomicLongArray(RING);
      periodNanos = (long) (1e9 / rate);
      nextIntended = System.nanoTime() + offsetNanos;
      sending = true;
      fleet.ticker(context).add(this);
    });
  }

  /**
   * Called by its event loop's ticker: sends every operation whose time has come, each measured
   * from when it was due. One ticker per event loop instead of a timer per client keeps the
   * tool's own CPU down.
   */
  /** When this client next has an operation due, or Long.MAX_VALUE when it is not sending. */
  long nextDue() {
    return sending && !closing ? nextIntended : Long.MAX_VALUE;
  }

  void tick(long now) {
    if (!sending || closing) return;
    while (nextIntended <= now) {
      send(nextIntended, now);
      nextIntended += periodNanos;
    }
  }

  private void send(long due, long now) {
    long n = nextOp++;
    times.set((int) (n & (RING - 1)), due);
    ws.writeTextMessage("{\"v\":1,\"type\":\"op\",\"id\":\"o" + n + "\",\"op\":{\"kind\":\"card.text\",\"card\":\"" + cardId()
        + "\",\"text\":\"L" + index + "." + n + FILLER + "\"}}");
    fleet.measurements.sent.increment();
    Measurements.record(fleet.measurements.sendLag, (now - due) / 1_000);
  }

  Future<Void> stopSending() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      sending = false;
      done.complete();
    });
    return done.future();
  }

  /** Operations sent but not acknowledged. Read on any thread after sending stopped and acks drained. */
  long outstanding() {
    return nextOp - acks;
  }

  Future<Void> close() {
    Promise<Void> done = Promise.promise();
    if (context == null) return Future.succeededFuture();
    context.runOnContext(v -> {
      closing = true;
      stopTimers();
      if (ws == null || ws.isClosed()) {
        done.complete();
      } else {
        ws.close().onComplete(ar -> done.complete());
      }
    });
    return done.future();
  }

  private void stopTimers() {
    if (pingTimer != -1) fleet.vertx.cancelTimer(pingTimer);
    pingTimer = -1;
    sending = false;
  }
}
