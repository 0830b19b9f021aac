package org.circle.session;

import static org.circle.support.SessionScenario.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.circle.support.ApiClient;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.SessionStreamClient;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Facilitation controls")
class FacilitationControlsTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  @Test
  @DisplayName("Each control reaches every member's stream, in order, as the whole state")
  void controlsReachEveryone() {
    SessionScenario s = new SessionScenario(server, 2);
    JsonObject session = s.schedule("March");
    List<Person> watchers = List.of(s.participant(0), s.participant(1), s.coFacilitator);
    List<SessionStreamClient> streams = new ArrayList<>();
    for (Person p : watchers) streams.add(s.stream(server, p, session));
    for (SessionStreamClient st : streams) assertEquals("planned", st.expectState(x -> true).getString("state"), "the first event is the state");

    UUID second = SessionScenario.segment(session, 1);
    s.controlOk(s.facilitator(), session, action("start"));
    s.controlOk(s.facilitator(), session, action("next"));
    s.controlOk(s.facilitator(), session, action("timer.start").put("seconds", 300));
    s.controlOk(s.facilitator(), session, action("spotlight").put("card", "card-42"));
    assertEquals(200, s.as(s.participant(0)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true)).status());
    s.controlOk(s.facilitator(), session, action("hands.next"));
    s.controlOk(s.facilitator(), session, action("vote.open").put("budget", 3));
    JsonObject last = s.controlOk(s.coFacilitator, session, action("takeover"));

    for (int i = 0; i < streams.size(); i++) {
      SessionStreamClient st = streams.get(i);
      JsonObject state = st.expectState(x -> x.getLong("version") == last.getLong("version"));
      assertEquals("live", state.getString("state"));
      assertEquals(second.toString(), state.getString("current"));
      assertEquals("running", state.getJsonObject("timer").getString("state"));
      assertEquals("card-42", state.getJsonObject("spotlight").getString("card"));
      assertEquals(s.participant(0).displayName(), state.getJsonObject("speaker").getString("name"));
      assertEquals(0, state.getJsonArray("hands").size());
      assertEquals(3, state.getJsonObject("vote").getInteger("budget"));
      assertEquals(s.coFacilitator.displayName(), state.getJsonObject("lead").getString("name"));
      assertEquals(watchers.get(i).id().toString(), state.getJsonObject("you").getString("id"));
      long previous = 0;
      for (SessionStreamClient.Event e : st.received()) {
        if (!"session".equals(e.name())) continue;
        long v = e.data().getLong("version");
        // docs/protocol.md: never older than a state sent before (a person's own dots change it without a new version).
        assertTrue(v >= previous, "no state is older than one sent before: " + v + " after " + previous);
        previous = v;
      }
      st.close();
    }
  }

  @Test
  @DisplayName("Only a facilitator of the community may use the controls; others get a typed refusal and nothing changes")
  void refusals() {
    SessionScenario s = new SessionScenario(server, 1);
    SessionScenario other = new SessionScenario(server, 1);
    JsonObject session = s.schedule("March");
    JsonObject otherSession = other.schedule("Elsewhere");
    long version = session.getLong("version");

    ApiClient.Response participant = s.control(s.participant(0), session, action("start"));
    assertEquals(403, participant.status());
    assertEquals("Not allowed", participant.json().getString("title"));
    assertEquals(403, s.control(s.community.sponsor, session, action("start")).status());
    assertEquals(403, s.control(other.facilitator(), session, action("start")).status(), "a facilitator of another community");
    // Another community's session named under this community's path does not exist here.
    assertEquals(404, s.as(s.facilitator()).post(s.path("/sessions/" + otherSession.getString("id") + "/controls"), action("start")).status());
    assertEquals("planned", other.as(other.facilitator()).get(other.sessionPath(otherSession, "")).json().getString("state"));
    assertEquals(version, s.as(s.facilitator()).get(s.sessionPath(session, "")).json().getLong("version"), "nothing changed");

    assertEquals(409, s.control(s.facilitator(), session, action("next")).status(), "not started yet");
    s.controlOk(s.facilitator(), session, action("start"));
    ApiClient.Response notLead = s.control(s.coFacilitator, session, action("next"));
    assertEquals(409, notLead.status());
    assertTrue(notLead.json().getString("detail").contains("Take over"), notLead.body());
    assertEquals(400, s.control(s.facilitator(), session, action("timer.start").put("seconds", 5)).status());
    assertEquals(400, s.control(s.facilitator(), session, action("timer.start").put("seconds", 99_999)).status());
    assertEquals(409, s.control(s.facilitator(), session, action("timer.pause")).status(), "nothing to pause");
    assertEquals(409, s.control(s.facilitator(), session, action("timer.add").put("seconds", 60)).status(), "nothing to add to");
    assertEquals(404, s.control(s.facilitator(), session, action("jump").put("segment", UUID.randomUUID().toString())).status());
    assertEquals(400, s.control(s.facilitator(), session, action("jump").put("segment", "first")).status());
    assertEquals(409, s.control(s.facilitator(), session, action("vote.close")).status(), "no vote is open");
    assertEquals(409, s.control(s.facilitator(), session, action("hands.next")).status(), "no hands up");
    assertEquals(409, s.control(s.facilitator(), session, action("previous")).status(), "already first");
    assertEquals(400, s.control(s.facilitator(), session, action("dance")).status());
    assertEquals(400, s.control(s.facilitator(), session, action("spotlight").put("card", "<b>")).status());
    JsonObject live = s.as(s.facilitator()).get(s.sessionPath(session, "")).json();

    s.controlOk(s.facilitator(), session, action("end"));
    long ended = s.as(s.facilitator()).get(s.sessionPath(session, "")).json().getLong("version");
    for (String a : List.of("next", "start", "takeover", "vote.open", "timer.reset")) {
      ApiClient.Response r = s.control(s.facilitator(), session, action(a).put("budget", 2));
      assertEquals(409, r.status(), a + ": " + r.body());
    }
    assertEquals(409, s.as(s.participant(0)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true)).status());
    assertEquals(ended, s.as(s.facilitator()).get(s.sessionPath(session, "")).json().getLong("version"), "an ended session does not change");
    assertTrue(live.getLong("version") < ended);
  }

  @Test
  @DisplayName("Two presses of next at once move the session on once; a co-facilitator takes over, and the previous lead then must take over back")
  void races() throws Exception {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject session = s.schedule("March");
    JsonObject live = s.controlOk(s.facilitator(), session, action("start"));
    String from = live.getString("current");
    List<CompletableFuture<ApiClient.Response>> presses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      presses.add(CompletableFuture.supplyAsync(() -> s.control(s.facilitator(), session, action("next").put("from", from))));
    }
    int changed = 0;
    for (CompletableFuture<ApiClient.Response> p : presses) {
      ApiClient.Response r = p.get();
      assertEquals(200, r.status(), r.body());
      if (r.json().getBoolean("changed")) changed++;
    }
    assertEquals(1, changed, "one press moved it");
    JsonObject now = s.as(s.participant(0)).get(s.sessionPath(session, "")).json();
    assertEquals(SessionScenario.segment(session, 1).toString(), now.getString("current"));
    assertEquals(live.getLong("version") + 1, now.getLong("version"));

    // Both facilitators take over at once: one of them leads, and versions stay in one line.
    CompletableFuture<ApiClient.Response> a = CompletableFuture.supplyAsync(() -> s.control(s.coFacilitator, session, action("takeover")));
    CompletableFuture<ApiClient.Response> b = CompletableFuture.supplyAsync(() -> s.control(s.facilitator(), session, action("takeover")));
    assertEquals(200, a.get().status());
    assertEquals(200, b.get().status());
    JsonObject after = s.as(s.participant(0)).get(s.sessionPath(session, "")).json();
    String lead = after.getJsonObject("lead").getString("id");
    assertTrue(lead.equals(s.coFacilitator.id().toString()) || lead.equals(s.facilitator().id().toString()));
    Person leader = lead.equals(s.coFacilitator.id().toString()) ? s.coFacilitator : s.facilitator();
    Person follower = leader == s.coFacilitator ? s.facilitator() : s.coFacilitator;
    assertEquals(409, s.control(follower, session, action("next")).status());
    assertEquals(200, s.control(leader, session, action("next")).status());
    assertEquals(403, s.control(s.participant(0), session, action("takeover")).status(), "never a participant");
  }

  @Test
  @DisplayName("The timer runs on server time: every member computes the same remaining time, also after reconnecting")
  void sharedTimer() {
    SessionScenario s = new SessionScenario(server, 2);
    JsonObject session = s.schedule("March");
    s.controlOk(s.facilitator(), session, action("start"));
    s.controlOk(s.facilitator(), session, action("timer.start").put("seconds", 600));
    try (SessionStreamClient one = s.stream(server, s.participant(0), session);
         SessionStreamClient two = s.stream(server, s.participant(1), session)) {
      JsonObject a = one.expectState(x -> true);
      JsonObject b = two.expectState(x -> true);
      assertEquals(a.getJsonObject("timer").getLong("endsAt"), b.getJsonObject("timer").getLong("endsAt"));
      assertTrue(Math.abs(remaining(a) - remaining(b)) < 1000);

      s.controlOk(s.facilitator(), session, action("timer.pause"));
      JsonObject paused = one.expectState(x -> x.getJsonObject("timer").getString("state").equals("paused"));
      long left = paused.getJsonObject("timer").getLong("remainingMs");
      assertTrue(left > 590_000 && left <= 600_000, "paused with " + left);
      s.controlOk(s.facilitator(), session, action("timer.add").put("seconds", 60));
      assertEquals(left + 60_000, one.expectState(x -> x.getJsonObject("timer").getLong("remainingMs") > left).getJsonObject("timer").getLong("remainingMs"));
      s.controlOk(s.facilitator(), session, action("timer.resume"));
      JsonObject resumed = two.expectState(x -> x.getJsonObject("timer").getString("state").equals("running"));
      assertTrue(Math.abs(remaining(resumed) - (left + 60_000)) < 1000, "resumes where it paused");
    }
    // A member who reconnects is told the same end time.
    try (SessionStreamClient again = s.stream(server, s.participant(0), session)) {
      JsonObject state = again.expectState(x -> true);
      JsonObject fromApi = s.as(s.participant(1)).get(s.sessionPath(session, "")).json();
      assertTrue(Math.abs(remaining(state) - remaining(fromApi)) < 1000);
    }
    s.controlOk(s.facilitator(), session, action("timer.add").put("seconds", -3600));
    JsonObject zero = s.as(s.participant(1)).get(s.sessionPath(session, "")).json();
    assertEquals(0, zero.getJsonObject("timer").getLong("remainingMs"), "never below zero");
  }

  /** What a browser shows: the end time less the server's time, each as the server said. */
  private static long remaining(JsonObject state) {
    JsonObject timer = state.getJsonObject("timer");
    if (!timer.getString("state").equals("running")) return timer.getLong("remainingMs");
    return timer.getLong("endsAt") - state.getLong("serverTime");
  }

  @Test
  @DisplayName("A dot vote hides every total while open, each person seeing only their own dots; on close everyone sees the totals")
  void dotVote() {
    SessionScenario s = new SessionScenario(server, 2);
    JsonObject session = s.schedule("March");
    s.controlOk(s.facilitator(), session, action("start"));
    assertEquals(409, s.as(s.participant(0)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "c1").put("dots", 1)).status(),
        "no vote open");
    s.controlOk(s.facilitator(), session, action("vote.open").put("budget", 3));
    assertEquals(409, s.control(s.facilitator(), session, action("vote.open").put("budget", 3)).status(), "one at a time");
    try (SessionStreamClient watcher = s.stream(server, s.participant(1), session);
         SessionStreamClient facilitator = s.stream(server, s.facilitator(), session)) {
      watcher.expectState(x -> true);
      facilitator.expectState(x -> true);
      ApiClient.Response mine = s.as(s.participant(0)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-secret").put("dots", 2));
      assertEquals(200, mine.status(), mine.body());
      assertEquals(dots("card-secret", 2), mine.json().getJsonArray("myDots"));
      assertNull(mine.json().getJsonArray("totals"));
      ApiClient.Response over = s.as(s.participant(0)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-other").put("dots", 2));
      assertEquals(409, over.status(), "budget of 3: " + over.body());
      assertEquals(200, s.as(s.participant(0)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-other").put("dots", 1)).status());
      assertEquals(200, s.as(s.facilitator()).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-secret").put("dots", 3)).status());

      JsonObject seenByOther = s.as(s.participant(1)).get(s.sessionPath(session, "")).json().getJsonObject("vote");
      assertTrue(seenByOther.getBoolean("open"));
      assertEquals(new JsonArray(), seenByOther.getJsonArray("myDots"));
      assertNull(seenByOther.getJsonArray("totals"));
      JsonObject seenByFacilitator = s.as(s.facilitator()).get(s.sessionPath(session, "")).json().getJsonObject("vote");
      assertEquals(dots("card-secret", 3), seenByFacilitator.getJsonArray("myDots"), "the facilitator sees only their own dots");
      assertNull(seenByFacilitator.getJsonArray("totals"));
      for (SessionStreamClient.Event e : watcher.drain(Duration.ofMillis(500))) {
        assertFalse(e.raw().contains("card-secret") || e.raw().contains("card-other"), "another's dots never reach this member: " + e.raw());
      }

      JsonObject closed = s.controlOk(s.facilitator(), session, action("vote.close"));
      assertEquals(dots("card-other", 1).addAll(dots("card-secret", 5)), closed.getJsonObject("vote").getJsonArray("totals"));
      JsonObject everyone = watcher.expectState(x -> x.getJsonObject("vote") != null && !x.getJsonObject("vote").getBoolean("open"));
      assertEquals(dots("card-other", 1).addAll(dots("card-secret", 5)), everyone.getJsonObject("vote").getJsonArray("totals"));
      assertEquals(409, s.as(s.participant(1)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-secret").put("dots", 1)).status(),
          "closed");
    }
  }

  private static JsonArray dots(String card, int n) {
    return new JsonArray().add(new JsonObject().put("card", card).put("dots", n));
  }

  @Test
  @DisplayName("Hands go up in order, the facilitator calls the next, and a member can lower their own")
  void hands() {
    SessionScenario s = new SessionScenario(server, 3);
    JsonObject session = s.schedule("March");
    s.controlOk(s.facilitator(), session, action("start"));
    for (int i : new int[] {2, 0, 1}) {
      assertEquals(200, s.as(s.participant(i)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true)).status());
    }
    JsonObject again = s.as(s.participant(2)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true)).json();
    assertEquals(3, again.getJsonArray("hands").size(), "raising twice keeps one place");
    assertTrue(again.getJsonObject("you").getBoolean("handRaised"));
    s.as(s.participant(0)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", false));
    JsonObject called = s.controlOk(s.facilitator(), session, action("hands.next"));
    assertEquals(s.participant(2).displayName(), called.getJsonObject("speaker").getString("name"));
    assertEquals(List.of(s.participant(1).displayName()),
        called.getJsonArray("hands").stream().map(o -> ((JsonObject) o).getString("name")).toList());
    s.controlOk(s.facilitator(), session, action("hands.lower").put("person", s.participant(1).id().toString()));
    assertEquals(0, s.as(s.participant(1)).get(s.sessionPath(session, "")).json().getJsonArray("hands").size());
    assertEquals(400, s.as(s.participant(1)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", "yes")).status());
  }

  @Test
  @DisplayName("A member who has not agreed to the ground rules in force sees no session")
  void consentFirst() {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject session = s.schedule("March");
    Person late = org.circle.support.TestAccounts.person(server.db(), "Lee Late");
    org.circle.support.TestAccounts.join(server.db(), s.community.community, late, org.circle.community.Role.PARTICIPANT);
    ApiClient.Response refused = s.as(late).get(s.sessionPath(session, ""));
    assertEquals(409, refused.status());
    assertEquals("Agree to the ground rules first", refused.json().getString("title"));
    assertEquals(409, SessionStreamClient.open(server, late, s.sessionPath(session, "/stream")).status());
    s.as(late).post(s.path("/ground-rules/accept"), new JsonObject().put("version", 1));
    assertEquals(200, s.as(late).get(s.sessionPath(session, "")).status());
  }
}
