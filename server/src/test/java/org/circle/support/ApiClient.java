package org.circle.support;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls the HTTP API the way the browser client does: JSON bodies, the session cookie, the CSRF
 * header and our own Origin. Blocking, for tests.
 */
public final class ApiClient {
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String cookie;
  private final String csrf;

  private ApiClient(String baseUrl, String cookie, String csrf) {
    this.baseUrl = baseUrl;
    this.cookie = cookie;
    this.csrf = csrf;
  }

  public static ApiClient anonymous(TestServer server) {
    return new ApiClient(server.baseUrl(), null, null);
  }

  public static ApiClient anonymous(String baseUrl) {
    return new ApiClient(baseUrl, null, null);
  }

  public static ApiClient as(TestServer server, TestAccounts.Person person) {
    return new ApiClient(server.baseUrl(), person.cookie(), person.csrfToken());
  }

  public ApiClient withSession(String cookie, String csrf) {
    return new ApiClient(baseUrl, cookie, csrf);
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }

    public Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    /** The value of the session cookie this response sets, if any. */
    public Optional<String> sessionCookie() {
      return headers.allValues("set-cookie").stream()
          .filter(c -> c.startsWith("circle_session="))
          .map(c -> c.substring(0, c.indexOf(';')))
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, JsonObject body) {
    return send("POST", path, body == null ? null : body.encode());
  }

  public Response put(String path, JsonObject body) {
    return send("PUT", path, body == null ? null : body.encode());
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response delete(String path, JsonObject body) {
    return send("DELETE", path, body.encode());
  }

  /** Opens a streaming GET, reads the status and headers, then closes it. */
  public Response openStream(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
        .header("Accept", "text/event-stream").GET();
    if (cookie != null) request.header("Cookie", cookie);
    try {
      HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      String body = response.statusCode() == 200 ? "" : new String(response.body().readAllBytes());
      response.body().close();
      return new Response(response.statusCode(), body, response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Response send(String method, String path, String body) {
    return sendWithOrigin(method, path, body, baseUrl);
  }

  public Response sendWithOrigin(String method, String path, String body, String origin) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(20))
        .header("Origin", origin)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    if (cookie != null) request.header("Cookie", cookie);
    if (csrf != null) request.header("X-CSRF-Token", csrf);
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
