package org.circle.session;

import static org.circle.support.SessionScenario.action;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.circle.config.DatabaseSettings;
import org.circle.support.SessionScenario;
import org.circle.support.SessionStreamClient;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionRestartTest {

  @Test
  @DisplayName("A server restart in the middle of a session resumes it exactly: segment, timer, lead, hands, spotlight and the dot vote")
  void resumesAfterRestart() {
    DatabaseSettings db = TestDatabases.fresh();
    SessionScenario s;
    JsonObject session;
    JsonObject before;
    Map<String, String> port;
    try (TestServer first = TestServer.start(db, Map.of())) {
      // The same port after the restart, as for a real server behind its address.
      port = Map.of("CIRCLE_HTTP_PORT", String.valueOf(first.port()));
      s = new SessionScenario(first, 2);
      session = s.schedule("March");
      s.controlOk(s.facilitator(), session, action("start"));
      s.controlOk(s.facilitator(), session, action("next"));
      s.controlOk(s.facilitator(), session, action("timer.start").put("seconds", 900));
      s.controlOk(s.facilitator(), session, action("spotlight").put("card", "card-7"));
      s.controlOk(s.facilitator(), session, action("vote.open").put("budget", 4));
      s.as(s.participant(0)).put(s.sessionPath(session, "/dots"), new JsonObject().put("card", "card-7").put("dots", 2));
      s.as(s.participant(1)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true));
      s.as(s.participant(0)).put(s.sessionPath(session, "/hand"), new JsonObject().put("raised", true));
      s.controlOk(s.coFacilitator, session, action("takeover"));
      before = s.as(s.participant(0)).get(s.sessionPath(session, "")).json();
    }
    try (TestServer second = TestServer.start(db, port);
         SessionStreamClient stream = SessionStreamClient.open(second, s.participant(0), s.sessionPath(session, "/stream"))) {
      JsonObject after = stream.expectState(x -> true);
      for (String field : new String[] {"state", "version", "current", "lead", "hands", "spotlight", "vote", "agenda"}) {
        assertEquals(before.getValue(field), after.getValue(field), field);
      }
      assertEquals(2, after.getJsonObject("vote").getJsonArray("myDots").getJsonObject(0).getInteger("dots"));
      assertEquals(before.getJsonObject("timer").getLong("endsAt"), after.getJsonObject("timer").getLong("endsAt"),
          "the timer ends when it would have");
      long left = after.getJsonObject("timer").getLong("endsAt") - after.getLong("serverTime");
      assertTrue(left > 0 && left <= 900_000, "still running: " + left);

      // The session goes on from where it was, for everyone.
      JsonObject next = s.controlOk(s.coFacilitator, session, action("next"));
      assertEquals(SessionScenario.segment(session, 2).toString(), next.getString("current"));
      assertEquals(next.getLong("version"), stream.expectState(x -> x.getLong("version") == next.getLong("version")).getLong("version"));
    }
  }
}
