package org.circle.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.circle.support.ApiClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Scheduling sessions and shaping their agendas")
class SessionAgendaTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static List<String> templatesOf(JsonObject session) {
    return session.getJsonArray("agenda").stream().map(o -> ((JsonObject) o).getString("template")).toList();
  }

  @Test
  @DisplayName("A new session's agenda is the one the ratified ground rules name, each segment with a prompt, a length and its own board")
  void defaultAgendaFromGroundRules() {
    SessionScenario s = new SessionScenario(server, 2);
    JsonObject session = s.schedule("March session");
    // The rules say "Check-in, stories, doubts, ideas, close".
    assertEquals(List.of("check-in", "storytelling", "uncertainties", "ideas", "close"), templatesOf(session));
    assertEquals("planned", session.getString("state"));
    assertEquals("https://meet.example.org/circle", session.getString("callLink"));
    JsonObject checkIn = session.getJsonArray("agenda").getJsonObject(0);
    assertTrue(checkIn.getString("prompt").contains("learning zone"), checkIn.encode());
    assertEquals(10, checkIn.getInteger("minutes"));

    JsonArray boards = s.as(s.participant(0)).get(s.path("/boards")).json().getJsonArray("boards");
    Set<String> segmentBoards = session.getJsonArray("agenda").stream().map(o -> ((JsonObject) o).getString("board")).collect(Collectors.toSet());
    assertEquals(5, segmentBoards.size(), "one board per segment");
    Set<String> listed = boards.stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
    assertTrue(listed.containsAll(segmentBoards), "segment boards are boards of the community");
    JsonObject checkInBoard = boards.stream().map(o -> (JsonObject) o).filter(b -> b.getString("id").equals(checkIn.getString("board"))).findFirst().orElseThrow();
    assertEquals("check-in", checkInBoard.getString("kind"));
    assertEquals("March session: Check-in", checkInBoard.getString("title"));
    assertEquals(false, checkInBoard.getBoolean("anonymous"));

    JsonArray list = s.as(s.participant(1)).get(s.path("/sessions")).json().getJsonArray("sessions");
    assertEquals(1, list.size());
    assertEquals("March session", list.getJsonObject(0).getString("title"));
  }

  @Test
  @DisplayName("Every template is offered, the learning get together among them; a facilitator may choose the agenda; anonymous ground rules make anonymous boards")
  void templatesAndChosenAgenda() {
    SessionScenario s = new SessionScenario(server, 1, "anonymous");
    JsonArray templates = s.as(s.participant(0)).get(s.path("/session-templates")).json().getJsonArray("templates");
    List<String> keys = templates.stream().map(o -> ((JsonObject) o).getString("key")).toList();
    assertEquals(List.of("check-in", "storytelling", "practice", "uncertainties", "ideas", "bring-back", "get-together", "close"), keys);
    JsonObject getTogether = templates.getJsonObject(6);
    assertTrue(getTogether.getString("prompt").contains("No blame, but accountability"), getTogether.encode());

    ApiClient.Response chosen = s.as(s.facilitator()).post(s.path("/sessions"), new JsonObject().put("title", "After the incident")
        .put("startsAt", "2026-04-01T09:30:00+01:00").put("durationMinutes", 60)
        .put("agenda", new JsonArray(List.of("check-in", "get-together", "close"))));
    assertEquals(201, chosen.status(), chosen.body());
    assertEquals(List.of("check-in", "get-together", "close"), templatesOf(chosen.json()));
    assertEquals("2026-04-01T08:30:00Z", chosen.json().getString("startsAt"));
    JsonArray boards = s.as(s.facilitator()).get(s.path("/boards")).json().getJsonArray("boards");
    assertTrue(boards.stream().map(o -> (JsonObject) o).filter(b -> b.getString("kind").equals("get-together"))
        .allMatch(b -> b.getBoolean("anonymous")), "the ground rules ratified anonymous cards");

    assertEquals(400, s.as(s.facilitator()).post(s.path("/sessions"), new JsonObject().put("title", "x")
        .put("startsAt", "2026-04-01T09:30:00Z").put("durationMinutes", 60).put("agenda", new JsonArray(List.of("karaoke")))).status());
  }

  @Test
  @DisplayName("Only https call links are accepted, dates need an offset, and only a facilitator in the sessions phase schedules")
  void badInput() {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject ok = new JsonObject().put("title", "April").put("startsAt", "2026-04-01T09:30:00Z").put("durationMinutes", 60);
    for (String link : List.of("http://meet.example.org/x", "javascript:alert(1)", "https://", "https://user:pw@meet.example.org/",
        "data:text/html,hi", "https://meet.example.org/a b", "ftp://meet.example.org")) {
      ApiClient.Response r = s.as(s.facilitator()).post(s.path("/sessions"), ok.copy().put("callLink", link));
      assertEquals(400, r.status(), link + " -> " + r.body());
    }
    assertEquals(400, s.as(s.facilitator()).post(s.path("/sessions"), ok.copy().put("startsAt", "next Tuesday")).status());
    assertEquals(400, s.as(s.facilitator()).post(s.path("/sessions"), ok.copy().put("startsAt", "2026-04-01T09:30:00")).status());
    assertEquals(400, s.as(s.facilitator()).post(s.path("/sessions"), ok.copy().put("durationMinutes", 1000)).status());
    assertEquals(403, s.as(s.participant(0)).post(s.path("/sessions"), ok).status());
    assertEquals(403, s.as(s.community.sponsor).get(s.path("/sessions")).status(), "sponsors do not see sessions");
    assertEquals(201, s.as(s.facilitator()).post(s.path("/sessions"), ok.copy().put("callLink", "HTTPS://Meet.Example.org/x?y=1")).status());

    CommunityScenario early = new CommunityScenario(server, 1).inCodesign();
    ApiClient.Response tooSoon = early.as(early.facilitator).post(early.path("/sessions"), ok);
    assertEquals(409, tooSoon.status(), "sessions start once the ground rules are ratified");
  }

  @Test
  @DisplayName("A facilitator adds, removes and reorders segments before the session; removed segments keep their boards")
  void editAgenda() {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject session = s.schedule("May");
    String first = session.getJsonArray("agenda").getJsonObject(0).getString("id");
    ApiClient.Response added = s.as(s.facilitator()).post(s.sessionPath(session, "/segments"),
        new JsonObject().put("template", "practice").put("after", first).put("minutes", 25));
    assertEquals(200, added.status(), added.body());
    JsonObject after = added.json();
    assertEquals(List.of("check-in", "practice", "storytelling", "uncertainties", "ideas", "close"), templatesOf(after));
    assertEquals(25, after.getJsonArray("agenda").getJsonObject(1).getInteger("minutes"));
    assertTrue(after.getLong("version") > session.getLong("version"));

    String removedBoard = after.getJsonArray("agenda").getJsonObject(2).getString("board");
    String storytelling = after.getJsonArray("agenda").getJsonObject(2).getString("id");
    JsonObject removed = s.as(s.facilitator()).delete(s.sessionPath(session, "/segments/" + storytelling)).json();
    assertEquals(List.of("check-in", "practice", "uncertainties", "ideas", "close"), templatesOf(removed));
    assertTrue(s.as(s.facilitator()).get(s.path("/boards")).body().contains(removedBoard), "its board stays");

    JsonArray ids = removed.getJsonArray("agenda").stream().map(o -> ((JsonObject) o).getString("id")).collect(JsonArray::new, JsonArray::add, JsonArray::addAll);
    JsonArray reversed = new JsonArray();
    for (int i = ids.size() - 1; i >= 0; i--) reversed.add(ids.getString(i));
    JsonObject reordered = s.as(s.facilitator()).put(s.sessionPath(session, "/agenda"), new JsonObject().put("segments", reversed)).json();
    assertEquals(List.of("close", "ideas", "uncertainties", "practice", "check-in"), templatesOf(reordered));

    assertEquals(400, s.as(s.facilitator()).put(s.sessionPath(session, "/agenda"),
        new JsonObject().put("segments", new JsonArray().add(ids.getString(0)))).status(), "every segment once");
    assertEquals(404, s.as(s.facilitator()).delete(s.sessionPath(session, "/segments/" + java.util.UUID.randomUUID())).status());
    assertEquals(403, s.as(s.participant(0)).post(s.sessionPath(session, "/segments"), new JsonObject().put("template", "close")).status());
    assertEquals(400, s.as(s.facilitator()).post(s.sessionPath(session, "/segments"), new JsonObject().put("template", "karaoke")).status());
  }

  @Test
  @DisplayName("During a session the lead facilitator changes the agenda; the current segment cannot be removed; an ended session's agenda is fixed")
  void editWhileLive() {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject session = s.schedule("June");
    JsonObject live = s.controlOk(s.facilitator(), session, SessionScenario.action("start"));
    String current = live.getString("current");
    ApiClient.Response removeCurrent = s.as(s.facilitator()).delete(s.sessionPath(session, "/segments/" + current));
    assertEquals(409, removeCurrent.status(), removeCurrent.body());
    ApiClient.Response byCoFacilitator = s.as(s.coFacilitator).post(s.sessionPath(session, "/segments"), new JsonObject().put("template", "ideas"));
    assertEquals(409, byCoFacilitator.status(), "only the facilitator leading the session: " + byCoFacilitator.body());
    assertEquals(200, s.as(s.facilitator()).post(s.sessionPath(session, "/segments"), new JsonObject().put("template", "ideas")).status());

    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    JsonObject ended = s.as(s.participant(0)).get(s.sessionPath(session, "")).json();
    assertEquals("ended", ended.getString("state"));
    assertEquals(409, s.as(s.facilitator()).post(s.sessionPath(session, "/segments"), new JsonObject().put("template", "ideas")).status());
    JsonObject stillReadable = s.as(s.participant(0)).get(s.sessionPath(session, "")).json();
    assertEquals(ended.getJsonArray("agenda"), stillReadable.getJsonArray("agenda"), "a past session is readable");
    assertNotEquals(0, stillReadable.getJsonArray("agenda").size());
  }
}
