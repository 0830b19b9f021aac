package org.circle.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A signed-in person's WebSocket to a test server, read like a conversation: send, then expect. */
public final class BoardClient implements AutoCloseable {
  private static final HttpClient http = HttpClient.newHttpClient();

  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final List<JsonObject> skipped = new ArrayList<>();

  private BoardClient(WebSocket.Builder builder, URI uri, boolean reading) throws Exception {
    Listener listener = new Listener(reading);
    this.socket = builder.buildAsync(uri, listener).get(10, TimeUnit.SECONDS);
  }

  public static BoardClient connect(TestServer server, TestAccounts.Person person) {
    return connect(server, person, true);
  }

  /** A server running elsewhere (a child process) on this port of localhost. */
  public static BoardClient connect(int port, TestAccounts.Person person) {
    try {
      return new BoardClient(http.newWebSocketBuilder()
          .header("Origin", "http://localhost:" + port)
          .header("Cookie", person.cookie()), URI.create("ws://localhost:" + port + "/ws"), true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** With {@code reading} false, the client reads nothing until {@link #startReading()}. */
  public static BoardClient connect(TestServer server, TestAccounts.Person person, boolean reading) {
    try {
      return new BoardClient(http.newWebSocketBuilder()
          .header("Origin", server.origin())
          .header("Cookie", person.cookie()), URI.create("ws://localhost:" + server.port() + "/ws"), reading);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final boolean reading;
    private final StringBuilder partial = new StringBuilder();

    Listener(boolean reading) {
      this.reading = reading;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
      if (reading) webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        inbox.add(new JsonObject(partial.toString()));
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }

  public void send(JsonObject message) {
    sendRaw(message.encode());
  }

  public void sendRaw(String text) {
    socket.sendText(text, true).join();
  }

  public JsonObject join(UUID board, String clientId, Long since) {
    JsonObject join = new JsonObject().put("v", 1).put("type", "join").put("board", board.toString()).put("client", clientId);
    if (since != null) join.put("since", since);
    send(join);
    return expect(m -> m.getString("type").equals("welcome") || m.getString("type").equals("error"));
  }

  public static JsonObject op(String id, JsonObject op) {
    return new JsonObject().put("v", 1).put("type", "op").put("id", id).put("op", op);
  }

  /** The next message, whatever it is, or null after the timeout. */
  public JsonObject next(Duration timeout) {
    try {
      return inbox.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The next message matching, skipping presence and cursors. Fails at once when the connection
   * has closed with nothing left to read, and otherwise after a bound generous enough for a busy
   * machine (it only limits how long a failing test takes).
   */
  public JsonObject expect(Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      JsonObject m = next(Duration.ofMillis(100));
      if (m == null) {
        if (closed.isDone() && inbox.isEmpty()) {
          throw new IllegalStateException("the connection closed (" + closed.join() + ") before a matching message; skipped: " + skipped);
        }
        continue;
      }
      if (wanted.test(m)) return m;
      skipped.add(m);
    }
    throw new AssertionError("no matching message within 60 s; skipped: " + skipped);
  }

  public JsonObject expectType(String type) {
    return expect(m -> type.equals(m.getString("type")));
  }

  /** The close code the server sent, waiting up to {@code timeout}; null if still open. */
  public Integer closeCode(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  /** A slow reader catches up: reads everything the server managed to send it. */
  public void startReading() {
    socket.request(1);
  }

  public void abort() {
    socket.abort();
  }

  @Override
  public void close() {
    socket.abort();
  }
}
