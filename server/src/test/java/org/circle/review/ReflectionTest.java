package org.circle.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.TestAccounts.Person;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Reflection: pulses, process checks and reviews")
class ReflectionTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  private SessionScenario scenario() {
    return new SessionScenario(circle.server(), 4);
  }

  private static JsonObject live(SessionScenario s) {
    JsonObject session = s.schedule("March session");
    s.controlOk(s.facilitator(), session, SessionScenario.action("start"));
    return session;
  }

  private static JsonObject answer(SessionScenario s, Person who, String pulseId, JsonObject body) {
    ApiClient.Response r = s.as(who).post(s.path("/pulses/" + pulseId + "/answers"), body);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** Nobody's account id or name appears in what the room reads of a pulse. */
  private static void assertAnonymous(SessionScenario s, String body) {
    for (Person p : s.everyone()) {
      assertFalse(body.contains(p.id().toString()), "an account id in " + body);
      assertFalse(body.contains(p.displayName()), "a name in " + body);
    }
  }

  @Test
  @DisplayName("A pulse shows no figure at all until it has closed with 3 answers, then its distribution and mean, never who answered what")
  void pulseMinimumOfThree() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    String pulses = s.sessionPath(session, "/pulses");

    assertEquals(403, s.as(s.participant(0)).post(pulses, new JsonObject().put("kind", "safety")).status(),
        "only a facilitator opens a pulse");
    assertEquals(400, s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "mood")).status());
    ApiClient.Response opened = s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "safety"));
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertEquals("How safe does this feel?", opened.json().getString("question"));

    assertEquals(400, s.as(s.participant(0)).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "6")).status());
    assertEquals(400, s.as(s.participant(0)).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "panic")).status(),
        "a zone is not an answer on a 1 to 5 scale");
    JsonObject one = answer(s, s.participant(0), id, new JsonObject().put("value", "2").put("note", "Tired today"));
    assertTrue(one.getBoolean("answered"));
    assertEquals(409, s.as(s.participant(0)).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "5")).status(),
        "one answer each");
    JsonObject two = answer(s, s.participant(1), id, new JsonObject().put("value", "4"));
    ApiClient.Response listed = s.as(s.participant(2)).get(pulses);
    assertEquals(200, listed.status());
    assertNull(listed.json().getJsonArray("pulses").getJsonObject(0).getValue("result"));
    assertFalse(listed.json().getJsonArray("pulses").getJsonObject(0).getBoolean("answered"), "I have not answered yet");

    JsonObject three = answer(s, s.participant(2), id, new JsonObject().put("value", "5"));
    for (JsonObject open : List.of(one, two, three, s.as(s.facilitator()).get(pulses).json().getJsonArray("pulses").getJsonObject(0))) {
      assertFalse(open.getBoolean("enough"));
      assertNull(open.getValue("result"));
      assertEquals("Results show when the facilitator closes the pulse.", open.getString("message"));
      assertFalse(open.encode().contains("Tired today"), "no note while it is open");
    }
    JsonObject closed = s.as(s.facilitator()).post(s.path("/pulses/" + id + "/close"), new JsonObject()).json();
    assertTrue(closed.getBoolean("enough"));
    assertNull(closed.getValue("message"));
    JsonObject result = closed.getJsonObject("result");
    assertEquals(3, result.getInteger("answers"));
    assertEquals("3.7", result.getString("mean"));
    JsonArray counts = result.getJsonArray("distribution");
    assertEquals(List.of(0, 1, 0, 1, 1), counts.stream().map(c -> ((JsonObject) c).getInteger("count")).toList());
    assertEquals(List.of("Tired today"), result.getJsonArray("notes").getList());

    ApiClient.Response read = s.as(s.facilitator()).get(pulses);
    assertEquals(200, read.status());
    assertAnonymous(s, read.body());
    assertAnonymous(s, closed.encode());
    assertEquals(403, s.as(s.community.sponsor).get(pulses).status(), "the sponsor reads no pulse");
    assertEquals(403, s.as(s.community.sponsor).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "3")).status());

    // A learning-zone check: a distribution, no mean.
    ApiClient.Response zone = s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "zone"));
    assertEquals(201, zone.status());
    assertEquals(409, s.as(s.participant(3)).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "3")).status(),
        "the first pulse closed");
    String zoneId = zone.json().getString("id");
    assertEquals(400, s.as(s.participant(0)).post(s.path("/pulses/" + zoneId + "/answers"), new JsonObject().put("value", "3")).status());
    for (int i = 0; i < 3; i++) answer(s, s.participant(i), zoneId, new JsonObject().put("value", i == 0 ? "panic" : "learning"));
    JsonObject zones = s.as(s.facilitator()).post(s.path("/pulses/" + zoneId + "/close"), new JsonObject()).json();
    assertNull(zones.getJsonObject("result").getValue("mean"));
    assertEquals(List.of(0, 2, 1), zones.getJsonObject("result").getJsonArray("distribution").stream()
        .map(c -> ((JsonObject) c).getInteger("count")).toList());
    assertEquals(409, s.as(s.facilitator()).post(s.path("/pulses/" + zoneId + "/close"), new JsonObject()).status());

    // Once the session has ended, no pulse opens.
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    assertEquals(409, s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "safety")).status());
  }

  @Test
  @DisplayName("A process check follows the same minimum of 3, for the room only, and shows on the reflection page")
  void processCheck() {
    SessionScenario s = scenario();
    String checks = s.path("/process-checks");
    assertEquals(403, s.as(s.participant(0)).post(checks, new JsonObject()).status());
    ApiClient.Response opened = s.as(s.facilitator()).post(checks, new JsonObject());
    assertEquals(201, opened.status(), opened.body());
    String id = opened.json().getString("id");
    assertEquals("Is the learning happening the way we expected?", opened.json().getString("question"));
    answer(s, s.participant(0), id, new JsonObject().put("value", "4").put("note", "Zebra notes last"));
    JsonObject two = answer(s, s.participant(1), id, new JsonObject().put("value", "2").put("note", "Apples first"));
    assertNull(two.getValue("result"));
    answer(s, s.participant(2), id, new JsonObject().put("value", "3"));
    JsonObject listed = s.as(s.participant(0)).get(checks).json().getJsonArray("processChecks").getJsonObject(0);
    assertNull(listed.getValue("result"), "three answers, but still open");
    assertEquals("Results show when a facilitator closes the process check.", listed.getString("message"));
    assertFalse(listed.encode().contains("Zebra"));
    JsonObject reflection = s.as(s.participant(0)).get(s.path("/reflection")).json();
    assertNull(reflection.getJsonArray("processChecks").getJsonObject(0).getValue("result"));

    assertEquals(200, s.as(s.facilitator()).post(s.path("/pulses/" + id + "/close"), new JsonObject()).status());
    reflection = s.as(s.participant(0)).get(s.path("/reflection")).json();
    JsonObject result = reflection.getJsonArray("processChecks").getJsonObject(0).getJsonObject("result");
    assertEquals("3.0", result.getString("mean"));
    assertEquals(List.of("Apples first", "Zebra notes last"), result.getJsonArray("notes").getList(), "notes in alphabetical order");
    assertAnonymous(s, reflection.encode());

    for (String path : List.of(checks, s.path("/reflection"))) {
      assertEquals(403, s.as(s.community.sponsor).get(path).status(), "never the sponsor: " + path);
    }
  }

  @Test
  @DisplayName("Someone watching an open pulse learns nothing from each new answer: not a figure, not how many answered")
  void noDifferencingWhileOpen() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    String pulses = s.sessionPath(session, "/pulses");
    String id = s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "safety")).json().getString("id");
    for (int i = 0; i < 3; i++) answer(s, s.participant(i), id, new JsonObject().put("value", "3"));
    String before = s.as(s.participant(3)).get(pulses).body();
    answer(s, s.participant(3), id, new JsonObject().put("value", "1").put("note", "Not safe for me"));
    String after = s.as(s.facilitator()).get(pulses).body();
    for (String seen : List.of(before, after, s.as(s.participant(0)).get(s.path("/reflection")).body())) {
      assertTrue(seen.contains("\"result\":null"), seen);
      assertFalse(seen.contains("Not safe for me"), seen);
      assertFalse(seen.contains("\"answers\""), "not even how many answered: " + seen);
    }
    JsonObject reflected = s.as(s.participant(0)).get(s.path("/reflection")).json().getJsonArray("pulses").getJsonObject(0);
    assertNull(reflected.getValue("result"));
    assertEquals("Results show when the facilitator closes the pulse.", reflected.getString("message"));
  }

  @Test
  @DisplayName("A pulse left open when its session ends closes then, and its results show")
  void sessionEndClosesPulse() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    String pulses = s.sessionPath(session, "/pulses");
    String id = s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "safety")).json().getString("id");
    for (int i = 0; i < 3; i++) answer(s, s.participant(i), id, new JsonObject().put("value", String.valueOf(i + 3)));
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));

    JsonObject pulse = s.as(s.participant(3)).get(pulses).json().getJsonArray("pulses").getJsonObject(0);
    assertFalse(pulse.getBoolean("open"));
    assertTrue(pulse.getString("closedAt") != null, pulse.encode());
    assertEquals("4.0", pulse.getJsonObject("result").getString("mean"));
    assertEquals(409, s.as(s.facilitator()).post(s.path("/pulses/" + id + "/close"), new JsonObject()).status(), "already closed");
    assertEquals(409, s.as(s.participant(3)).post(s.path("/pulses/" + id + "/answers"), new JsonObject().put("value", "5")).status());
  }

  @Test
  @DisplayName("In an archived community pulses, process checks and reviews can be read, not opened, answered, written or closed (authors may still erase their review answers); archiving closes any question still open")
  void archivedRefuses() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    String pulses = s.sessionPath(session, "/pulses");
    String pulse = s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "zone")).json().getString("id");
    String check = s.as(s.facilitator()).post(s.path("/process-checks"), new JsonObject()).json().getString("id");
    for (int i = 0; i < 3; i++) answer(s, s.participant(i), check, new JsonObject().put("value", "4"));
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    String review = s.sessionPath(session, "/review");
    assertEquals(200, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "Everyone spoke")).status());
    assertEquals(200, s.as(s.facilitator()).put(s.path("/phase"), new JsonObject().put("phase", "archived")).status());

    List<ApiClient.Response> refused = List.of(
        s.as(s.facilitator()).post(s.path("/process-checks"), new JsonObject()),
        s.as(s.facilitator()).post(pulses, new JsonObject().put("kind", "safety")),
        s.as(s.participant(3)).post(s.path("/pulses/" + check + "/answers"), new JsonObject().put("value", "3")),
        s.as(s.participant(3)).post(s.path("/pulses/" + pulse + "/answers"), new JsonObject().put("value", "learning")),
        s.as(s.facilitator()).post(s.path("/pulses/" + pulse + "/close"), new JsonObject()));
    for (ApiClient.Response r : refused) {
      assertEquals(409, r.status(), r.body());
      assertTrue(r.body().contains("This community is archived"), r.body());
    }

    // Its session reviews are its record: nothing new is written, chosen or proposed from them...
    List<ApiClient.Response> reviewRefused = List.of(
        s.as(s.participant(1)).put(review + "/mine", new JsonObject().put("better", "Start on time")),
        s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "Everyone spoke, even me")),
        s.as(s.facilitator()).put(review + "/template", new JsonObject().put("template", "four-fs")),
        s.as(s.facilitator()).post(review + "/proposals", new JsonObject().put("kind", "agenda").put("text", "Check-in in pairs")));
    for (ApiClient.Response r : reviewRefused) {
      assertEquals(409, r.status(), r.body());
      assertTrue(r.body().contains("This community is archived: its session reviews can be read"), r.body());
    }
    assertTrue(s.as(s.participant(1)).get(review).body().contains("Everyone spoke"), "what was written stays readable");
    // ...but an author can still erase their own answers.
    assertEquals(200, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "")).status());
    assertFalse(s.as(s.participant(1)).get(review).body().contains("Everyone spoke"), "erased");

    JsonObject reflection = s.as(s.participant(0)).get(s.path("/reflection")).json();
    assertEquals(1, reflection.getJsonArray("processChecks").size(), "no new process check");
    JsonObject closedCheck = reflection.getJsonArray("processChecks").getJsonObject(0);
    assertFalse(closedCheck.getBoolean("open"));
    assertEquals("4.0", closedCheck.getJsonObject("result").getString("mean"), "archiving closed it, so its result shows");
    JsonObject closedPulse = reflection.getJsonArray("pulses").getJsonObject(0);
    assertFalse(closedPulse.getBoolean("open"));
    assertTrue(closedPulse.getString("message").startsWith("Not enough answers to show"), closedPulse.encode());
  }

  @Test
  @DisplayName("After a session each member writes and edits their own review; the group reads them with names; refusals")
  void review() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    String review = s.sessionPath(session, "/review");
    assertEquals(409, s.as(s.participant(0)).get(review).status(), "no review before the session ends");
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));

    JsonObject empty = s.as(s.participant(0)).get(review).json();
    assertEquals("well-better-ideas", empty.getJsonObject("template").getString("key"));
    assertEquals(3, empty.getJsonArray("templates").size());
    assertEquals(403, s.as(s.participant(0)).put(review + "/template", new JsonObject().put("template", "four-fs")).status());
    assertEquals(200, s.as(s.facilitator()).put(review + "/template", new JsonObject().put("template", "four-fs")).status());
    assertEquals(400, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "x")).status(),
        "the 4 Fs do not ask what worked well");
    assertEquals(200, s.as(s.facilitator()).put(review + "/template", new JsonObject().put("template", "well-better-ideas")).status());
    assertEquals(400, s.as(s.participant(0)).put(review + "/mine", new JsonObject()).status());
    assertEquals(400, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "x".repeat(4001))).status());

    ApiClient.Response mine = s.as(s.participant(0)).put(review + "/mine",
        new JsonObject().put("well", "Everyone spoke").put("ideas", "A check-in in pairs"));
    assertEquals(200, mine.status(), mine.body());
    assertEquals(200, s.as(s.participant(1)).put(review + "/mine", new JsonObject().put("better", "Start on time")).status());
    assertEquals(200, s.as(s.participant(0)).put(review + "/mine",
        new JsonObject().put("well", "Everyone spoke, even me").put("ideas", "A check-in in pairs")).status());
    assertEquals(409, s.as(s.facilitator()).put(review + "/template", new JsonObject().put("template", "head-heart-hands")).status(),
        "the prompts stay once someone has written");

    JsonObject read = s.as(s.participant(2)).get(review).json();
    assertTrue(read.getBoolean("named"));
    JsonArray entries = read.getJsonArray("entries");
    assertEquals(2, entries.size());
    JsonObject first = entries.getJsonObject(0);
    assertEquals(s.participant(0).displayName(), first.getString("author"));
    assertEquals("Everyone spoke, even me", first.getJsonArray("answers").getJsonObject(0).getString("text"));
    assertFalse(first.getBoolean("mine"));
    assertTrue(s.as(s.participant(0)).get(review).json().getJsonArray("entries").getJsonObject(0).getBoolean("mine"));

    assertEquals(403, s.as(s.community.sponsor).get(review).status(), "the sponsor reads no review");
    assertEquals(403, s.as(s.community.sponsor).put(review + "/mine", new JsonObject().put("well", "x")).status());
    assertEquals(404, s.as(s.participant(0)).get(s.path("/sessions/" + java.util.UUID.randomUUID() + "/review")).status());
  }

  @Test
  @DisplayName("A member's review is in their download of what they wrote, and goes when they erase their words or delete their account")
  void reviewsAreTheirAuthors() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    String review = s.sessionPath(session, "/review");
    assertEquals(200, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("well", "Pairs helped me speak")).status());
    assertEquals(200, s.as(s.participant(1)).put(review + "/mine", new JsonObject().put("better", "Less time on the agenda")).status());

    String download = s.as(s.participant(0)).get("/api/account/export?format=json").body();
    assertTrue(download.contains("Pairs helped me speak"), download);
    assertFalse(download.contains("Less time on the agenda"), "only my own review");
    assertTrue(s.as(s.participant(0)).get("/api/account/export?format=markdown").body().contains("Pairs helped me speak"));

    assertEquals(204, s.as(s.participant(0)).post("/api/account/erase",
        new JsonObject().put("password", org.circle.support.TestAccounts.PASSWORD)).status());
    assertEquals(204, s.as(s.participant(1)).delete("/api/account",
        new JsonObject().put("password", org.circle.support.TestAccounts.PASSWORD)).status());
    String read = s.as(s.participant(2)).get(review).body();
    assertFalse(read.contains("Pairs helped me speak"), "erased: " + read);
    assertFalse(read.contains("Less time on the agenda"), "deleted with the account: " + read);
  }

  @Test
  @DisplayName("Under anonymous ground rules the group reads the reviews without names")
  void anonymousReview() {
    SessionScenario s = new SessionScenario(circle.server(), 3, "anonymous");
    JsonObject session = live(s);
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    String review = s.sessionPath(session, "/review");
    assertEquals(200, s.as(s.participant(0)).put(review + "/mine", new JsonObject().put("better", "More time")).status());
    ApiClient.Response read = s.as(s.participant(1)).get(review);
    assertFalse(read.json().getBoolean("named"));
    assertNull(read.json().getJsonArray("entries").getJsonObject(0).getValue("author"));
    assertFalse(read.body().contains(s.participant(0).displayName()));
    assertFalse(read.body().contains(s.participant(0).id().toString()));
  }

  @Test
  @DisplayName("An idea becomes a segment of the next session's agenda, at once or when it is scheduled, or a rule in a ground-rules draft")
  void proposals() {
    SessionScenario s = scenario();
    JsonObject session = live(s);
    s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
    String proposals = s.sessionPath(session, "/review/proposals");

    JsonObject idea = new JsonObject().put("kind", "agenda").put("text", "Check-in in pairs");
    assertEquals(403, s.as(s.participant(0)).post(proposals, idea).status(), "only a facilitator proposes");
    assertEquals(400, s.as(s.facilitator()).post(proposals, idea.copy().put("kind", "wish")).status());
    assertEquals(400, s.as(s.facilitator()).post(proposals, idea.copy().put("template", "no-such-template")).status());
    assertEquals(400, s.as(s.facilitator()).post(proposals, idea.copy().put("text", "x".repeat(201))).status(),
        "too long for a segment's title");

    // No session planned yet: it waits, and joins the next one scheduled.
    ApiClient.Response pending = s.as(s.facilitator()).post(proposals, idea);
    assertEquals(201, pending.status(), pending.body());
    assertEquals("pending", pending.json().getString("status"));
    JsonObject next = s.schedule("April session");
    assertTrue(titles(next).contains("Check-in in pairs"), titles(next).toString());
    JsonObject proposal = s.as(s.participant(0)).get(s.sessionPath(session, "/review")).json().getJsonArray("proposals").getJsonObject(0);
    assertEquals("added", proposal.getString("status"));
    assertEquals(next.getString("id"), proposal.getString("targetSessionId"));

    // A session is planned: the idea joins its agenda at once.
    ApiClient.Response added = s.as(s.facilitator()).post(proposals, new JsonObject().put("kind", "agenda")
        .put("text", "Story from the night shift").put("template", "storytelling"));
    assertEquals(201, added.status(), added.body());
    assertEquals("added", added.json().getString("status"));
    JsonObject april = s.as(s.facilitator()).get(s.sessionPath(next, "")).json();
    assertTrue(titles(april).contains("Story from the night shift"), titles(april).toString());

    // A ground-rules amendment draft, from the rules in force plus the idea.
    ApiClient.Response rule = s.as(s.facilitator()).post(proposals, new JsonObject().put("kind", "ground-rules")
        .put("text", "We start and end on time"));
    assertEquals(201, rule.status(), rule.body());
    assertEquals("drafted", rule.json().getString("status"));
    JsonObject draft = s.as(s.facilitator()).get(s.path("/ground-rules")).json().getJsonObject("proposal");
    assertEquals(rule.json().getInteger("groundRulesVersion"), draft.getInteger("version"));
    assertEquals("draft", draft.getString("status"));
    assertEquals(List.of("What is said here stays here", "We listen", "We start and end on time"), draft.getJsonArray("rules").getList());
    // A second idea joins the same draft.
    assertEquals(201, s.as(s.facilitator()).post(proposals, new JsonObject().put("kind", "ground-rules").put("text", "Phones away")).status());
    draft = s.as(s.facilitator()).get(s.path("/ground-rules")).json().getJsonObject("proposal");
    assertEquals(4, draft.getJsonArray("rules").size());
    // While a consent round runs on it, a rule waits.
    assertEquals(200, s.as(s.facilitator()).post(s.path("/ground-rules/consent-round"), new JsonObject()).status());
    assertEquals(409, s.as(s.facilitator()).post(proposals, new JsonObject().put("kind", "ground-rules").put("text", "More")).status());
    assertNotNull(draft);
    assertEquals(403, s.as(s.community.sponsor).post(proposals, idea).status());
  }

  private static List<String> titles(JsonObject session) {
    return session.getJsonArray("agenda").stream().map(g -> ((JsonObject) g).getString("title")).toList();
  }
}
