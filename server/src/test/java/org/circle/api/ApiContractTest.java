package org.circle.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.ApiClient;
import org.circle.support.Cards;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The document at /openapi.json is a contract a client can be generated from: every answer the
 * server really gives through a community's whole life, to every operation and with every success
 * it documents, has a status the document lists for that operation and a body its schema accepts.
 */
class ApiContractTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  @Test
  @DisplayName("Every real answer of the whole API has a documented status and matches the documented schema")
  void everyAnswerMatchesTheDocument() {
    TestServer server = circle.server();
    Contract contract = new Contract(RouteSweep.document(server));
    // A community's life, start to finish, with the refusals a person meets on the way. (Every
    // operation as every identity is checked against the document too, in AuthorizationMatrixTest.)
    new Life(server, contract).live();

    int statuses = contract.seen().values().stream().mapToInt(java.util.Set::size).sum();
    System.out.printf("API contract: %d operations, %d operation/status pairs seen, %d answers validated%n",
        contract.operationIds().size(), statuses, contract.validated());
    assertTrue(contract.failures().isEmpty(), contract.failures().size() + " answers break the contract:\n"
        + String.join("\n", contract.failures()));
    assertEquals(List.of(), contract.successesNotSeen(), "documented successes no answer showed");
    assertEquals(contract.operationIds().size(), contract.seen().size(), "operations never answered");
  }

  /** Calls through the contract: each answer is checked as it comes. */
  private record Checked(ApiClient client, Contract contract) {
    ApiClient.Response send(String method, String path, JsonObject body) {
      ApiClient.Response response = client.send(method, path, body == null ? null : body.encode());
      contract.check(method, path, response);
      return response;
    }

    ApiClient.Response get(String path) {
      return send("GET", path, null);
    }

    ApiClient.Response post(String path, JsonObject body) {
      return send("POST", path, body);
    }

    ApiClient.Response put(String path, JsonObject body) {
      return send("PUT", path, body);
    }

    ApiClient.Response delete(String path, JsonObject body) {
      return send("DELETE", path, body);
    }
  }

  /** One community's life through the API, asserting the status of each step so the walk stays on its path. */
  private static final class Life {
    private final TestServer server;
    private final Contract contract;

    Life(TestServer server, Contract contract) {
      this.server = server;
      this.contract = contract;
    }

    Checked as(Person person) {
      return new Checked(ApiClient.as(server, person), contract);
    }

    Checked anonymous() {
      return new Checked(ApiClient.anonymous(server), contract);
    }

    /** Someone signed in by the answer that created their session. */
    Checked signedIn(ApiClient.Response answer) {
      return new Checked(ApiClient.anonymous(server).withSession(answer.sessionCookie().orElseThrow(),
          answer.json().getString("csrfToken")), contract);
    }

    /** Phase 3: a session scheduled, shaped and run with every control; an idea becomes an experiment and comes back. */
    void sessions(String c, Checked fran, Checked lee, Person late) {
      expect(200, lee.get(c + "/session-templates"));
      JsonObject march = new JsonObject().put("title", "March session").put("startsAt", "2026-03-05T14:00:00Z")
          .put("durationMinutes", 90).put("callLink", "https://meet.example.org/circle");
      ApiClient.Response scheduled = fran.post(c + "/sessions", march);
      expect(201, scheduled);
      expect(400, fran.post(c + "/sessions", march.copy().put("callLink", "http://meet.example.org/circle")));
      expect(403, lee.post(c + "/sessions", march));
      String s = c + "/sessions/" + scheduled.json().getString("id");
      expect(200, lee.get(c + "/sessions"));
      expect(200, lee.get(s));
      expect(404, lee.get(c + "/sessions/" + java.util.UUID.randomUUID()));
      expect(200, fran.put(s, march.copy().put("title", "March session, moved").put("startsAt", "2026-03-06T14:00:00Z")));
      ApiClient.Response added = fran.post(s + "/segments", new JsonObject().put("template", "practice"));
      expect(200, added);
      io.vertx.core.json.JsonArray agenda = added.json().getJsonArray("agenda");
      expect(200, fran.delete(s + "/segments/" + agenda.getJsonObject(agenda.size() - 1).getString("id"), null));
      io.vertx.core.json.JsonArray order = new io.vertx.core.json.JsonArray();
      for (int i = agenda.size() - 2; i >= 0; i--) order.add(agenda.getJsonObject(i).getString("id"));
      expect(200, fran.put(s + "/agenda", new JsonObject().put("segments", order)));
      expect(409, fran.post(s + "/controls", new JsonObject().put("action", "next")));
      expect(200, fran.post(s + "/controls", new JsonObject().put("action", "start")));
      expect(403, lee.post(s + "/controls", new JsonObject().put("action", "next")));
      expect(200, fran.post(s + "/controls", new JsonObject().put("action", "timer.start").put("seconds", 600)));
      expect(400, fran.post(s + "/controls", new JsonObject().put("action", "timer.start").put("seconds", 5)));
      expect(200, lee.put(s + "/hand", new JsonObject().put("raised", true)));
      expect(200, fran.post(s + "/controls", new JsonObject().put("action", "vote.open").put("budget", 3)));
      expect(200, lee.put(s + "/dots", new JsonObject().put("card", "card-1").put("dots", 2)));
      expect(409, lee.put(s + "/dots", new JsonObject().put("card", "card-2").put("dots", 2)));
      expect(200, fran.post(s + "/controls", new JsonObject().put("action", "vote.close")));
      ApiClient.Response live = ApiClient.as(server, late).openStream(s + "/stream");
      contract.check("GET", s + "/stream", live);
      expect(200, live);

      ApiClient.Response experiment = lee.post(c + "/experiments", new JsonObject().put("question", "Does a huddle after handover help?")
          .put("owners", new io.vertx.core.json.JsonArray().add(late.id().toString())).put("startsOn", "2026-03-06")
          .put("endsOn", "2026-03-27").put("observe", "What the huddle catches").put("bringBackOn", "2026-03-06"));
      expect(201, experiment);
      expect(400, lee.post(c + "/experiments", new JsonObject().put("question", "Backwards?")
          .put("owners", new io.vertx.core.json.JsonArray().add(late.id().toString())).put("startsOn", "2026-03-06")
          .put("endsOn", "2026-03-01").put("observe", "Nothing").put("bringBackOn", "2026-03-06")));
      expect(200, lee.get(c + "/experiments"));
      expect(200, lee.put(c + "/experiments/" + experiment.json().getString("id") + "/outcome",
          new JsonObject().put("happened", "We tried it").put("learned", "It helps")));
      expect(404, lee.put(c + "/experiments/" + java.util.UUID.randomUUID() + "/outcome",
          new JsonObject().put("happened", "x").put("learned", "y")));
      // Reflection in action: an anonymous pulse, its figures hidden until it closes with three answers.
      ApiClient.Response pulse = fran.post(s + "/pulses", new JsonObject().put("kind", "safety"));
      expect(201, pulse);
      expect(403, lee.post(s + "/pulses", new JsonObject().put("kind", "zone")));
      String answers = c + "/pulses/" + pulse.json().getString("id") + "/answers";
      expect(200, lee.post(answers, new JsonObject().put("value", "4").put("note", "Calm")));
      expect(409, lee.post(answers, new JsonObject().put("value", "5")));
      expect(400, fran.post(answers, new JsonObject().put("value", "comfort")));
      expect(200, fran.post(answers, new JsonObject().put("value", "3")));
      expect(200, lee.get(s + "/pulses"));
      expect(404, lee.post(c + "/pulses/" + java.util.UUID.randomUUID() + "/answers", new JsonObject().put("value", "3")));
      expect(200, fran.post(c + "/pulses/" + pulse.json().getString("id") + "/close", new JsonObject()));
      ApiClient.Response check = fran.post(c + "/process-checks", new JsonObject());
      expect(201, check);
      expect(200, lee.post(c + "/pulses/" + check.json().getString("id") + "/answers", new JsonObject().put("value", "5")));
      expect(200, lee.get(c + "/process-checks"));
      expect(200, lee.get(c + "/reflection"));
      expect(409, lee.get(s + "/review"));
      expect(200, fran.post(s + "/controls", new JsonObject().put("action", "end")));
      expect(409, fran.post(s + "/controls", new JsonObject().put("action", "next")));

      // Reflection on action: the review of the session that ended, and an idea for the next agenda.
      expect(200, fran.put(s + "/review/template", new JsonObject().put("template", "head-heart-hands")));
      expect(400, lee.put(s + "/review/mine", new JsonObject().put("well", "Not asked")));
      expect(200, lee.put(s + "/review/mine", new JsonObject().put("head", "Doubts are normal").put("hands", "Pair check-ins")));
      expect(409, fran.put(s + "/review/template", new JsonObject().put("template", "four-fs")));
      expect(200, fran.get(s + "/review"));
      expect(201, fran.post(s + "/review/proposals", new JsonObject().put("kind", "agenda").put("text", "Pair check-ins")));
      expect(400, fran.post(s + "/review/proposals", new JsonObject().put("kind", "agenda").put("text", "x").put("template", "nope")));
      expect(404, fran.get(c + "/sessions/" + java.util.UUID.randomUUID() + "/review"));
    }

    static void expect(int status, ApiClient.Response response) {
      assertEquals(status, response.status(), response.body());
    }

    static String token(String url) {
      return url.substring(url.lastIndexOf('/') + 1);
    }

    void live() {
      Person admin = TestAccounts.person(server.db(), "Ada Admin", true, false);
      Person sam = TestAccounts.person(server.db(), "Sam Sponsor");
      Person pat = TestAccounts.person(server.db(), "Pat Participant");
      Person late = TestAccounts.person(server.db(), "Lee Late");

      // An administrator adds a facilitator, who sets up their account with the link.
      ApiClient.Response added = as(admin).post("/api/admin/facilitators",
          new JsonObject().put("email", TestAccounts.uniqueEmail("fran")).put("displayName", "Fran Facilitator"));
      expect(201, added);
      String link = "/api/account-links/" + token(added.json().getString("setupUrl"));
      expect(200, anonymous().get(link));
      expect(404, anonymous().get("/api/account-links/no-such-link"));
      expect(400, anonymous().post(link, new JsonObject().put("password", "short")));
      ApiClient.Response created = anonymous().post(link, new JsonObject().put("password", TestAccounts.PASSWORD));
      expect(201, created);
      expect(410, anonymous().post(link, new JsonObject().put("password", TestAccounts.PASSWORD)));
      Checked fran = signedIn(created);
      expect(200, as(admin).post("/api/admin/facilitators", new JsonObject().put("email", sam.email()).put("displayName", "Sam")));
      expect(200, as(admin).get("/api/admin/facilitators"));
      expect(403, as(pat).get("/api/admin/facilitators"));
      expect(201, as(admin).post("/api/admin/facilitators",
          new JsonObject().put("email", TestAccounts.uniqueEmail("wes")).put("displayName", "Wes Withdrawn")));
      ApiClient.Response unused = as(admin).get("/api/admin/setup-links");
      expect(200, unused);
      String unusedLink = "/api/admin/setup-links/" + unused.array().getJsonObject(0).getString("id");
      expect(204, as(admin).delete(unusedLink, null));
      expect(404, as(admin).delete(unusedLink, null));
      expect(200, anonymous().get("/api/instance"));

      // The facilitator convenes a community and invites a sponsor and participants.
      ApiClient.Response community = fran.post("/api/communities", new JsonObject().put("name", "Duty social workers"));
      expect(201, community);
      String c = "/api/communities/" + community.json().getString("id");
      expect(400, fran.post("/api/communities", new JsonObject().put("name", "x").put("colour", "red")));
      expect(200, fran.get("/api/communities"));
      expect(200, fran.get(c));
      expect(404, fran.get("/api/communities/not-a-uuid"));
      join(fran, c, "sponsor", sam);
      join(fran, c, "participant", pat);
      ApiClient.Response invited = fran.post(c + "/invitations", new JsonObject().put("role", "participant"));
      expect(201, invited);
      String invitation = "/api/invitations/" + token(invited.json().getString("url"));
      expect(200, anonymous().get(invitation));
      expect(404, anonymous().get("/api/invitations/no-such-invitation"));
      ApiClient.Response newcomer = anonymous().post(invitation + "/accept", new JsonObject()
          .put("email", TestAccounts.uniqueEmail("nia")).put("displayName", "Nia Newcomer").put("password", TestAccounts.PASSWORD));
      expect(201, newcomer);
      Checked nia = signedIn(newcomer);
      expect(410, anonymous().post(invitation + "/accept", new JsonObject()
          .put("email", TestAccounts.uniqueEmail("ned")).put("displayName", "Ned").put("password", TestAccounts.PASSWORD)));
      ApiClient.Response withdrawn = fran.post(c + "/invitations", new JsonObject().put("role", "facilitator").put("email", "x@example.org")
          .put("note", "Xavier"));
      expect(201, withdrawn);
      expect(200, fran.get(c + "/invitations"));
      expect(204, fran.delete(c + "/invitations/" + withdrawn.json().getString("id"), null));
      expect(404, fran.delete(c + "/invitations/" + withdrawn.json().getString("id"), null));
      expect(400, fran.post(c + "/invitations", new JsonObject().put("role", "boss")));

      // Phase 1: the mandate, drafted, signed, changed and signed again.
      Checked sponsor = as(sam);
      expect(200, sponsor.get(c + "/mandate"));
      expect(409, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 1)));
      expect(200, fran.put(c + "/mandate", CommunityScenario.mandate("Closing cases safely")));
      expect(400, fran.put(c + "/mandate", new JsonObject().put("purpose", "Only this")));
      expect(200, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 1)));
      expect(409, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 1)));
      expect(200, sponsor.put(c + "/mandate", CommunityScenario.mandate("Closing cases safely, together")));
      expect(200, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 2)));
      expect(200, sponsor.get(c + "/mandate/versions"));
      expect(200, sponsor.get(c + "/mandate/versions/1"));
      expect(404, sponsor.get(c + "/mandate/versions/9"));
      expect(200, sponsor.get(c + "/mandate/diff?from=1&to=2"));
      expect(400, sponsor.get(c + "/mandate/diff?from=1"));

      // Phase 2: co-design; ground rules drafted, objected to, amended and ratified by consent.
      expect(409, fran.put(c + "/phase", new JsonObject().put("phase", "sessions")));
      expect(200, fran.put(c + "/phase", new JsonObject().put("phase", "codesign")));
      Checked participant = as(pat);
      expect(200, participant.get(c + "/ground-rules"));
      expect(409, fran.post(c + "/ground-rules/consent-round", new JsonObject()));
      expect(200, fran.put(c + "/ground-rules/draft", CommunityScenario.groundRules("What is said here stays here")));
      expect(200, fran.post(c + "/ground-rules/consent-round", new JsonObject()));
      expect(400, participant.post(c + "/ground-rules/consent", new JsonObject().put("answer", "object")));
      expect(200, participant.post(c + "/ground-rules/consent", new JsonObject().put("answer", "object").put("note", "Names matter")));
      expect(200, participant.get(c + "/ground-rules"));
      expect(200, fran.put(c + "/ground-rules/draft", CommunityScenario.groundRules("What is said here stays here", "No names")));
      expect(200, fran.post(c + "/ground-rules/consent-round", new JsonObject()));
      expect(200, participant.post(c + "/ground-rules/consent", new JsonObject().put("answer", "concern").put("note", "Time")));
      expect(200, nia.post(c + "/ground-rules/consent", new JsonObject().put("answer", "agree")));
      expect(200, participant.get(c + "/ground-rules"));
      expect(200, fran.post(c + "/ground-rules/consent", new JsonObject().put("answer", "agree")));
      expect(409, fran.post(c + "/ground-rules/consent", new JsonObject().put("answer", "agree")));
      expect(200, participant.get(c + "/ground-rules"));
      expect(200, participant.get(c + "/ground-rules/versions"));
      expect(200, participant.get(c + "/ground-rules/versions/1"));
      expect(404, participant.get(c + "/ground-rules/versions/7"));
      expect(200, participant.get(c + "/ground-rules/diff?from=1&to=1"));
      expect(200, fran.get(c + "/ground-rules/from-board"));

      // Once co-design has begun, a change to the mandate is a proposal the members consent to.
      expect(200, sponsor.put(c + "/mandate", CommunityScenario.mandate("Themes may inform appraisal")));
      expect(200, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 3)));
      expect(409, participant.post(c + "/mandate/consent", new JsonObject().put("answer", "agree")));
      expect(200, fran.post(c + "/mandate/agree", new JsonObject().put("version", 3)));
      expect(409, fran.post(c + "/mandate/agree", new JsonObject().put("version", 3)));
      expect(200, participant.post(c + "/mandate/consent", new JsonObject().put("answer", "object").put("note", "Not appraisal")));
      expect(200, nia.post(c + "/mandate/consent", new JsonObject().put("answer", "agree")));
      expect(200, participant.get(c + "/mandate"));
      expect(200, sponsor.get(c + "/mandate"));
      expect(200, sponsor.post(c + "/mandate/withdraw", new JsonObject().put("version", 3)));
      expect(409, sponsor.post(c + "/mandate/withdraw", new JsonObject().put("version", 3)));
      expect(200, fran.put(c + "/mandate", CommunityScenario.mandate("Closing cases and handovers safely")));
      expect(200, sponsor.post(c + "/mandate/sign-off", new JsonObject().put("version", 4)));
      expect(200, fran.post(c + "/mandate/agree", new JsonObject().put("version", 4)));
      for (Checked member : List.of(participant, nia, fran)) {
        expect(200, member.post(c + "/mandate/consent", new JsonObject().put("answer", "agree")));
      }
      expect(200, participant.get(c + "/consent-rounds"));
      expect(200, sponsor.get(c + "/consent-rounds"));

      // Who else should belong: proposed by members, decided by the facilitator.
      ApiClient.Response proposed = participant.post(c + "/membership-proposals", new JsonObject().put("name", "Dee")
          .put("email", "dee@example.org").put("role", "participant").put("contribution", "Night-shift view")
          .put("expertise", "Triage").put("experience", "10 years"));
      expect(201, proposed);
      ApiClient.Response declined = participant.post(c + "/membership-proposals", new JsonObject().put("name", "Eve")
          .put("role", "sponsor").put("contribution", "Budget").put("expertise", "Finance").put("experience", "5 years"));
      expect(201, declined);
      expect(200, participant.get(c + "/membership-proposals"));
      String decide = c + "/membership-proposals/%s/decision";
      expect(200, fran.post(decide.formatted(proposed.json().getString("id")), new JsonObject().put("decision", "accept")));
      expect(200, fran.post(decide.formatted(declined.json().getString("id")), new JsonObject().put("decision", "decline")));
      expect(404, fran.post(decide.formatted(declined.json().getString("id")), new JsonObject().put("decision", "accept")));
      expect(200, participant.get(c + "/membership-proposals"));

      // Phase 3: sessions; someone who joins later consents to the rules in force; an amendment opens a round.
      expect(200, fran.put(c + "/phase", new JsonObject().put("phase", "sessions")));
      join(fran, c, "participant", late);
      Checked lee = as(late);
      expect(200, lee.get(c + "/ground-rules"));
      expect(409, lee.post(c + "/ground-rules/accept", new JsonObject().put("version", 5)));
      expect(200, lee.post(c + "/ground-rules/accept", new JsonObject().put("version", 1)));
      expect(201, lee.post(c + "/ground-rules/amendments", CommunityScenario.groundRules("Cards are anonymous")
          .put("reason", "We want anonymous cards")));
      expect(409, lee.post(c + "/ground-rules/amendments", CommunityScenario.groundRules("Another").put("reason", "Too")));
      expect(200, lee.get(c + "/ground-rules"));
      expect(200, lee.get(c + "/ground-rules/versions/2"));
      ApiClient.Response ideas = fran.post(c + "/boards", new JsonObject().put("title", "Ideas and experiments"));
      expect(201, ideas);
      expect(201, fran.post(c + "/boards", new JsonObject().put("title", "Stories").put("kind", "storytelling")
          .put("anonymous", true).put("voteBudget", 3)));
      expect(400, fran.post(c + "/boards", new JsonObject().put("title", "Votes").put("anonymous", "yes")));
      expect(200, lee.get(c + "/boards"));
      expect(403, sponsor.get(c + "/boards"));
      sessions(c, fran, lee, late);
      ApiClient.Response stream = ApiClient.as(server, late).openStream(c + "/events");
      contract.check("GET", c + "/events", stream);
      expect(200, stream);

      // Phase 4: a theme from three people's cards, consented to and released; the sponsor opens it and replies.
      Person kit = TestAccounts.person(server.db(), "Kit Keen");
      join(fran, c, "participant", kit);
      Checked kitKeen = as(kit);
      expect(200, kitKeen.post(c + "/ground-rules/accept", new JsonObject().put("version", 1)));
      java.util.UUID board = java.util.UUID.fromString(ideas.json().getString("id"));
      Cards.write(server, pat, board, "p", "No time to think after a visit");
      Cards.write(server, late, board, "l", "Supervision is cancelled first");
      Cards.write(server, kit, board, "k", "We debrief in the car park");
      expect(200, participant.get(c + "/theme-cards"));
      JsonObject draft = new JsonObject().put("title", "Time to reflect").put("summary", "Protected time after hard visits.")
          .put("category", "enabling_ask").put("cards", new io.vertx.core.json.JsonArray().add(board + "/p").add(board + "/l"));
      expect(400, participant.post(c + "/themes", draft.copy().put("cards", new io.vertx.core.json.JsonArray().add("no-such-card"))));
      ApiClient.Response proposedTheme = participant.post(c + "/themes", draft);
      expect(201, proposedTheme);
      String themeId = proposedTheme.json().getString("id");
      String theme = c + "/themes/" + themeId;
      expect(200, participant.get(c + "/themes"));
      expect(200, participant.get(theme));
      expect(200, fran.put(theme, draft.copy().put("cards", new io.vertx.core.json.JsonArray().add(board + "/p").add(board + "/l").add(board + "/k"))));
      expect(409, fran.post(theme + "/release", new JsonObject()));
      expect(409, participant.post(theme + "/consent", new JsonObject().put("answer", "agree")));
      expect(200, fran.post(theme + "/consent-round", new JsonObject()));
      for (Checked member : List.of(fran, participant, nia, lee, kitKeen)) {
        expect(200, member.post(theme + "/consent", new JsonObject().put("answer", "agree")));
      }
      expect(200, participant.get(theme));
      expect(200, fran.post(theme + "/release", new JsonObject()));
      String view = c + "/sponsor";
      expect(200, sponsor.get(view));
      expect(200, sponsor.get(view + "/themes"));
      expect(200, sponsor.get(view + "/sessions"));
      expect(403, participant.get(view + "/sessions"));
      expect(200, sponsor.get(view + "/themes/" + themeId));
      expect(404, sponsor.get(view + "/themes/" + java.util.UUID.randomUUID()));
      JsonObject reply = new JsonObject().put("text", "We have protected Friday afternoons.");
      expect(404, participant.put(view + "/themes/" + themeId + "/reply", reply));
      expect(200, sponsor.put(view + "/themes/" + themeId + "/reply", reply));
      expect(403, participant.get(view + "/themes"));
      ApiClient.Response sponsorStream = ApiClient.as(server, sam).openStream(view + "/events");
      contract.check("GET", view + "/events", sponsorStream);
      expect(200, sponsorStream);
      expect(200, fran.post(theme + "/take-back", new JsonObject()));
      expect(409, fran.post(theme + "/take-back", new JsonObject()));
      expect(200, sponsor.get(view + "/themes"));
      expect(200, sponsor.get(view + "/themes/" + themeId));
      expect(409, fran.delete(theme, null));
      ApiClient.Response discarded = participant.post(c + "/themes", draft);
      expect(201, discarded);
      expect(204, fran.delete(c + "/themes/" + discarded.json().getString("id"), null));
      expect(404, fran.get(c + "/themes/" + discarded.json().getString("id")));

      // A private journal, readable by its author alone.
      ApiClient.Response entry = participant.post(c + "/journal", new JsonObject().put("text", "I froze at the door."));
      expect(201, entry);
      String entryPath = c + "/journal/" + entry.json().getString("id");
      expect(200, participant.get(c + "/journal"));
      expect(200, participant.get(entryPath));
      expect(404, fran.get(entryPath));
      expect(200, participant.put(entryPath, new JsonObject().put("text", "I froze at the door, then asked.")));
      expect(204, participant.delete(entryPath, null));
      expect(404, participant.delete(entryPath, null));

      // Downloads: my words (JSON, Markdown), the community's (Markdown, CSV), the sponsor's released themes; erasing my words.
      expect(200, participant.get("/api/account/export?format=json"));
      expect(200, participant.get("/api/account/export?format=markdown"));
      expect(400, participant.get("/api/account/export?format=pdf"));
      expect(403, sponsor.get("/api/account/export"));
      expect(200, participant.get(c + "/export?format=csv"));
      expect(200, fran.get(c + "/export"));
      expect(403, sponsor.get(c + "/export"));
      expect(200, sponsor.get(view + "/export?format=csv"));
      expect(200, sponsor.get(view + "/export"));
      expect(403, participant.get(view + "/export"));
      expect(400, lee.post("/api/account/erase", new JsonObject().put("password", "not the password")));
      expect(204, lee.post("/api/account/erase", new JsonObject().put("password", TestAccounts.PASSWORD)));

      // Members come and go; a community always keeps a facilitator.
      ApiClient.Response members = participant.get(c + "/members");
      expect(200, members);
      expect(204, fran.delete(c + "/members/" + late.id(), null));
      expect(404, fran.delete(c + "/members/" + late.id(), null));
      expect(400, fran.delete(c + "/members/" + memberId(members, "Fran Facilitator"), null));
      expect(204, sponsor.delete(c + "/membership", null));
      expect(409, fran.delete(c + "/membership", null));
      expect(403, crossSite());

      // The review follows sessions and may go back to them; the archive is final.
      expect(200, fran.put(c + "/phase", new JsonObject().put("phase", "review")));
      expect(200, fran.put(c + "/phase", new JsonObject().put("phase", "sessions")));
      expect(200, fran.put(c + "/phase", new JsonObject().put("phase", "archived")));
      expect(409, fran.post(c + "/boards", new JsonObject().put("title", "Too late")));
      expect(409, fran.post(c + "/process-checks", new JsonObject()));
      expect(409, fran.put(c + "/phase", new JsonObject().put("phase", "codesign")));

      // One's own account: session, password, signing out and in, deletion.
      expect(200, nia.get("/api/session"));
      expect(400, nia.put("/api/account/password", new JsonObject().put("currentPassword", "wrong password").put("newPassword", "a brand new long password")));
      ApiClient.Response changed = nia.put("/api/account/password",
          new JsonObject().put("currentPassword", TestAccounts.PASSWORD).put("newPassword", "a brand new long password"));
      expect(200, changed);
      Checked niaAgain = signedIn(changed);
      expect(204, niaAgain.delete("/api/session", null));
      expect(401, niaAgain.get("/api/session"));
      expect(401, anonymous().post("/api/session", new JsonObject().put("email", pat.email()).put("password", "not the password")));
      ApiClient.Response signedIn = anonymous().post("/api/session", new JsonObject().put("email", pat.email()).put("password", TestAccounts.PASSWORD));
      expect(200, signedIn);
      Checked patAgain = signedIn(signedIn);
      expect(400, patAgain.delete("/api/account", new JsonObject().put("password", "not the password")));
      expect(204, patAgain.delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)));
      String victim = TestAccounts.person(server.db(), "Guessed At").email();
      int status = 0;
      for (int i = 0; i < 20 && status != 429; i++) {
        status = anonymous().post("/api/session", new JsonObject().put("email", victim).put("password", "guess number " + i)).status();
      }
      expect(429, anonymous().post("/api/session", new JsonObject().put("email", victim).put("password", "one more guess")));
    }

    /** A state-changing request from another site's page. */
    private ApiClient.Response crossSite() {
      ApiClient.Response response = ApiClient.as(server, TestAccounts.person(server.db(), "Cross Site"))
          .sendWithOrigin("POST", "/api/communities", "{\"name\":\"Elsewhere\"}", "https://elsewhere.example");
      contract.check("POST", "/api/communities", response);
      return response;
    }

    private static String memberId(ApiClient.Response members, String name) {
      return members.array().stream().map(JsonObject.class::cast).filter(m -> m.getString("displayName").equals(name))
          .findFirst().orElseThrow().getString("accountId");
    }

    /** A signed-in person accepts an invitation with a role, with their own account. */
    private void join(Checked facilitator, String community, String role, Person person) {
      ApiClient.Response invited = facilitator.post(community + "/invitations", new JsonObject().put("role", role));
      expect(201, invited);
      expect(200, as(person).post("/api/invitations/" + token(invited.json().getString("url")) + "/accept", new JsonObject()));
      expect(409, as(person).post("/api/invitations/" + token(facilitator.post(community + "/invitations",
          new JsonObject().put("role", role)).json().getString("url")) + "/accept", new JsonObject()));
    }
  }
}
