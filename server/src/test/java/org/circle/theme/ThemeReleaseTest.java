package org.circle.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.community.Role;
import org.circle.support.ApiClient;
import org.circle.support.Cards;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.SseReader;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Releasing a theme to the sponsor")
class ThemeReleaseTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  @Test
  @DisplayName("needs k distinct contributors: two people are refused, three accepted, and one person's several cards count once")
  void threshold() {
    ThemeScenario s = new ThemeScenario(server, 3);
    s.card(s.p(1), "a1", "No time to think after a visit");
    s.card(s.p(1), "a2", "I carry it home with me");
    s.card(s.p(2), "b1", "Supervision gets cancelled first");
    s.card(s.p(3), "c1", "We debrief in the car park");
    String theme = s.propose(s.draft("Time to reflect", "a1", "a2", "b1"));
    assertFalse(s.theme(theme).getBoolean("enoughContributors"));
    s.consent(theme);

    ApiClient.Response refused = s.release(theme);
    assertEquals(409, refused.status(), refused.toString());
    assertTrue(refused.json().getString("detail").contains("fewer than 3 different people"), refused.toString());
    assertEquals(0, s.sponsorThemes().size(), "nothing left the room");
    assertEquals("agreed", s.theme(theme).getString("status"), "nothing changed");

    assertEquals(200, s.edit(theme, s.draft("Time to reflect", "a1", "a2", "b1", "c1")).status());
    assertTrue(s.theme(theme).getBoolean("enoughContributors"));
    s.consent(theme);
    ApiClient.Response released = s.release(theme);
    assertEquals(200, released.status(), released.toString());
    JsonArray seen = s.sponsorThemes();
    assertEquals(1, seen.size());
    assertEquals("Time to reflect", seen.getJsonObject(0).getString("title"));
    assertEquals("3-5", seen.getJsonObject(0).getString("contributors"));
    assertEquals("enabling_ask", seen.getJsonObject(0).getString("category"));
  }

  @Test
  @DisplayName("needs everyone's consent to the exact text: without a round, with an objection, or after an edit it is refused")
  void consentToTheExactText() {
    ThemeScenario s = new ThemeScenario(server, 3);
    s.card(s.p(1), "a", "Nobody asks how we are");
    s.card(s.p(2), "b", "We learn by doing it wrong first");
    s.card(s.p(3), "c", "Peer support works when it is planned");
    String theme = s.propose(s.draft("Planned peer support", "a", "b", "c"));
    ApiClient.Response withoutRound = s.release(theme);
    assertEquals(409, withoutRound.status());
    assertTrue(withoutRound.json().getString("detail").contains("not consented"), withoutRound.toString());

    assertEquals(200, s.c.as(s.c.facilitator).post(s.c.path("/themes/" + theme + "/consent-round"), new JsonObject()).status());
    assertEquals(400, s.c.as(s.p(1)).post(s.c.path("/themes/" + theme + "/consent"), new JsonObject().put("answer", "object")).status(),
        "an objection gives its reason");
    assertEquals(200, s.c.as(s.p(1)).post(s.c.path("/themes/" + theme + "/consent"),
        new JsonObject().put("answer", "object").put("note", "Too close to what I said")).status());
    for (Person member : s.c.inTheRoom().subList(1, s.c.inTheRoom().size())) {
      s.c.as(member).post(s.c.path("/themes/" + theme + "/consent"), new JsonObject().put("answer", "agree"));
    }
    JsonObject round = s.theme(theme);
    assertTrue(round.getJsonObject("consent").getBoolean("blocked"));
    assertTrue(round.getJsonObject("consent").encode().contains("Too close to what I said"), "reasons are visible to the group");
    assertEquals(409, s.release(theme).status(), "an objection blocks");

    assertEquals(200, s.c.as(s.p(1)).post(s.c.path("/themes/" + theme + "/consent"), new JsonObject().put("answer", "agree")).status());
    assertEquals("agreed", s.theme(theme).getString("status"));
    assertEquals(200, s.edit(theme, s.draft("Planned peer support, weekly", "a", "b", "c")).status());
    assertEquals("draft", s.theme(theme).getString("status"), "an edit re-opens consent");
    assertEquals(409, s.release(theme).status());
    assertEquals(0, s.sponsorThemes().size());

    s.consent(theme);
    assertEquals(200, s.release(theme).status());
    assertEquals("Planned peer support, weekly", s.sponsorThemes().getJsonObject(0).getString("title"));
  }

  @Test
  @DisplayName("is refused while the text names a member or holds an email address or phone number, naming what was found")
  void identifyingDetails() {
    ThemeScenario s = new ThemeScenario(server, 3);
    Person ann = TestAccounts.person(server.db(), "Ann Pemberton");
    TestAccounts.join(server.db(), s.c.community, ann, Role.PARTICIPANT);
    s.c.participants.add(ann);
    assertEquals(200, s.c.as(ann).post(s.c.path("/ground-rules/accept"), new JsonObject().put("version", 1)).status());
    s.card(s.p(1), "a", "Handovers lose the story");
    s.card(s.p(2), "b", "Nobody reads the handover note");
    s.card(s.p(3), "c", "We repeat questions families already answered");
    String theme = s.propose(ThemeScenario.draft("Handovers", "As pemberton put it, call 07700 900123 or write to duty@example.org.",
        s.board, "a", "b", "c"));
    JsonArray warned = s.theme(theme).getJsonArray("identifyingDetails");
    assertEquals(3, warned.size(), warned.encode());
    s.consent(theme);

    ApiClient.Response refused = s.release(theme);
    assertEquals(409, refused.status());
    String detail = refused.json().getString("detail");
    assertTrue(detail.contains("the name “pemberton”"), detail);
    assertTrue(detail.contains("07700 900123"), detail);
    assertTrue(detail.contains("duty@example.org"), detail);
    assertEquals(0, s.sponsorThemes().size());

    assertEquals(200, s.edit(theme, ThemeScenario.draft("Handovers", "Handovers lose the family's story; the 2024-05-01 review said so too.",
        s.board, "a", "b", "c")).status());
    s.consent(theme);
    assertEquals(200, s.release(theme).status(), "a date is not a phone number");
  }

  @Test
  @DisplayName("is refused to a non-member, to a participant, and for another community's cards or theme, changing nothing")
  void wrongPeopleAndPlaces() {
    ThemeScenario s = new ThemeScenario(server, 3);
    ThemeScenario other = new ThemeScenario(server, 3);
    s.card(s.p(1), "a", "One");
    s.card(s.p(2), "b", "Two");
    s.card(s.p(3), "c", "Three");
    other.card(other.p(1), "x", "Elsewhere");
    String theme = s.propose(s.draft("Ours", "a", "b", "c"));
    s.consent(theme);

    ApiClient.Response foreignCard = s.c.as(s.p(1)).post(s.c.path("/themes"), ThemeScenario.draft("Theirs", "Summary", other.board, "x"));
    assertEquals(400, foreignCard.status());
    assertTrue(foreignCard.json().getString("detail").contains("not on a board of this community"), foreignCard.toString());
    ApiClient.Response mixed = s.edit(theme, s.draft("Ours", "a", "b", "c").put("cards", s.draft("Ours", "a", "b", "c").getJsonArray("cards")
        .copy().add(other.board + "/x")));
    assertEquals(400, mixed.status());

    assertEquals(403, s.c.as(other.c.facilitator).post(s.c.path("/themes/" + theme + "/release"), new JsonObject()).status(), "a non-member");
    assertEquals(403, s.c.as(s.p(1)).post(s.c.path("/themes/" + theme + "/release"), new JsonObject()).status(), "a participant");
    assertEquals(403, s.c.as(s.c.sponsor).post(s.c.path("/themes/" + theme + "/release"), new JsonObject()).status(), "the sponsor");
    assertEquals(404, other.c.as(other.c.facilitator).post(other.c.path("/themes/" + theme + "/release"), new JsonObject()).status(),
        "another community's theme through this community");
    assertEquals(0, s.sponsorThemes().size());
    assertEquals(0, other.sponsorThemes().size());
    assertEquals("agreed", s.theme(theme).getString("status"), "nothing changed");
  }

  @Test
  @DisplayName("a withdrawn card or deleted account recounts every theme it fed; below k the sponsor sees only 'withdrawn'")
  void withdrawalCascade() throws Exception {
    ThemeScenario s = new ThemeScenario(server, 4);
    s.card(s.p(1), "a", "One");
    s.card(s.p(2), "b", "Two");
    s.card(s.p(3), "c", "Three");
    s.card(s.p(4), "d", "Four");
    String first = s.propose(s.draft("First", "a", "b", "c"));
    String second = s.propose(s.draft("Second", "a", "b", "c", "d"));
    s.consent(first);
    assertEquals(200, s.release(first).status());

    try (SseReader events = SseReader.open(server, s.c.sponsor, s.c.path("/sponsor/events"))) {
      Cards.withdraw(server, s.p(3), s.board, "c");
      events.awaitKind("released");
      JsonObject gone = s.sponsorThemes().getJsonObject(0);
      assertEquals("withdrawn", gone.getString("status"));
      assertNull(gone.getString("title"), gone.encode());
      assertFalse(gone.containsKey("contributors"), gone.encode());
    }
    JsonObject members = s.theme(first);
    assertEquals("withdrawn", members.getString("status"));
    assertEquals("below_threshold", members.getString("withdrawnWhy"));
    assertTrue(s.theme(second).getBoolean("enoughContributors"), "a, b and d are still three people");

    assertEquals(204, s.c.as(s.p(4)).delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)).status());
    ApiClient.Response after = s.c.as(s.c.facilitator).get(s.c.path("/themes/" + second));
    assertEquals(200, after.status(), after.toString());
    assertFalse(after.json().getBoolean("enoughContributors"), "a deleted account no longer counts");
  }

  @Test
  @DisplayName("refuses releases a sponsor could compare to learn one person's contribution, and says why")
  void noDifferencing() {
    ThemeScenario s = new ThemeScenario(server, 5);
    for (int i = 1; i <= 5; i++) s.card(s.p(i), "card" + i, "Card " + i);
    String first = s.propose(s.draft("First", "card1", "card2", "card3"));
    s.consent(first);
    assertEquals(200, s.release(first).status());

    String oneMore = s.propose(s.draft("One more", "card1", "card2", "card3", "card4"));
    s.consent(oneMore);
    ApiClient.Response refused = s.release(oneMore);
    assertEquals(409, refused.status());
    assertTrue(refused.json().getString("detail").contains("“First”"), refused.toString());
    assertEquals(1, s.sponsorThemes().size());

    String samePeople = s.propose(s.draft("Same people", "card1", "card2", "card3"));
    s.consent(samePeople);
    assertEquals(200, s.release(samePeople).status(), "the same people reveal no one");

    // Withdrawn after a card goes; put back with someone else's card, it would differ by two people.
    Cards.withdraw(server, s.p(3), s.board, "card3");
    assertEquals("withdrawn", s.theme(first).getString("status"));
    assertEquals(200, s.edit(first, s.draft("First", "card1", "card2", "card4")).status());
    s.consent(first);
    ApiClient.Response again = s.release(first);
    assertEquals(409, again.status());
    assertTrue(again.json().getString("detail").contains("released before"), again.toString());
  }

  @Test
  @DisplayName("the sponsor replies and the members read it; anyone else's reply answers like a missing theme; openings are shown to members")
  void replies() {
    ThemeScenario s = new ThemeScenario(server, 3);
    s.card(s.p(1), "a", "One");
    s.card(s.p(2), "b", "Two");
    s.card(s.p(3), "c", "Three");
    String theme = s.propose(s.draft("Protected time", "a", "b", "c"));
    s.consent(theme);
    assertEquals(200, s.release(theme).status());
    JsonObject reply = new JsonObject().put("text", "We have protected Friday afternoons.");

    ApiClient.Response byParticipant = s.c.as(s.p(1)).put(s.c.path("/sponsor/themes/" + theme + "/reply"), reply);
    ApiClient.Response missing = s.c.as(s.c.sponsor).put(s.c.path("/sponsor/themes/" + UUID.randomUUID() + "/reply"), reply);
    assertEquals(404, byParticipant.status());
    assertEquals(missing.status(), byParticipant.status());
    assertEquals(missing.body(), byParticipant.body());
    assertEquals(404, s.c.as(s.c.facilitator).put(s.c.path("/sponsor/themes/" + theme + "/reply"), reply).status());
    assertNull(s.theme(theme).getJsonObject("reply"));

    ApiClient.Response opened = s.c.as(s.c.sponsor).get(s.c.path("/sponsor/themes/" + theme));
    assertEquals(200, opened.status());
    assertEquals("We need protected time to reflect after difficult visits.", opened.json().getString("summary"));
    assertEquals(200, s.c.as(s.c.sponsor).put(s.c.path("/sponsor/themes/" + theme + "/reply"), reply).status());
    JsonObject seen = s.c.as(s.p(2)).get(s.c.path("/themes/" + theme)).json();
    assertEquals("We have protected Friday afternoons.", seen.getJsonObject("reply").getString("text"));
    assertEquals("Sam Sponsor", seen.getJsonArray("sponsorOpened").getJsonObject(0).getString("by"));
    assertTrue(seen.getInteger("sponsorOpenedCount") >= 1);
  }

  @Test
  @DisplayName("the lifecycle has four phases: review follows sessions and may go back to sessions; archived is the end")
  void reviewPhase() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    assertEquals(409, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "review")).status(), "not from co-design");
    c.ratified("Stay curious.");
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "review")).status());
    assertEquals("review", c.as(c.sponsor).get(c.path("")).json().getString("phase"));
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "review")).status());
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "archived")).status());
    assertEquals(409, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
  }
}
