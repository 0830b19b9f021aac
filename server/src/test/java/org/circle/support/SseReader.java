package org.circle.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A signed-in person's Server-Sent Events stream, read on its own thread: wait for events, keep everything seen. */
public final class SseReader implements AutoCloseable {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final InputStream body;
  private final int status;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final StringBuilder everything = new StringBuilder();

  private SseReader(HttpResponse<InputStream> response) {
    this.status = response.statusCode();
    this.body = response.body();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) lines.add(line);
      } catch (java.io.IOException closed) {
        // the test closed the stream
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  public static SseReader open(TestServer server, TestAccounts.Person person, String path) {
    return open(server.baseUrl(), person, path);
  }

  /** A stream from a server running elsewhere (a child process). */
  public static SseReader open(String baseUrl, TestAccounts.Person person, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "text/event-stream")
        .header("Cookie", person.cookie()).GET().build();
    try {
      SseReader reader = new SseReader(http.send(request, HttpResponse.BodyHandlers.ofInputStream()));
      // The stream is live once the server says so; events published before that would be missed.
      if (reader.status == 200) reader.awaitLine(": connected");
      return reader;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return status;
  }

  /** Waits up to 10 s for a change event of this kind. */
  public void awaitKind(String kind) {
    awaitLine("data: {\"kind\":\"" + kind + "\"}");
  }

  private void awaitLine(String wanted) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String line = poll(Duration.ofMillis(100));
      if (line == null) continue;
      seen.add(line);
      if (line.equals(wanted)) return;
    }
    throw new AssertionError("no '" + wanted + "' within 10 s; saw " + seen);
  }

  /** Everything the stream has carried so far (read without waiting). */
  public String drain() {
    for (String line; (line = lines.poll()) != null; ) everything.append(line).append('\n');
    return everything.toString();
  }

  private String poll(Duration timeout) {
    try {
      String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (line != null) everything.append(line).append('\n');
      return line;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (java.io.IOException ignored) {
      // closing anyway
    }
  }
}
