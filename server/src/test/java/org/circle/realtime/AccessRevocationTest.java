package org.circle.realtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access that outlives its reason: within 5 s of losing it, whether or not they send anything, a
 * person's board socket is closed with 4003 and their community's live-change stream ends.
 */
class AccessRevocationTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  /** The promise to the people in the room; announced changes take milliseconds. */
  private static final Duration WITHIN = Duration.ofSeconds(5);
  private static final HttpClient http = HttpClient.newHttpClient();
  private static TestServer server;
  private static People people;

  @BeforeAll
  static void start() {
    server = circle.server();
    people = new People(server.db());
  }

  private record Room(UUID community, UUID board, Person facilitator, Person writer, Person watched) {}

  private static Room room() {
    UUID community = people.community("sessions");
    Person facilitator = people.account("Fran");
    Person writer = people.account("Wren");
    Person watched = people.account("Pat");
    people.member(community, facilitator, "facilitator");
    people.member(community, writer, "participant");
    people.member(community, watched, "participant");
    return new Room(community, people.board(community, false, 5), facilitator, writer, watched);
  }

  /** Opens the watched person's board socket and their live-change stream, applies {@code change}, and sees both end. */
  private static void losesAccess(BiConsumer<Room, Person> change) throws Exception {
    Room r = room();
    try (BoardClient writer = BoardClient.connect(server, r.writer()); BoardClient watched = BoardClient.connect(server, r.watched())) {
      writer.join(r.board(), "w", null);
      assertEquals("welcome", watched.join(r.board(), "p", null).getString("type"));
      CompletableFuture<Void> streamEnded = liveStream(r.community(), r.watched());
      writer.send(BoardClient.op("w1", new JsonObject().put("kind", "card.create").put("card", "c1").put("text", "before")
          .put("colour", "yellow").put("position", "V")));
      watched.expectType("event");

      change.accept(r, r.watched());

      // Sending nothing, the watched socket is closed and the stream ended.
      await().atMost(WITHIN).until(() -> watched.closeCode(Duration.ZERO) != null);
      assertEquals(Integer.valueOf(BoardConnection.ACCESS_REVOKED), watched.closeCode(Duration.ZERO));
      streamEnded.get(WITHIN.toMillis(), TimeUnit.MILLISECONDS);
      // The others carry on.
      writer.send(BoardClient.op("w2", new JsonObject().put("kind", "card.text").put("card", "c1").put("text", "after")));
      writer.expect(m -> "ack".equals(m.getString("type")) && "w2".equals(m.getString("ref")));
    }
  }

  /** The community's SSE stream, read until the server ends it. */
  private static CompletableFuture<Void> liveStream(UUID community, Person who) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/communities/" + community + "/events"))
        .header("Accept", "text/event-stream").header("Cookie", who.cookie()).GET().build();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, response.statusCode());
    InputStream body = response.body();
    assertTrue(body.read() >= 0, "the stream is open");
    return CompletableFuture.runAsync(() -> {
      try (body) {
        while (body.read() >= 0) {
          // keep reading until the server ends the stream
        }
      } catch (java.io.IOException e) {
        // ended
      }
    });
  }

  @Test
  @DisplayName("A member removed from the community loses the board and the stream within 5 s")
  void removedMember() throws Exception {
    losesAccess((r, p) -> assertEquals(204, ApiClient.as(server, r.facilitator())
        .delete("/api/communities/" + r.community() + "/members/" + p.id()).status()));
  }

  @Test
  @DisplayName("A participant made sponsor loses the board and the stream within 5 s")
  void madeSponsor() throws Exception {
    losesAccess((r, p) -> people.update("UPDATE membership SET role = 'sponsor' WHERE community_id = ? AND account_id = ?",
        r.community(), p.id()));
  }

  @Test
  @DisplayName("A browser that signs out loses its board socket and stream within 5 s")
  void signedOut() throws Exception {
    losesAccess((r, p) -> assertEquals(204, ApiClient.as(server, p).delete("/api/session").status()));
  }

  @Test
  @DisplayName("A browser whose password was changed in another browser loses its board socket and stream within 5 s")
  void passwordChangedElsewhere() throws Exception {
    losesAccess((r, p) -> {
      ApiClient.Response signIn = ApiClient.anonymous(server).post("/api/session",
          new JsonObject().put("email", p.email()).put("password", TestAccounts.PASSWORD));
      assertEquals(200, signIn.status(), signIn.toString());
      ApiClient elsewhere = ApiClient.anonymous(server).withSession(signIn.sessionCookie().orElseThrow(), signIn.json().getString("csrfToken"));
      ApiClient.Response changed = elsewhere.put("/api/account/password", new JsonObject()
          .put("currentPassword", TestAccounts.PASSWORD).put("newPassword", "a different and longer passphrase"));
      assertEquals(200, changed.status(), changed.toString());
    });
  }

  @Test
  @DisplayName("A deleted account loses its board socket and stream within 5 s")
  void accountDeleted() throws Exception {
    losesAccess((r, p) -> assertEquals(204, ApiClient.as(server, p)
        .delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)).status()));
  }
}
