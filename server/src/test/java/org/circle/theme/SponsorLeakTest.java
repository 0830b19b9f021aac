package org.circle.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.Cards;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.SseReader;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Plants a unique marker in every kind of content the room holds, then calls, as the sponsor,
 * every route the OpenAPI document lets a sponsor use with every id the test knows, joins every
 * board on the WebSocket and listens to the sponsor's event stream while the room works: neither
 * the marker nor any member's name or email address ever reaches the sponsor.
 */
@DisplayName("Nothing from the room reaches the sponsor")
class SponsorLeakTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private final String marker = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  @Test
  @DisplayName("by any route, the board socket or the event stream, whatever the ids")
  void nothingLeaks() {
    TestServer server = circle.server();
    People db = new People(server.db());
    ThemeScenario s = new ThemeScenario(server, 3);
    Person sponsor = s.c.sponsor;
    // Names and email addresses carry the marker too.
    List<Person> room = s.c.inTheRoom();
    for (int i = 0; i < room.size(); i++) {
      db.update("UPDATE account SET display_name = ?, email = ? WHERE id = ?", "Member" + i + " " + marker,
          marker + "-" + i + "@example.org", room.get(i).id());
    }
    UUID anonymousBoard = UUID.fromString(s.c.as(s.c.facilitator).post(s.c.path("/boards"), new JsonObject()
        .put("title", "Board " + marker).put("anonymous", true)).json().getString("id"));

    // Content of every kind, each with the marker.
    s.card(s.p(1), "a", "Card " + marker);
    s.card(s.p(2), "b", "Second card");
    s.card(s.p(3), "c", "Third card");
    Cards.write(server, s.p(1), anonymousBoard, "anon", "Anonymous " + marker);
    Cards.send(server, s.p(2), s.board, new JsonObject().put("kind", "comment.add").put("comment", "m1").put("card", "b")
        .put("text", "Comment " + marker));
    Cards.send(server, s.p(3), s.board, new JsonObject().put("kind", "group.create").put("group", "g1")
        .put("title", "Group " + marker).put("position", "V"));
    ApiClient.Response entry = s.c.as(s.p(1)).post(s.c.path("/journal"), new JsonObject().put("text", "Journal " + marker));
    assertEquals(201, entry.status());
    // Reflection: a pulse with a note, a process check with a note, and a review, each with the marker.
    ApiClient.Response session = s.c.as(s.c.facilitator).post(s.c.path("/sessions"), new JsonObject().put("title", "Session " + marker)
        .put("startsAt", "2026-03-05T14:00:00Z").put("durationMinutes", 90));
    assertEquals(201, session.status(), session.body());
    String sessionPath = s.c.path("/sessions/" + session.json().getString("id"));
    assertEquals(200, s.c.as(s.c.facilitator).post(sessionPath + "/controls", new JsonObject().put("action", "start")).status());
    // Three people join it, so the sponsor's view of sessions has figures to show (how many, never who).
    for (int i = 1; i <= 3; i++) assertEquals(200, s.c.as(s.p(i)).get(sessionPath).status());
    String pulse = s.c.as(s.c.facilitator).post(sessionPath + "/pulses", new JsonObject().put("kind", "safety")).json().getString("id");
    String check = s.c.as(s.c.facilitator).post(s.c.path("/process-checks"), new JsonObject()).json().getString("id");
    for (int i = 1; i <= 3; i++) {
      for (String question : List.of(pulse, check)) {
        assertEquals(200, s.c.as(s.p(i)).post(s.c.path("/pulses/" + question + "/answers"), new JsonObject().put("value", String.valueOf(i))
            .put("note", "Pulse note " + i + " " + marker)).status());
      }
    }
    assertEquals(200, s.c.as(s.c.facilitator).post(sessionPath + "/controls", new JsonObject().put("action", "end")).status());
    assertEquals(200, s.c.as(s.p(2)).put(sessionPath + "/review/mine", new JsonObject().put("well", "Review " + marker)
        .put("ideas", "Idea " + marker)).status());
    assertEquals(201, s.c.as(s.c.facilitator).post(sessionPath + "/review/proposals", new JsonObject().put("kind", "agenda")
        .put("text", "Segment " + marker)).status());
    String draft = s.propose(ThemeScenario.draft("Draft " + marker, "Unreleased " + marker, s.board, "a", "b"));
    assertEquals(200, s.c.as(s.c.facilitator).post(s.c.path("/themes/" + draft + "/consent-round"), new JsonObject()).status());
    assertEquals(200, s.c.as(s.p(2)).post(s.c.path("/themes/" + draft + "/consent"),
        new JsonObject().put("answer", "concern").put("note", "Concern " + marker)).status());
    s.c.as(s.p(3)).post(s.c.path("/membership-proposals"), new JsonObject().put("name", "Proposed " + marker)
        .put("role", "participant").put("contribution", "c " + marker).put("expertise", "e").put("experience", "x"));
    String released = s.propose(s.draft("Protected time", "a", "b", "c"));
    s.consent(released);
    assertEquals(200, s.release(released).status());
    String withdrawn = s.propose(s.draft("Peer support", "a", "b", "c"));
    s.consent(withdrawn);

    // The marker is really there, for the room to see.
    assertTrue(s.c.as(s.c.facilitator).get(s.c.path("/themes")).body().contains("Unreleased " + marker));
    assertTrue(s.c.as(s.c.facilitator).get(s.c.path("/theme-cards")).body().contains("Card " + marker));
    assertTrue(s.c.as(s.c.facilitator).get(s.c.path("/members")).body().contains("Member0 " + marker));
    assertTrue(s.c.as(s.p(1)).get(s.c.path("/journal")).body().contains("Journal " + marker));
    assertTrue(s.c.as(s.p(1)).get(sessionPath + "/review").body().contains("Review " + marker));
    assertTrue(s.c.as(s.p(1)).get(s.c.path("/reflection")).body().contains("Pulse note 1 " + marker));

    List<String> forbidden = new ArrayList<>(List.of(marker));
    for (Person p : room) forbidden.add(p.displayName());
    List<String> leaks = new ArrayList<>();
    try (SseReader events = SseReader.open(server, sponsor, s.c.path("/sponsor/events"))) {
      assertEquals(200, events.status());
      // The room keeps working while the sponsor's page listens.
      assertEquals(200, s.edit(draft, ThemeScenario.draft("Draft again " + marker, "Still " + marker, s.board, "a", "b", "c")).status());
      Cards.write(server, s.p(2), s.board, "late", "Late " + marker);
      s.card(s.p(1), "d", "Fourth card");
      assertEquals(200, s.c.as(s.c.sponsor).put(s.c.path("/sponsor/themes/" + released + "/reply"),
          new JsonObject().put("text", "We listened.")).status());
      events.awaitKind("released");

      // The sessions route really had figures to give: how many took part and how safe it felt, nothing else of the session.
      JsonObject held = ApiClient.as(server, sponsor).get(s.c.path("/sponsor/sessions")).json().getJsonArray("sessions").getJsonObject(0);
      assertEquals(3, held.getInteger("tookPart"), held.encode());
      assertEquals("2.0", held.getString("safetyMean"), held.encode());

      Map<String, List<String>> ids = new LinkedHashMap<>();
      ids.put("{communityId}", List.of(s.c.community.toString(), UUID.randomUUID().toString()));
      ids.put("{themeId}", List.of(released, draft, withdrawn, UUID.randomUUID().toString()));
      ids.put("{entryId}", List.of(entry.json().getString("id"), UUID.randomUUID().toString()));
      ids.put("{accountId}", room.stream().map(p -> p.id().toString()).toList());
      ids.put("{version}", List.of("1", "2"));
      ids.put("{boardId}", List.of(s.board.toString(), anonymousBoard.toString()));
      ids.put("{token}", List.of("no-such-token"));
      ids.put("{proposalId}", List.of(UUID.randomUUID().toString()));
      ids.put("{invitationId}", List.of(UUID.randomUUID().toString()));
      ids.put("{sessionId}", List.of(session.json().getString("id"), UUID.randomUUID().toString()));
      ids.put("{pulseId}", List.of(pulse, check, UUID.randomUUID().toString()));

      int calls = 0;
      JsonObject paths = new JsonObject(ApiClient.anonymous(server).get("/openapi.json").body()).getJsonObject("paths");
      List<String[]> last = new ArrayList<>();
      for (String path : paths.fieldNames()) {
        for (String method : paths.getJsonObject(path).fieldNames()) {
          JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
          JsonArray allowed = operation.getJsonArray("x-circle-allowed", new JsonArray());
          if (!allowed.contains("sponsor") || operation.getJsonObject("responses").getJsonObject("200", new JsonObject())
              .getJsonObject("content", new JsonObject()).containsKey("text/event-stream")) continue;
          // Signing in again or out, changing the password, leaving and deleting the account end this session: called last.
          boolean ending = path.endsWith("/session") && !method.equals("get") || path.endsWith("/account/password")
              || method.equals("delete") && (path.endsWith("/account") || path.endsWith("/membership"));
          for (String resolved : expand(path, ids)) {
            JsonObject example = operation.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
                .getJsonObject("application/json", new JsonObject()).getJsonObject("example");
            String body = body(operation.getString("operationId"), example, method, sponsor);
            if (ending) {
              last.add(new String[] {method, resolved, body});
              continue;
            }
            check(leaks, forbidden, method + " " + resolved, ApiClient.as(server, sponsor).send(method.toUpperCase(), resolved, body));
            calls++;
          }
        }
      }
      // Downloads in every format: the sponsor's own, and the members' ones the sponsor is refused.
      for (String download : List.of("/sponsor/export?format=markdown", "/sponsor/export?format=csv", "/export?format=markdown",
          "/export?format=csv")) {
        check(leaks, forbidden, "GET " + download, ApiClient.as(server, sponsor).get(s.c.path(download)));
        calls++;
      }
      for (String format : List.of("json", "markdown")) {
        check(leaks, forbidden, "GET my data as " + format, ApiClient.as(server, sponsor).get("/api/account/export?format=" + format));
      }
      for (String board : ids.get("{boardId}")) check(leaks, forbidden, "WebSocket join " + board, joinAs(server, sponsor, UUID.fromString(board)));
      ApiClient.Response roomEvents = ApiClient.as(server, sponsor).openStream(s.c.path("/events"));
      assertEquals(403, roomEvents.status(), "the room's event stream is not the sponsor's");

      // A withdrawn card takes the theme below k while the sponsor listens.
      Cards.withdraw(server, s.p(3), s.board, "c");
      events.awaitKind("released");
      JsonArray after = ApiClient.as(server, sponsor).get(s.c.path("/sponsor/themes")).array();
      assertTrue(after.stream().map(JsonObject.class::cast).anyMatch(t -> t.getString("status").equals("withdrawn")), after.encode());
      check(leaks, forbidden, "the sponsor's event stream", events.drain());
      for (String[] call : last) check(leaks, forbidden, call[0] + " " + call[1], ApiClient.as(server, sponsor).send(call[0].toUpperCase(), call[1], call[2]));
      assertTrue(calls >= 20, "called " + calls + " routes");
    }
    assertEquals(List.of(), leaks);
  }

  private void check(List<String> leaks, List<String> forbidden, String where, ApiClient.Response response) {
    check(leaks, forbidden, where + " -> " + response.status(), response.body());
    if (response.status() >= 500) leaks.add(where + " answered " + response.status());
  }

  private static void check(List<String> leaks, List<String> forbidden, String where, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (String f : forbidden) {
      if (lower.contains(f.toLowerCase(Locale.ROOT))) leaks.add(where + " carried '" + f + "': " + text);
    }
  }

  /** The sponsor asks to join a board and tries to write on it: every frame the server sends back. */
  private static String joinAs(TestServer server, Person sponsor, UUID board) {
    StringBuilder frames = new StringBuilder();
    try (BoardClient client = BoardClient.connect(server, sponsor)) {
      frames.append(client.join(board, "sponsor", 0L).encode());
      client.send(BoardClient.op("x", new JsonObject().put("kind", "card.create").put("card", "s").put("text", "t")
          .put("colour", "yellow").put("position", "V")));
      for (JsonObject m; (m = client.next(Duration.ofMillis(300))) != null; ) frames.append(m.encode());
    }
    return frames.toString();
  }

  private static List<String> expand(String path, Map<String, List<String>> ids) {
    List<String> out = new ArrayList<>(List.of(path));
    for (Map.Entry<String, List<String>> id : ids.entrySet()) {
      List<String> next = new ArrayList<>();
      for (String p : out) {
        if (!p.contains(id.getKey())) next.add(p);
        else for (String value : id.getValue()) next.add(p.replace(id.getKey(), value));
      }
      out = next;
    }
    List<String> withQueries = new ArrayList<>();
    for (String p : out) withQueries.add(p.endsWith("/diff") ? p + "?from=1&to=2" : p);
    return withQueries;
  }

  /** The documented example, with the sponsor's own password and address where it signs in, as the authorization matrix does. */
  private static String body(String operationId, JsonObject example, String method, Person sponsor) {
    if (example == null) return method.equals("get") ? null : "{}";
    JsonObject body = example.copy();
    for (String field : body.fieldNames()) {
      if (field.equals("password") || field.equals("currentPassword")) body.put(field, TestAccounts.PASSWORD);
      if (field.equals("email")) body.put(field, operationId.equals("signIn") ? sponsor.email() : TestAccounts.uniqueEmail("new"));
    }
    return body.encode();
  }

}
