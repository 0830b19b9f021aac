package org.circle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.support.TestAccounts.Person;

/** A community in its sessions phase, with a co-facilitator, and helpers to schedule and run a session. */
public final class SessionScenario {
  public final CommunityScenario community;
  public final Person coFacilitator;

  public SessionScenario(TestServer server, int participants) {
    this(server, participants, "named");
  }

  /** {@code cardNames} is what the ratified ground rules say: named or anonymous. */
  public SessionScenario(TestServer server, int participants, String cardNames) {
    community = new CommunityScenario(server, participants);
    coFacilitator = TestAccounts.person(server.db(), "Cam Cofacilitator", false, true);
    TestAccounts.join(server.db(), community.community, coFacilitator, Role.FACILITATOR);
    community.inCodesign();
    CommunityScenario c = community;
    JsonObject rules = CommunityScenario.groundRules("What is said here stays here", "We listen").put("cardNames", cardNames);
    assertEquals(200, c.as(c.facilitator).put(c.path("/ground-rules/draft"), rules).status());
    assertEquals(200, c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject()).status());
    for (Person p : everyone()) {
      assertEquals(200, c.as(p).post(c.path("/ground-rules/consent"), new JsonObject().put("answer", "agree")).status());
    }
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
  }

  public java.util.List<Person> everyone() {
    java.util.List<Person> all = new java.util.ArrayList<>(community.inTheRoom());
    all.add(coFacilitator);
    return all;
  }

  public Person facilitator() {
    return community.facilitator;
  }

  public Person participant(int i) {
    return community.participants.get(i);
  }

  public ApiClient as(Person p) {
    return community.as(p);
  }

  public String path(String rest) {
    return community.path(rest);
  }

  /** Schedules a session with the default agenda; returns its state as the facilitator sees it. */
  public JsonObject schedule(String title) {
    ApiClient.Response r = as(facilitator()).post(path("/sessions"), new JsonObject().put("title", title)
        .put("startsAt", "2026-03-05T14:00:00Z").put("durationMinutes", 90).put("callLink", "https://meet.example.org/circle"));
    assertEquals(201, r.status(), r.body());
    return r.json();
  }

  /**
   * A session held on {@code day} (such as 2026-01-05): {@code joining} open it while it is live,
   * each list of answers is a safety pulse answered by that many people (closed when the session ends).
   */
  public JsonObject held(String title, String day, java.util.List<Person> joining, java.util.List<java.util.List<String>> safetyPulses) {
    JsonObject session = schedule(title);
    controlOk(facilitator(), session, action("start"));
    for (Person p : joining) assertEquals(200, as(p).get(sessionPath(session, "")).status());
    for (java.util.List<String> answers : safetyPulses) {
      ApiClient.Response pulse = as(facilitator()).post(sessionPath(session, "/pulses"), new JsonObject().put("kind", "safety"));
      assertEquals(201, pulse.status(), pulse.body());
      for (int i = 0; i < answers.size(); i++) {
        assertEquals(200, as(everyone().get(i)).post(path("/pulses/" + pulse.json().getString("id") + "/answers"),
            new JsonObject().put("value", answers.get(i))).status());
      }
    }
    controlOk(facilitator(), session, action("end"));
    new People(community.server.db()).update("UPDATE community_session SET started_at = ?::date + time '14:00' WHERE id = ?::uuid",
        day, session.getString("id"));
    return session;
  }

  public String sessionPath(JsonObject session, String rest) {
    return path("/sessions/" + session.getString("id") + rest);
  }

  public ApiClient.Response control(Person who, JsonObject session, JsonObject control) {
    return as(who).post(sessionPath(session, "/controls"), control);
  }

  public JsonObject controlOk(Person who, JsonObject session, JsonObject control) {
    ApiClient.Response r = control(who, session, control);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  public static JsonObject action(String action) {
    return new JsonObject().put("action", action);
  }

  public SessionStreamClient stream(TestServer server, Person who, JsonObject session) {
    SessionStreamClient s = SessionStreamClient.open(server, who, sessionPath(session, "/stream"));
    assertEquals(200, s.status());
    return s;
  }

  public static UUID segment(JsonObject state, int index) {
    JsonArray agenda = state.getJsonArray("agenda");
    return UUID.fromString(agenda.getJsonObject(index).getString("id"));
  }
}
