package org.circle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.support.TestAccounts.Person;

/** A community with a facilitator, a sponsor and participants, moved through its phases by the API. */
public final class CommunityScenario {
  public final TestServer server;
  public final UUID community;
  public final Person facilitator;
  public final Person sponsor;
  public final List<Person> participants = new ArrayList<>();

  public CommunityScenario(TestServer server, int participantCount) {
    this.server = server;
    this.community = TestAccounts.community(server.db(), "Duty social workers");
    this.facilitator = TestAccounts.person(server.db(), "Fran Facilitator", false, true);
    this.sponsor = TestAccounts.person(server.db(), "Sam Sponsor");
    TestAccounts.join(server.db(), community, facilitator, Role.FACILITATOR);
    TestAccounts.join(server.db(), community, sponsor, Role.SPONSOR);
    for (int i = 1; i <= participantCount; i++) {
      Person p = TestAccounts.person(server.db(), "Participant " + i);
      TestAccounts.join(server.db(), community, p, Role.PARTICIPANT);
      participants.add(p);
    }
  }

  public String path(String rest) {
    return "/api/communities/" + community + rest;
  }

  public ApiClient as(Person person) {
    return ApiClient.as(server, person);
  }

  public static JsonObject mandate(String purpose) {
    return new JsonObject().put("purpose", purpose).put("question", "How do we decide when to close a case?")
        .put("constituency", "Duty social workers in the north locality").put("expectations", "Share what we learn")
        .put("timeCommitment", "90 minutes a month").put("learningFlow", "Themes to the head of service each quarter")
        .put("safeToFail", "It is safe to fail here.").put("notPerformance", "Nothing here feeds performance management.");
  }

  public static JsonObject groundRules(String... rules) {
    return new JsonObject().put("rules", new JsonArray(List.of(rules))).put("cardNames", "named").put("releaseThreshold", 3)
        .put("safeguarding", "If someone is at risk of harm we act and say so.").put("raiseConcern", "Talk to the facilitator.")
        .put("cadence", "Monthly").put("agendaTemplate", "Check-in, stories, doubts, ideas, close");
  }

  /** Mandate drafted and signed, community in co-design. */
  public CommunityScenario inCodesign() {
    assertEquals(200, as(facilitator).put(path("/mandate"), mandate("Closing cases safely")).status());
    assertEquals(200, as(sponsor).post(path("/mandate/sign-off"), new JsonObject().put("version", 1)).status());
    assertEquals(200, as(facilitator).put(path("/phase"), new JsonObject().put("phase", "codesign")).status());
    return this;
  }

  /** Ground rules ratified by everyone in the room. */
  public CommunityScenario ratified(String... rules) {
    assertEquals(200, as(facilitator).put(path("/ground-rules/draft"), groundRules(rules)).status());
    assertEquals(200, as(facilitator).post(path("/ground-rules/consent-round"), new JsonObject()).status());
    for (Person p : inTheRoom()) {
      assertEquals(200, as(p).post(path("/ground-rules/consent"), new JsonObject().put("answer", "agree")).status());
    }
    return this;
  }

  public List<Person> inTheRoom() {
    List<Person> room = new ArrayList<>(participants);
    room.add(facilitator);
    return room;
  }
}
