package org.circle.session;

import static org.circle.support.SessionScenario.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.SessionStreamClient;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Ideas become experiments")
class ExperimentsTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static JsonObject experiment(SessionScenario s, String bringBackOn) {
    return new JsonObject().put("question", "Does a ten-minute huddle after handover catch what gets missed?")
        .put("owners", new JsonArray().add(s.participant(0).id().toString()).add(s.facilitator().id().toString()))
        .put("startsOn", "2030-03-06").put("endsOn", "2030-03-27").put("observe", "What the huddle catches that the notes did not")
        .put("bringBackOn", bringBackOn);
  }

  private static List<String> templates(JsonObject session) {
    return session.getJsonArray("agenda").stream().map(o -> ((JsonObject) o).getString("template")).toList();
  }

  @Test
  @DisplayName("An idea card becomes an experiment; when it is due it comes back by itself on every session's agenda until its outcome is recorded")
  void comesBack() {
    SessionScenario s = new SessionScenario(server, 2);
    // In the future, so that "today" (the server's clock) is before every date here.
    JsonObject march = s.as(s.facilitator()).post(s.path("/sessions"), new JsonObject().put("title", "March")
        .put("startsAt", "2030-03-05T14:00:00Z").put("durationMinutes", 90)).json();
    // Scheduled before any experiment exists.
    JsonObject may = s.as(s.facilitator()).post(s.path("/sessions"), new JsonObject().put("title", "May")
        .put("startsAt", "2030-05-07T14:00:00Z").put("durationMinutes", 90).put("agenda", new JsonArray().add("check-in").add("close"))).json();
    String ideasBoard = march.getJsonArray("agenda").getJsonObject(3).getString("board");
    ApiClient.Response made = s.as(s.participant(1)).post(s.path("/experiments"),
        experiment(s, "2030-04-02").put("board", ideasBoard).put("card", "card-idea-1"));
    assertEquals(201, made.status(), made.body());
    JsonObject e = made.json();
    assertEquals(List.of(s.participant(0).displayName(), s.facilitator().displayName()),
        e.getJsonArray("owners").stream().map(o -> ((JsonObject) o).getString("name")).toList());
    assertEquals("card-idea-1", e.getString("card"));
    assertFalse(templates(march).contains("bring-back"), "not due by March");
    assertEquals(0, s.as(s.participant(0)).get(s.sessionPath(march, "")).json().getJsonArray("experiments").size());

    // A session after the bring-back date gets the experiment on its agenda by itself, after the check-in.
    ApiClient.Response april = s.as(s.facilitator()).post(s.path("/sessions"), new JsonObject().put("title", "April")
        .put("startsAt", "2030-04-09T14:00:00Z").put("durationMinutes", 90));
    assertEquals(201, april.status(), april.body());
    assertEquals("bring-back", templates(april.json()).get(1));
    assertEquals(e.getString("id"), april.json().getJsonArray("experiments").getJsonObject(0).getString("id"));

    // A session scheduled before the experiment was made gets it when it starts.
    JsonObject second = s.as(s.participant(0)).post(s.path("/experiments"), experiment(s, "2030-05-01")).json();
    assertFalse(templates(may).contains("bring-back"));
    try (SessionStreamClient stream = s.stream(server, s.participant(1), may)) {
      stream.expectState(x -> x.getJsonArray("experiments").size() == 2);
      JsonObject live = s.controlOk(s.facilitator(), may, action("start"));
      assertEquals(List.of("check-in", "bring-back", "close"), templates(live));

      // The group records the outcome: the experiment leaves the agendas, and every member's screen follows.
      ApiClient.Response recorded = s.as(s.participant(0)).put(s.path("/experiments/" + second.getString("id") + "/outcome"),
          new JsonObject().put("happened", "We held the huddle nine times").put("learned", "Five minutes is enough"));
      assertEquals(200, recorded.status(), recorded.body());
      assertTrue(recorded.json().getString("recordedAt") != null);
      JsonObject after = stream.expectState(x -> x.getJsonArray("experiments").size() == 1);
      assertEquals(e.getString("id"), after.getJsonArray("experiments").getJsonObject(0).getString("id"));
    }
    JsonArray all = s.as(s.participant(1)).get(s.path("/experiments")).json().getJsonArray("experiments");
    assertEquals(2, all.size());
  }

  @Test
  @DisplayName("Owners are members, dates are in order, the idea's board is the community's own, and sponsors see no experiments")
  void badInput() {
    SessionScenario s = new SessionScenario(server, 1);
    SessionScenario other = new SessionScenario(server, 1);
    JsonObject otherSession = other.schedule("Elsewhere");
    assertEquals(400, s.as(s.participant(0)).post(s.path("/experiments"), experiment(s, "2030-04-02")
        .put("owners", new JsonArray().add(other.participant(0).id().toString()))).status());
    assertEquals(400, s.as(s.participant(0)).post(s.path("/experiments"), experiment(s, "2030-03-01")).status(), "back before it starts");
    assertEquals(400, s.as(s.participant(0)).post(s.path("/experiments"), experiment(s, "next week")).status());
    assertEquals(404, s.as(s.participant(0)).post(s.path("/experiments"), experiment(s, "2030-04-02")
        .put("board", otherSession.getJsonArray("agenda").getJsonObject(0).getString("board")).put("card", "card-1")).status());
    assertEquals(403, s.as(s.community.sponsor).get(s.path("/experiments")).status());
    assertEquals(403, s.as(other.participant(0)).post(s.path("/experiments"), experiment(s, "2030-04-02")).status());
  }
}
