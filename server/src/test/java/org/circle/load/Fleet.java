package org.circle.load;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated clients of one run, spread over the tool's few event loops. Driven from the
 * tool's main thread, which may block ({@code Future.await()} is used only here, never on an
 * event loop).
 */
final class Fleet {
  private static final int NOTES = 20;

  final Vertx vertx;
  final Measurements measurements = new Measurements();
  private final WebSocketClient webSockets;
  private final List<Context> contexts = new ArrayList<>();
  private final List<LoadClient> clients = new ArrayList<>();
  private final Map<String, LongAdder> notes = new ConcurrentHashMap<>();
  private final String runTag;
  /** Per event loop: the clients it sends for and its timer; touched only on that loop. */
  private final Map<Context, Ticker> tickers = new ConcurrentHashMap<>();

  /**
   * Lets each sending client of one event loop send what is due, waking when the earliest client
   * is next due (at most every millisecond): one timer per loop instead of one per client.
   */
  final class Ticker {
    private final List<LoadClient> clients = new ArrayList<>();
    private long timer = -1;

    void add(LoadClient client) {
      if (!clients.contains(client)) clients.add(client);
      // The newcomer may be due before the timer that is set now.
      cancel();
      schedule(System.nanoTime());
    }

    private void tick() {
      long now = System.nanoTime();
      for (LoadClient client : clients) client.tick(now);
      schedule(now);
    }

    private void schedule(long now) {
      long next = Long.MAX_VALUE;
      for (LoadClient client : clients) next = Math.min(next, client.nextDue());
      if (next == Long.MAX_VALUE) {
        timer = -1;
        return;
      }
      timer = vertx.setTimer(Math.max(1, (next - now + 999_999) / 1_000_000), t -> tick());
    }

    void cancel() {
      if (timer != -1) vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  Fleet(Vertx vertx, int eventLoops, String runTag) {
    this.vertx = vertx;
    this.runTag = runTag;
    // A welcome with a big board's snapshot may come as one frame larger than Vert.x's 64 KiB default.
    this.webSockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000)
        .setConnectTimeout(30_000).setMaxFrameSize(1 << 20).setMaxMessageSize(4 << 20));
    // Each context made from a non-Vert.x thread is bound to the next event loop, round robin.
    for (int i = 0; i < eventLoops; i++) contexts.add(vertx.getOrCreateContext());
  }

  LoadClient add(String boardId, CircleApi.Session session, boolean withCard) {
    LoadClient client = new LoadClient(this, clients.size(), boardId, runTag, session, withCard);
    clients.add(client);
    return client;
  }

  /** The ticker of the calling client's event loop, started on first use. Call on {@code context}. */
  Ticker ticker(Context context) {
    return tickers.computeIfAbsent(context, c -> new Ticker());
  }

  LoadClient client(int index) {
    return clients.get(index);
  }

  int size() {
    return clients.size();
  }

  /** Opens every client, {@code concurrency} at a time, and waits until all are joined and ready. */
  void openAll(int port, String origin, int concurrency) {
    openAll(i -> port, concurrency);
  }

  /** Opens client {@code i} on the server at {@code portOf(i)} of localhost (several nodes of a cluster). */
  void openAll(java.util.function.IntUnaryOperator portOf, int concurrency) {
    for (int start = 0; start < clients.size(); start += concurrency) {
      List<Future<Void>> batch = new ArrayList<>();
      for (int i = start; i < Math.min(clients.size(), start + concurrency); i++) {
        LoadClient client = clients.get(i);
        Promise<Void> opened = Promise.promise();
        int port = portOf.applyAsInt(i);
        contexts.get(i % contexts.size()).runOnContext(v -> client.open(webSockets, port, "http://localhost:" + port).onComplete(opened));
        batch.add(opened.future());
      }
      try {
        Future.all(batch).await(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("Clients could not open (" + e.getMessage() + "); notes: " + notes(), e);
      }
    }
  }

  /** Every client sends {@code rate} edits a second, their timetables spread evenly over one period. */
  void startSending(double rate, Random random) {
    long period = (long) (1e9 / rate);
    for (LoadClient c : clients) c.startSending(rate, (long) (random.nextDouble() * period));
  }

  void stopSending() {
    await(Future.all(clients.stream().map(LoadClient::stopSending).toList()));
  }

  long outstanding() {
    return clients.stream().mapToLong(LoadClient::outstanding).sum();
  }

  void closeAll() {
    tickers.forEach((context, ticker) -> context.runOnContext(v -> ticker.cancel()));
    await(Future.all(clients.stream().map(LoadClient::close).toList()));
    await(webSockets.close());
  }

  void note(String what) {
    if (notes.size() < NOTES || notes.containsKey(what)) notes.computeIfAbsent(what, k -> new LongAdder()).increment();
  }

  /** Distinct unexpected things the clients saw, with how often. */
  String notes() {
    StringBuilder out = new StringBuilder();
    notes.forEach((k, v) -> out.append(out.length() == 0 ? "" : "; ").append(k).append(" x").append(v.sum()));
    return out.toString();
  }

  private static void await(Future<?> future) {
    try {
      future.await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
