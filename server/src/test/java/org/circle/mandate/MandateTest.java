package org.circle.mandate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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

class MandateTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  @Test
  @DisplayName("The sponsor's sign-off is recorded with who and when; a later change is a new version needing a new sign-off")
  void signOffAndResign() {
    CommunityScenario c = new CommunityScenario(server, 1);
    ApiClient facilitator = c.as(c.facilitator);
    ApiClient sponsor = c.as(c.sponsor);
    assertEquals(200, facilitator.put(c.path("/mandate"), CommunityScenario.mandate("First purpose")).status());
    assertEquals(200, sponsor.put(c.path("/mandate"), CommunityScenario.mandate("Purpose agreed with the sponsor")).status());
    JsonObject draft = facilitator.get(c.path("/mandate")).json();
    assertEquals(1, draft.getJsonObject("latest").getInteger("version"), "drafting edits version 1 in place");
    assertNull(draft.getValue("inForce"));

    assertEquals(403, c.as(c.participants.get(0)).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1)).status());
    assertEquals(403, facilitator.post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1)).status());
    ApiClient.Response signed = sponsor.post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1));
    assertEquals(200, signed.status(), signed.body());
    JsonObject latest = signed.json().getJsonObject("latest");
    assertEquals("Sam Sponsor", latest.getString("signedOffBy"));
    assertTrue(latest.getString("signedOffAt") != null);
    assertEquals(1, signed.json().getInteger("inForce"));
    assertEquals(409, sponsor.post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1)).status(), "signed once");

    assertEquals(200, facilitator.put(c.path("/mandate"), CommunityScenario.mandate("A sharper purpose")).status());
    JsonObject after = facilitator.get(c.path("/mandate")).json();
    assertEquals(2, after.getJsonObject("latest").getInteger("version"));
    assertNull(after.getJsonObject("latest").getValue("signedOffAt"));
    assertEquals(1, after.getInteger("inForce"), "version 1 stays in force until version 2 is signed");
    assertEquals(200, sponsor.post(c.path("/mandate/sign-off"), new JsonObject().put("version", 2)).status());
    assertEquals(2, facilitator.get(c.path("/mandate")).json().getInteger("inForce"));
  }

  @Test
  @DisplayName("Versions can be listed, read, and compared field by field")
  void versionsAndDiff() {
    CommunityScenario c = new CommunityScenario(server, 1);
    ApiClient facilitator = c.as(c.facilitator);
    facilitator.put(c.path("/mandate"), CommunityScenario.mandate("Old purpose"));
    c.as(c.sponsor).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1));
    facilitator.put(c.path("/mandate"), CommunityScenario.mandate("New purpose"));
    assertEquals(2, facilitator.get(c.path("/mandate/versions")).array().size());
    assertEquals("Old purpose", c.as(c.sponsor).get(c.path("/mandate/versions/1")).json().getString("purpose"));
    JsonObject diff = c.as(c.participants.get(0)).get(c.path("/mandate/diff?from=1&to=2")).json();
    JsonObject purpose = diff.getJsonArray("fields").getJsonObject(0);
    assertEquals("purpose", purpose.getString("field"));
    assertTrue(purpose.getBoolean("changed"));
    assertEquals("removed", purpose.getJsonArray("lines").getJsonObject(0).getString("op"));
    assertEquals("Old purpose", purpose.getJsonArray("lines").getJsonObject(0).getString("text"));
    assertEquals("New purpose", purpose.getJsonArray("lines").getJsonObject(1).getString("text"));
    assertTrue(!diff.getJsonArray("fields").getJsonObject(1).getBoolean("changed"), "the question did not change");
  }

  @Test
  @DisplayName("Every mandate field is required, and unknown fields are refused")
  void validation() {
    CommunityScenario c = new CommunityScenario(server, 0);
    JsonObject missing = CommunityScenario.mandate("x");
    missing.remove("safeToFail");
    ApiClient.Response refused = c.as(c.facilitator).put(c.path("/mandate"), missing);
    assertEquals(400, refused.status());
    assertTrue(refused.json().getString("detail").contains("'safeToFail'"), refused.body());
    assertEquals(400, c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("x").put("budget", "1m")).status());
  }
}
