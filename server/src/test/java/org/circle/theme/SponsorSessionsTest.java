package org.circle.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.SessionStreamClient;
import org.circle.support.TestAccounts.Person;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a sponsor learns of the sessions: how often they were held, and how many took part and how
 * safe each felt, never a figure from fewer than 3 people, never a process check, never who.
 */
@DisplayName("The sponsor's view of sessions held")
class SponsorSessionsTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  @Test
  @DisplayName("shows each session's day, sessions per month and the usual interval; who took part and the safety mean only from 3 up")
  void cadenceAndHealth() {
    SessionScenario s = new SessionScenario(circle.server(), 4);
    String view = s.path("/sponsor/sessions");
    JsonObject none = s.as(s.community.sponsor).get(view).json();
    assertEquals(0, none.getJsonArray("sessions").size());
    assertNull(none.getValue("usualIntervalDays"));

    // January 5th: four people join (one by the session's live stream), a safety pulse has 3 answers (4, 4, 5),
    // a second only 2 (1, 1), which must not count.
    JsonObject first = s.schedule("Opening session");
    s.controlOk(s.facilitator(), first, SessionScenario.action("start"));
    try (SessionStreamClient stream = s.stream(circle.server(), s.participant(3), first)) {
      assertEquals(200, stream.status());
    }
    for (Person p : List.of(s.facilitator(), s.participant(0), s.participant(1), s.participant(0))) {
      assertEquals(200, s.as(p).get(s.sessionPath(first, "")).status(), "opening it again counts nobody twice");
    }
    String safe = s.as(s.facilitator()).post(s.sessionPath(first, "/pulses"), new JsonObject().put("kind", "safety")).json().getString("id");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, s.as(s.participant(i)).post(s.path("/pulses/" + safe + "/answers"),
          new JsonObject().put("value", i == 2 ? "5" : "4")).status());
    }
    String few = s.as(s.facilitator()).post(s.sessionPath(first, "/pulses"), new JsonObject().put("kind", "safety")).json().getString("id");
    for (int i = 0; i < 2; i++) {
      assertEquals(200, s.as(s.participant(i)).post(s.path("/pulses/" + few + "/answers"), new JsonObject().put("value", "1")).status());
    }
    // A process check stays with the group.
    String check = s.as(s.facilitator()).post(s.path("/process-checks"), new JsonObject()).json().getString("id");
    for (int i = 0; i < 3; i++) {
      assertEquals(200, s.as(s.participant(i)).post(s.path("/pulses/" + check + "/answers"), new JsonObject().put("value", "2")).status());
    }
    assertEquals(200, s.as(s.facilitator()).post(s.path("/pulses/" + check + "/close"), new JsonObject()).status());
    s.controlOk(s.facilitator(), first, SessionScenario.action("end"));
    new People(circle.server().db()).update("UPDATE community_session SET started_at = '2026-01-05 14:00+00' WHERE id = ?::uuid",
        first.getString("id"));
    assertEquals(0, new People(circle.server().db()).count("SELECT count(*) FROM session_attendance"),
        "once the session has ended, nothing says who took part");

    // January 19th: two people join, and two answer a safety pulse; March 2nd: nobody opens it, no pulse.
    s.held("Second session", "2026-01-19", List.of(s.participant(0), s.participant(1)), List.of(List.of("2", "3")));
    s.held("Third session", "2026-03-02", List.of(), List.of());
    // A session still live is not held yet.
    JsonObject live = s.schedule("Still running");
    s.controlOk(s.facilitator(), live, SessionScenario.action("start"));

    assertEquals(403, s.as(s.participant(0)).get(view).status(), "the sponsor's view is the sponsor's");
    ApiClient.Response read = s.as(s.community.sponsor).get(view);
    assertEquals(200, read.status(), read.body());
    JsonObject sessions = read.json();
    assertEquals(3, sessions.getInteger("minimum"));
    JsonArray held = sessions.getJsonArray("sessions");
    assertEquals(3, held.size(), held.encode());
    JsonObject one = held.getJsonObject(0);
    assertEquals(1, one.getInteger("number"));
    assertEquals("2026-01-05", one.getString("heldOn"));
    assertEquals(4, one.getInteger("tookPart"));
    assertEquals("count", one.getString("tookPartShown"));
    assertEquals("4.3", one.getString("safetyMean"), "only the pulse 3 people answered counts");
    assertEquals("mean", one.getString("safetyShown"));
    JsonObject two = held.getJsonObject(1);
    assertEquals("2026-01-19", two.getString("heldOn"));
    assertNull(two.getValue("tookPart"), "two people: no number");
    assertEquals("fewer-than-minimum", two.getString("tookPartShown"));
    assertNull(two.getValue("safetyMean"));
    assertEquals("fewer-than-minimum", two.getString("safetyShown"));
    JsonObject three = held.getJsonObject(2);
    assertEquals("2026-03-02", three.getString("heldOn"));
    assertEquals("fewer-than-minimum", three.getString("tookPartShown"));
    assertEquals("not-asked", three.getString("safetyShown"));

    assertEquals(List.of("2026-01:2", "2026-02:0", "2026-03:1"), sessions.getJsonArray("perMonth").stream()
        .map(m -> ((JsonObject) m).getString("month") + ":" + ((JsonObject) m).getLong("sessions")).toList());
    assertEquals(28, sessions.getInteger("usualIntervalDays"), "gaps of 14 and 42 days");

    // Nothing of titles, process checks, answers or people.
    String body = read.body();
    for (String never : List.of("Opening session", "Second session", "Still running", "Is the learning happening", check, safe,
        s.participant(0).id().toString(), s.participant(0).displayName())) {
      assertFalse(body.contains(never), never + " in " + body);
    }
    assertEquals(3, s.as(s.community.sponsor).get(s.path("/sponsor")).json().getLong("sessionsHeld"));

    // The sponsor's download has the same figures, and nothing more of the sessions.
    ApiClient.Response download = s.as(s.community.sponsor).get(s.path("/sponsor/export?format=markdown"));
    assertEquals(200, download.status(), download.body());
    String markdown = download.body();
    assertTrue(markdown.contains("3 sessions held, usually 28 days apart."), markdown);
    assertTrue(markdown.contains("| Session 1 | 2026-01-05 | 4 | 4.3 |"), markdown);
    assertTrue(markdown.contains("| Session 2 | 2026-01-19 | Fewer than 3 | Fewer than 3 answered |"), markdown);
    assertTrue(markdown.contains("| Session 3 | 2026-03-02 | Fewer than 3 | Not asked |"), markdown);
    for (String never : List.of("Opening session", "Second session", "Still running", s.participant(0).displayName())) {
      assertFalse(markdown.contains(never), never + " in the sponsor's download");
    }
  }

  @Test
  @DisplayName("the sponsor's database role reads the figures with the minimum of 3 already applied, and no per-person column")
  void minimumInTheDatabase() {
    SessionScenario s = new SessionScenario(circle.server(), 3);
    s.held("Small", "2026-02-02", List.of(s.participant(0), s.participant(1)), List.of(List.of("5", "1")));
    s.held("Full", "2026-02-09", List.of(s.participant(0), s.participant(1), s.participant(2)), List.of(List.of("5", "4", "4")));
    List<Row> rows = new ArrayList<>();
    circle.server().app().sponsorPool().preparedQuery("SELECT * FROM sponsor_session WHERE community_id = $1 ORDER BY number")
        .execute(Tuple.of(s.community.community)).toCompletionStage().toCompletableFuture().join().forEach(rows::add);
    assertEquals(2, rows.size());
    assertNull(rows.get(0).getValue("took_part"), "2 people: NULL in the view itself");
    assertNull(rows.get(0).getValue("safety_mean"), "2 answers: NULL in the view itself");
    assertEquals(3, rows.get(1).getInteger("took_part"));
    assertEquals("4.3", rows.get(1).getBigDecimal("safety_mean").toPlainString());
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < rows.get(0).size(); i++) columns.add(rows.get(0).getColumnName(i));
    assertEquals(List.of("community_id", "number", "held_on", "took_part_counted", "took_part", "safety_asked", "safety_mean"), columns);
    assertTrue(rows.stream().allMatch(r -> r.getUUID("community_id").equals(s.community.community)));
  }
}
