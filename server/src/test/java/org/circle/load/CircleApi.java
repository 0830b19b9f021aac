package org.circle.load;

import org.circle.account.Session;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The few HTTP API calls the load tool needs to set the stage, made as the browser makes them:
 * JSON, the session cookie, the CSRF header and our own Origin. Blocking: set-up is not measured.
 */
final class CircleApi {
  static final String PASSWORD = "load-tool-password-not-secret";
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A signed-in person: the cookie to send and the CSRF token for state-changing requests. */
  record Session(String name, String cookie, String csrf) {}

  private final String baseUrl;

  CircleApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The first administrator, from the link the server printed; then made a facilitator so it can convene. */
  Session firstAdministrator(String setupToken) {
    JsonObject body = new JsonObject().put("email", "load-admin@example.org").put("displayName", "Load Admin").put("password", PASSWORD);
    Session admin = signedIn("Load Admin", call("POST", "/api/account-links/" + setupToken, body, null, 201));
    call("POST", "/api/admin/facilitators", new JsonObject().put("email", "load-admin@example.org").put("displayName", "Load Admin"), admin, 200);
    return admin;
  }

  /** A community moved through its sponsor phase: mandate drafted, signed by {@code sponsor}, now in co-design. */
  String communityInCodesign(Session facilitator, String name, Session[] sponsor) {
    String community = call("POST", "/api/communities", new JsonObject().put("name", name), facilitator, 201).json().getString("id");
    sponsor[0] = join(facilitator, community, "sponsor", sponsor[0], "Load Sponsor", "load-sponsor@example.org");
    call("PUT", "/api/communities/" + community + "/mandate", mandate(), facilitator, 200);
    call("POST", "/api/communities/" + community + "/mandate/sign-off", new JsonObject().put("version", 1), sponsor[0], 200);
    call("PUT", "/api/communities/" + community + "/phase", new JsonObject().put("phase", "codesign"), facilitator, 200);
    return community;
  }

  /**
   * Invites someone with {@code role} and accepts: as the already signed-in {@code existing}, or,
   * when null, as a new account (one password hash, about 130 ms, so accounts are reused).
   */
  Session join(Session facilitator, String community, String role, Session existing, String name, String email) {
    String url = call("POST", "/api/communities/" + community + "/invitations", new JsonObject().put("role", role), facilitator, 201)
        .json().getString("url");
    String token = url.substring(url.indexOf("#/invitation/") + "#/invitation/".length());
    if (existing != null) {
      call("POST", "/api/invitations/" + token + "/accept", new JsonObject(), existing, 200);
      return existing;
    }
    JsonObject body = new JsonObject().put("email", email).put("displayName", name).put("password", PASSWORD);
    return signedIn(name, call("POST", "/api/invitations/" + token + "/accept", body, null, 201));
  }

  String createBoard(Session facilitator, String community, String title) {
    return call("POST", "/api/communities/" + community + "/boards", new JsonObject().put("title", title), facilitator, 201)
        .json().getString("id");
  }

  private static JsonObject mandate() {
    return new JsonObject().put("purpose", "Measuring how Circle holds up under load").put("question", "How fast is a shared board?")
        .put("constituency", "Synthetic participants of the load tool").put("expectations", "Figures, not opinions")
        .put("timeCommitment", "A few minutes").put("learningFlow", "docs/benchmarks.md")
        .put("safeToFail", "It is safe to fail here.").put("notPerformance", "Nothing here feeds performance management.");
  }

  record Response(int status, String body, HttpResponse<String> raw) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private static Session signedIn(String name, Response r) {
    String cookie = r.raw().headers().allValues("set-cookie").stream().filter(c -> c.startsWith("circle_session="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
        .orElseThrow(() -> new IllegalStateException("No session cookie in " + r.status() + " " + r.body()));
    return new Session(name, cookie, r.json().getString("csrfToken"));
  }

  Response call(String method, String path, JsonObject body, Session session, int expected) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
        .header("Origin", baseUrl)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (body != null) request.header("Content-Type", "application/json");
    if (session != null) request.header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf());
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + " (expected " + expected + "): " + response.body());
      }
      return new Response(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
