package org.circle.mandate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.circle.support.ApiClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.SmtpSink;
import org.circle.support.TestAccounts;
import org.circle.support.TestDatabases;
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

  /** The record of consent rounds on changes to the mandate, as this person reads it. */
  private static JsonArray mandateRounds(CommunityScenario c, TestAccounts.Person reader) {
    JsonArray all = c.as(reader).get(c.path("/consent-rounds")).array();
    return new JsonArray(all.stream().filter(r -> "mandate".equals(((JsonObject) r).getString("subject"))).toList());
  }

  private static ApiClient.Response consent(CommunityScenario c, TestAccounts.Person p, String answer, String note) {
    JsonObject body = new JsonObject().put("answer", answer);
    if (note != null) body.put("note", note);
    return c.as(p).post(c.path("/mandate/consent"), body);
  }

  @Test
  @DisplayName("After co-design begins, a sponsor's change signed the same minute is only a proposal: the signed version stays in force")
  void sponsorAloneCannotChangeIt() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    ApiClient sponsor = c.as(c.sponsor);
    JsonObject weakened = CommunityScenario.mandate("Closing cases safely")
        .put("notPerformance", "Themes may inform appraisal where relevant.");
    assertEquals(200, sponsor.put(c.path("/mandate"), weakened).status());
    ApiClient.Response signed = sponsor.post(c.path("/mandate/sign-off"), new JsonObject().put("version", 2));
    assertEquals(200, signed.status(), signed.body());
    JsonObject seen = c.as(c.participants.get(0)).get(c.path("/mandate")).json();
    assertEquals(1, seen.getInteger("inForce"), "version 1 stays in force");
    assertEquals("Nothing here feeds performance management.", seen.getJsonObject("inForceVersion").getString("notPerformance"));
    JsonObject proposal = seen.getJsonObject("proposal");
    assertEquals(2, proposal.getInteger("version"), "every member sees the proposal");
    assertEquals("signed", proposal.getString("status"));
    assertEquals("Sam Sponsor", proposal.getString("editedBy"));
    assertEquals(409, consent(c, c.participants.get(0), "agree", null).status(), "no round before the facilitator agrees");
    assertEquals(403, sponsor.post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
    assertEquals(403, c.as(c.participants.get(0)).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "codesign")).status());

    assertEquals(200, c.as(c.facilitator).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
    assertEquals(403, consent(c, c.sponsor, "agree", null).status(), "the sponsor is not in the room");
    consent(c, c.participants.get(0), "object", "This would let our words reach appraisals");
    consent(c, c.participants.get(1), "agree", null);
    assertFalse(consent(c, c.facilitator, "agree", null).json().getBoolean("inForce"), "one objection blocks");
    JsonObject blocked = c.as(c.participants.get(1)).get(c.path("/mandate")).json();
    assertEquals(1, blocked.getInteger("inForce"));
    assertTrue(blocked.getJsonObject("proposal").getBoolean("blocked"));
    assertEquals("This would let our words reach appraisals",
        blocked.getJsonObject("proposal").getJsonArray("answers").getJsonObject(0).getString("note"), "the reason is read in the room");
    JsonObject sponsorView = sponsor.get(c.path("/mandate")).json().getJsonObject("proposal");
    assertTrue(sponsorView.getBoolean("blocked"));
    assertEquals(3, sponsorView.getInteger("answeredCount"));
    assertNull(sponsorView.getValue("answers"), "a sponsor sees counts, not names or reasons");
    assertEquals(200, sponsor.post(c.path("/mandate/withdraw"), new JsonObject().put("version", 2)).status());
    assertNull(c.as(c.facilitator).get(c.path("/mandate")).json().getValue("proposal"));
    assertEquals("withdrawn", mandateRounds(c, c.facilitator).getJsonObject(0).getString("outcome"));
  }

  @Test
  @DisplayName("A change the sponsor signs, the facilitator agrees and every member consents to comes into force")
  void consentedChange() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign().ratified("Listen");
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
    assertEquals(200, c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("Closing cases and handovers")).status());
    assertEquals(409, c.as(c.facilitator).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status(),
        "the sponsor signs first");
    c.as(c.sponsor).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 2));
    assertEquals(200, c.as(c.facilitator).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
    assertEquals("consulting", c.as(c.sponsor).get(c.path("/mandate")).json().getJsonObject("proposal").getString("status"));
    assertEquals(200, consent(c, c.participants.get(0), "concern", "Handovers are a big topic").status());
    assertEquals(1, c.as(c.sponsor).get(c.path("/mandate")).json().getInteger("inForce"), "sessions carry on under version 1");
    assertTrue(consent(c, c.facilitator, "agree", null).json().getBoolean("inForce"));
    JsonObject after = c.as(c.sponsor).get(c.path("/mandate")).json();
    assertEquals(2, after.getInteger("inForce"));
    assertNull(after.getValue("proposal"));
    JsonArray record = mandateRounds(c, c.participants.get(0));
    assertEquals("consented", record.getJsonObject(0).getString("outcome"));
    assertTrue(record.getJsonObject(0).getJsonArray("answers").encode().contains("Handovers are a big topic"));
    JsonArray sponsorRecord = c.as(c.sponsor).get(c.path("/consent-rounds")).array();
    assertEquals(1, sponsorRecord.size());
    assertNull(sponsorRecord.getJsonObject(0).getValue("answers"), "the sponsor reads the outcome and counts only");
    assertEquals(1, sponsorRecord.getJsonObject(0).getJsonObject("counts").getInteger("concern"));
  }

  @Test
  @DisplayName("With SMTP set, everyone in the room is emailed when a mandate change is put to them")
  void membersAreEmailed() throws Exception {
    try (SmtpSink smtp = new SmtpSink();
         TestServer mailing = TestServer.start(TestDatabases.fresh(), Map.of(
             "CIRCLE_SMTP_HOST", "127.0.0.1", "CIRCLE_SMTP_PORT", String.valueOf(smtp.port()),
             "CIRCLE_SMTP_FROM", "circle@example.org", "CIRCLE_SMTP_STARTTLS", "disabled"))) {
      CommunityScenario c = new CommunityScenario(mailing, 2).inCodesign();
      c.as(c.sponsor).put(c.path("/mandate"), CommunityScenario.mandate("A new purpose"));
      c.as(c.sponsor).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 2));
      assertEquals(200, c.as(c.facilitator).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
      for (TestAccounts.Person p : c.inTheRoom()) {
        String address = p.email();
        smtp.await(m -> m.contains(address) && m.contains("mandate"));
      }
    }
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
