package org.circle.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A member's live session stream (Server-Sent Events), read like a conversation: every event's
 * data, in the order it arrived, with the raw text kept for assertions on what was on the wire.
 */
public final class SessionStreamClient implements AutoCloseable {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public record Event(String name, String id, JsonObject data, String raw) {}

  private final LinkedBlockingQueue<Event> inbox = new LinkedBlockingQueue<>();
  private final List<Event> received = new ArrayList<>();
  private final CompletableFuture<Integer> status = new CompletableFuture<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean ended;

  private SessionStreamClient() {}

  /** Opens the stream of {@code path} (under /api) and waits for its status. */
  public static SessionStreamClient open(TestServer server, TestAccounts.Person person, String path) {
    return open(server.baseUrl(), person, path);
  }

  public static SessionStreamClient open(String baseUrl, TestAccounts.Person person, String path) {
    SessionStreamClient stream = new SessionStreamClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
        .header("Cookie", person.cookie()).GET().build();
    http.sendAsync(request, info -> {
      stream.status.complete(info.statusCode());
      return HttpResponse.BodySubscribers.fromLineSubscriber(stream.new Lines());
    });
    try {
      stream.status.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return stream;
  }

  public int status() {
    return status.join();
  }

  private final class Lines implements Flow.Subscriber<String> {
    private String name = "message";
    private String id;
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      raw.append(line).append('\n');
      if (line.isEmpty()) {
        if (data.length() > 0) {
          String text = data.toString();
          JsonObject json = text.startsWith("{") ? new JsonObject(text) : null;
          inbox.add(new Event(name, id, json, raw.toString()));
        }
        name = "message";
        id = null;
        data.setLength(0);
        raw.setLength(0);
      } else if (line.startsWith("event: ")) {
        name = line.substring(7);
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }

    @Override
    public void onError(Throwable throwable) {
      ended = true;
    }

    @Override
    public void onComplete() {
      ended = true;
    }
  }

  /** The next event matching, skipping others; fails after 10 s. */
  public Event expect(Predicate<Event> wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Event> skipped = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      Event e;
      try {
        e = inbox.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
      if (e == null) continue;
      received.add(e);
      if (wanted.test(e)) return e;
      skipped.add(e);
    }
    throw new AssertionError("no matching event within 10 s; skipped: " + skipped);
  }

  /** The next session state that satisfies {@code wanted}. */
  public JsonObject expectState(Predicate<JsonObject> wanted) {
    return expect(e -> "session".equals(e.name()) && wanted.test(e.data())).data();
  }

  /** Every event read so far (by expect), in order. */
  public List<Event> received() {
    return List.copyOf(received);
  }

  /** Whatever has arrived and not been read yet, waiting at most {@code quiet} for more. */
  public List<Event> drain(Duration quiet) {
    List<Event> out = new ArrayList<>();
    while (true) {
      Event e;
      try {
        e = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(ex);
      }
      if (e == null) return out;
      received.add(e);
      out.add(e);
    }
  }

  public boolean ended() {
    return ended;
  }

  @Override
  public void close() {
    Flow.Subscription s = subscription;
    if (s != null) s.cancel();
  }
}
