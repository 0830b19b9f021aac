package org.circle.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.ApiClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PhaseGateTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static ApiClient.Response move(CommunityScenario c, String phase) {
    return c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", phase));
  }

  @Test
  @DisplayName("No co-design before sign-off, no sessions before ratification, each refusal saying why")
  void gates() {
    CommunityScenario c = new CommunityScenario(server, 2);
    ApiClient.Response early = move(c, "codesign");
    assertEquals(409, early.status());
    assertTrue(early.json().getString("detail").contains("signed off"), early.body());
    assertEquals(409, c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Listen")).status(),
        "no ground rules before co-design");

    c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("Purpose"));
    assertEquals(409, move(c, "codesign").status(), "a draft mandate is not enough");
    c.as(c.sponsor).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1));
    assertEquals(200, move(c, "codesign").status());
    var boards = c.as(c.participants.get(0)).get(c.path("/boards")).json().getJsonArray("boards");
    assertEquals(1, boards.size(), "co-design opens its board");
    assertEquals("What is needed to create a safe space to have authentic conversations about this work?",
        boards.getJsonObject(0).getString("title"));
    assertEquals("codesign", boards.getJsonObject(0).getString("kind"));

    ApiClient.Response noRules = move(c, "sessions");
    assertEquals(409, noRules.status());
    assertTrue(noRules.json().getString("detail").contains("ratified"), noRules.body());

    c.ratified("What is said here stays here");
    assertEquals(200, move(c, "sessions").status());
    assertEquals("sessions", c.as(c.participants.get(0)).get(c.path("")).json().getString("phase"));
    assertEquals(200, move(c, "codesign").status(), "back to co-design to amend the ground rules");
    assertEquals(1, c.as(c.facilitator).get(c.path("/boards")).json().getJsonArray("boards").size(), "the co-design board is not made twice");
    assertEquals(200, move(c, "sessions").status());
    assertEquals(409, move(c, "sponsor").status());
    assertEquals(200, move(c, "archived").status());
    assertEquals(409, move(c, "sessions").status(), "an archive is final");
    assertEquals(409, c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("Again")).status());
  }

  @Test
  @DisplayName("A proposed change to the mandate does not hold sessions up: the version in force carries on")
  void proposalDoesNotBlockSessions() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign().ratified("Listen");
    c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("A changed purpose"));
    assertEquals(200, move(c, "sessions").status());
    assertEquals(1, c.as(c.facilitator).get(c.path("/mandate")).json().getInteger("inForce"));
  }
}
