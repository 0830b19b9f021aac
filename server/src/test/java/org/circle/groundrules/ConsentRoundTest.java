package org.circle.groundrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.community.Role;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.CommunityScenario;
import org.circle.support.TestAccounts;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConsentRoundTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static ApiClient.Response answer(CommunityScenario c, TestAccounts.Person p, String answer, String note) {
    JsonObject body = new JsonObject().put("answer", answer);
    if (note != null) body.put("note", note);
    return c.as(p).post(c.path("/ground-rules/consent"), body);
  }

  @Test
  @DisplayName("Ground rules are ratified when everyone in the room consents; a concern still consents")
  void ratifiedByConsent() {
    CommunityScenario c = new CommunityScenario(server, 3).inCodesign();
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Stays in the room", "No blame"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    assertEquals(200, answer(c, c.participants.get(0), "agree", null).status());
    assertEquals(200, answer(c, c.participants.get(1), "concern", "Monthly may be too rare").status());
    assertFalse(answer(c, c.participants.get(2), "agree", null).json().getBoolean("ratified"), "the facilitator has not answered");
    assertTrue(answer(c, c.facilitator, "agree", null).json().getBoolean("ratified"));
    JsonObject state = c.as(c.participants.get(0)).get(c.path("/ground-rules")).json();
    assertEquals(1, state.getJsonObject("inForce").getInteger("version"));
    assertEquals(new JsonArray().add("Stays in the room").add("No blame"), state.getJsonObject("inForce").getJsonArray("rules"));
    assertNull(state.getValue("proposal"));
    assertTrue(state.getBoolean("myConsent"));
    JsonArray answers = c.as(c.facilitator).get(c.path("/ground-rules/versions/1")).json().getJsonArray("answers");
    assertTrue(answers.encode().contains("Monthly may be too rare"), "after the round closes its notes can be read");
  }

  @Test
  @DisplayName("During the round everyone in the room reads each answer, its reason and who gave it; sponsors see nothing of it")
  void reasonsVisibleDuringTheRound() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Listen"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    answer(c, c.participants.get(0), "object", "I need to be able to say no");
    for (TestAccounts.Person reader : List.of(c.facilitator, c.participants.get(1))) {
      JsonObject proposal = c.as(reader).get(c.path("/ground-rules")).json().getJsonObject("proposal");
      assertEquals(new JsonArray().add("Participant 1"), proposal.getJsonArray("answered"));
      JsonObject seen = proposal.getJsonArray("answers").getJsonObject(0);
      assertEquals("Participant 1", seen.getString("name"));
      assertEquals("object", seen.getString("answer"));
      assertEquals("I need to be able to say no", seen.getString("note"));
      assertNull(proposal.getValue("myAnswer"));
      assertTrue(proposal.getBoolean("blocked"));
    }
    assertEquals("object", c.as(c.participants.get(0)).get(c.path("/ground-rules")).json().getJsonObject("proposal").getString("myAnswer"));
    assertEquals(403, c.as(c.sponsor).get(c.path("/ground-rules")).status());
    assertEquals(new JsonArray(), c.as(c.sponsor).get(c.path("/consent-rounds")).array(), "a sponsor reads no ground-rules round");
  }

  @Test
  @DisplayName("When the ground rules in force make cards anonymous, a round shows reasons without names")
  void anonymousRound() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Listen").put("cardNames", "anonymous"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    for (TestAccounts.Person p : c.inTheRoom()) answer(c, p, "agree", null);
    JsonObject amendment = CommunityScenario.groundRules("Listen", "Phones away").put("cardNames", "anonymous")
        .put("reason", "Phones distract us");
    assertEquals(201, c.as(c.participants.get(1)).post(c.path("/ground-rules/amendments"), amendment).status());
    answer(c, c.participants.get(0), "concern", "Some of us are on call");
    JsonObject proposal = c.as(c.facilitator).get(c.path("/ground-rules")).json().getJsonObject("proposal");
    assertTrue(proposal.getBoolean("anonymous"));
    assertEquals(new JsonArray(), proposal.getJsonArray("answered"));
    assertEquals(1, proposal.getInteger("answeredCount"));
    JsonObject seen = proposal.getJsonArray("answers").getJsonObject(0);
    assertEquals("Some of us are on call", seen.getString("note"));
    assertNull(seen.getValue("name"));
    assertFalse(proposal.encode().contains("Participant 1"), proposal.encode());
  }

  @Test
  @DisplayName("Every round is kept with its answers, reasons and outcome, as the record of how the rules were agreed")
  void recordKept() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Everything is recorded"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    answer(c, c.participants.get(0), "object", "Recording would stop me speaking honestly");
    answer(c, c.participants.get(1), "concern", "Who keeps the recordings?");
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Nothing is recorded"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    for (TestAccounts.Person p : c.inTheRoom()) answer(c, p, "agree", null);

    JsonArray record = c.as(c.participants.get(1)).get(c.path("/consent-rounds")).array();
    assertEquals(2, record.size(), record.encode());
    JsonObject first = record.getJsonObject(0);
    assertEquals(1, first.getInteger("round"));
    assertEquals("amended", first.getString("outcome"));
    assertEquals(1, first.getJsonObject("counts").getInteger("object"));
    assertTrue(first.getJsonArray("answers").encode().contains("Recording would stop me speaking honestly"));
    assertTrue(first.getJsonArray("answers").encode().contains("Participant 1"));
    JsonObject second = record.getJsonObject(1);
    assertEquals("consented", second.getString("outcome"));
    assertEquals(3, second.getInteger("members"));
    assertEquals(3, second.getJsonObject("counts").getInteger("agree"));
    JsonObject version = c.as(c.facilitator).get(c.path("/ground-rules/versions/1")).json();
    assertEquals(2, version.getJsonArray("rounds").size(), "the version carries every round run on it");
  }

  @Test
  @DisplayName("An objection blocks ratification until the text is amended and a new round is run")
  void objectionBlocks() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Everything is recorded"));
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    assertEquals(400, answer(c, c.participants.get(0), "object", null).status(), "an objection needs its reason");
    answer(c, c.participants.get(0), "object", "Recording would stop me speaking honestly");
    answer(c, c.participants.get(1), "agree", null);
    assertFalse(answer(c, c.facilitator, "agree", null).json().getBoolean("ratified"));
    JsonObject blocked = c.as(c.facilitator).get(c.path("/ground-rules")).json();
    assertNull(blocked.getValue("inForce"));
    assertTrue(blocked.getJsonObject("proposal").getBoolean("blocked"));
    assertEquals(409, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());

    c.as(c.facilitator).put(c.path("/ground-rules/draft"), CommunityScenario.groundRules("Nothing is recorded"));
    assertEquals(409, answer(c, c.participants.get(1), "agree", null).status(), "amending ends the round");
    c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject());
    JsonObject fresh = c.as(c.facilitator).get(c.path("/ground-rules")).json().getJsonObject("proposal");
    assertEquals(2, fresh.getInteger("round"));
    assertEquals(0, fresh.getJsonArray("answered").size(), "a new round starts with no answers");
    for (TestAccounts.Person p : c.inTheRoom()) answer(c, p, "agree", null);
    assertEquals(new JsonArray().add("Nothing is recorded"),
        c.as(c.facilitator).get(c.path("/ground-rules")).json().getJsonObject("inForce").getJsonArray("rules"));
  }

  @Test
  @DisplayName("An amendment opens a new round; the rules in force stay until the amendment is ratified")
  void amendment() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign().ratified("Named cards");
    JsonObject amendment = CommunityScenario.groundRules("Named cards", "Phones away").put("reason", "Phones distract us");
    ApiClient.Response proposed = c.as(c.participants.get(1)).post(c.path("/ground-rules/amendments"), amendment);
    assertEquals(201, proposed.status(), proposed.body());
    assertEquals("consulting", proposed.json().getString("status"));
    assertEquals(409, c.as(c.participants.get(0)).post(c.path("/ground-rules/amendments"), amendment).status(), "one proposal at a time");

    answer(c, c.participants.get(0), "agree", null);
    JsonObject midway = c.as(c.facilitator).get(c.path("/ground-rules")).json();
    assertEquals(1, midway.getJsonObject("inForce").getInteger("version"), "version 1 is still in force");
    for (TestAccounts.Person p : c.inTheRoom()) answer(c, p, "agree", null);
    JsonObject after = c.as(c.facilitator).get(c.path("/ground-rules")).json();
    assertEquals(2, after.getJsonObject("inForce").getInteger("version"));
    JsonArray versions = c.as(c.facilitator).get(c.path("/ground-rules/versions")).array();
    assertEquals("superseded", versions.getJsonObject(0).getString("status"));
    JsonObject diff = c.as(c.facilitator).get(c.path("/ground-rules/diff?from=1&to=2")).json();
    JsonObject rules = diff.getJsonArray("fields").getJsonObject(0);
    assertEquals("rules", rules.getString("field"));
    assertTrue(rules.getJsonArray("lines").encode().contains("{\"op\":\"added\",\"text\":\"Phones away\"}"), rules.encode());
  }

  @Test
  @DisplayName("A member who joins after ratification has not consented until they accept the version in force")
  void lateJoinerConsents() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign().ratified("Listen");
    TestAccounts.Person late = TestAccounts.person(server.db(), "Lee Late");
    TestAccounts.join(server.db(), c.community, late, Role.PARTICIPANT);
    assertFalse(c.as(late).get(c.path("/ground-rules")).json().getBoolean("myConsent"));
    assertEquals(409, c.as(late).post(c.path("/ground-rules/accept"), new JsonObject().put("version", 7)).status());
    assertEquals(200, c.as(late).post(c.path("/ground-rules/accept"), new JsonObject().put("version", 1)).status());
    assertTrue(c.as(late).get(c.path("/ground-rules")).json().getBoolean("myConsent"));
  }

  @Test
  @DisplayName("The facilitator reads the co-design board's groups and cards, in board order and without authors, to start rules from")
  void rulesFromTheBoard() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    java.util.UUID board = java.util.UUID.fromString(c.as(c.facilitator).get(c.path("/boards")).json()
        .getJsonArray("boards").getJsonObject(0).getString("id"));
    try (BoardClient p = BoardClient.connect(server, c.participants.get(0))) {
      p.join(board, "p", null);
      p.send(BoardClient.op("g", new JsonObject().put("kind", "group.create").put("group", "g1").put("title", "Confidentiality").put("position", "V")));
      p.expectType("ack");
      p.send(BoardClient.op("c1", new JsonObject().put("kind", "card.create").put("card", "c1").put("text", "Nothing leaves the room")
          .put("colour", "yellow").put("group", "g1").put("position", "V")));
      p.expectType("ack");
      p.send(BoardClient.op("c2", new JsonObject().put("kind", "card.create").put("card", "c2").put("text", "No blame")
          .put("colour", "blue").put("position", "V")));
      p.expectType("ack");
    }
    JsonObject from = c.as(c.facilitator).get(c.path("/ground-rules/from-board")).json();
    JsonObject group = from.getJsonArray("groups").getJsonObject(0);
    assertEquals("Confidentiality", group.getString("title"));
    assertEquals("Nothing leaves the room", group.getJsonArray("cards").getJsonObject(0).getString("text"));
    assertEquals("No blame", from.getJsonArray("ungrouped").getJsonObject(0).getString("text"));
    assertFalse(from.encode().contains("Participant 1"), "never who wrote a card");
    assertEquals(403, c.as(c.participants.get(0)).get(c.path("/ground-rules/from-board")).status());
  }

  @Test
  @DisplayName("The release threshold can never be set below 3")
  void thresholdFloor() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    ApiClient.Response refused = c.as(c.facilitator).put(c.path("/ground-rules/draft"),
        CommunityScenario.groundRules("Listen").put("releaseThreshold", 2));
    assertEquals(400, refused.status());
    assertTrue(refused.json().getString("detail").contains("'releaseThreshold'"), refused.body());
  }

  @Test
  @DisplayName("Membership proposals carry a reason and, once accepted by the facilitator, become an invitation")
  void membershipProposal() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    JsonObject proposal = new JsonObject().put("name", "Dee Nightshift").put("role", "participant")
        .put("contribution", "The night-shift view").put("expertise", "Emergency duty").put("experience", "Eight years");
    ApiClient.Response created = c.as(c.participants.get(0)).post(c.path("/membership-proposals"), proposal);
    assertEquals(201, created.status(), created.body());
    JsonArray list = c.as(c.facilitator).get(c.path("/membership-proposals")).array();
    assertEquals("The night-shift view", list.getJsonObject(0).getString("contribution"));
    assertEquals("Participant 1", list.getJsonObject(0).getString("proposedBy"));
    ApiClient.Response accepted = c.as(c.facilitator).post(
        c.path("/membership-proposals/" + created.json().getString("id") + "/decision"), new JsonObject().put("decision", "accept"));
    assertEquals(200, accepted.status(), accepted.body());
    String url = accepted.json().getString("invitationUrl");
    String token = url.substring(url.lastIndexOf('/') + 1);
    assertEquals("valid", ApiClient.anonymous(server).get("/api/invitations/" + token).json().getString("status"));
  }
}
