package org.circle.community;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.TestAccounts;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestDatabases;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InvitationTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  private static String token(String url) {
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private record Convened(Person facilitator, String communityId) {}

  private static Convened convene() {
    Person fran = TestAccounts.person(server.db(), "Fran", false, true);
    ApiClient.Response created = ApiClient.as(server, fran).post("/api/communities", new JsonObject().put("name", "Housing officers"));
    assertEquals(201, created.status(), created.body());
    return new Convened(fran, created.json().getString("id"));
  }

  private static String invite(Convened c, String role) {
    ApiClient.Response invited = ApiClient.as(server, c.facilitator())
        .post("/api/communities/" + c.communityId() + "/invitations", new JsonObject().put("role", role));
    assertEquals(201, invited.status(), invited.body());
    assertTrue(invited.json().getString("url").startsWith(server.baseUrl() + "/#/invitation/"), invited.body());
    return token(invited.json().getString("url"));
  }

  @Test
  @DisplayName("A new person accepts an invitation: their account is created, they are signed in and a member with that role")
  void newPersonAccepts() {
    Convened c = convene();
    String token = invite(c, "participant");
    ApiClient.Response preview = ApiClient.anonymous(server).get("/api/invitations/" + token);
    assertEquals("Housing officers", preview.json().getString("communityName"));
    assertEquals("valid", preview.json().getString("status"));

    String email = TestAccounts.uniqueEmail("nia");
    ApiClient.Response accepted = ApiClient.anonymous(server).post("/api/invitations/" + token + "/accept",
        new JsonObject().put("email", email).put("displayName", "Nia New").put("password", "a long enough password"));
    assertEquals(201, accepted.status(), accepted.body());
    ApiClient nia = ApiClient.anonymous(server).withSession(accepted.sessionCookie().orElseThrow(), accepted.json().getString("csrfToken"));
    JsonArray mine = nia.get("/api/communities").array();
    assertEquals(1, mine.size());
    assertEquals("participant", mine.getJsonObject(0).getString("role"));
    JsonArray members = ApiClient.as(server, c.facilitator()).get("/api/communities/" + c.communityId() + "/members").array();
    assertTrue(members.stream().anyMatch(m -> ((JsonObject) m).getString("displayName").equals("Nia New")), members.encode());
  }

  @Test
  @DisplayName("An invitation works once: a second use is refused with 410 and changes nothing")
  void reusedInvitation() {
    Convened c = convene();
    String token = invite(c, "participant");
    Person first = TestAccounts.person(server.db(), "First");
    Person second = TestAccounts.person(server.db(), "Second");
    assertEquals(200, ApiClient.as(server, first).post("/api/invitations/" + token + "/accept", new JsonObject()).status());
    ApiClient.Response again = ApiClient.as(server, second).post("/api/invitations/" + token + "/accept", new JsonObject());
    assertEquals(410, again.status());
    assertEquals(0, ApiClient.as(server, second).get("/api/communities").array().size());
    assertEquals("used", ApiClient.anonymous(server).get("/api/invitations/" + token).json().getString("status"));
  }

  @Test
  @DisplayName("An expired invitation is refused with 410, and so is a withdrawn one")
  void expiredAndWithdrawn() {
    Convened c = convene();
    String expired = invite(c, "participant");
    TestDatabases.execute(server.db(), "UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE community_id = '" + c.communityId() + "'");
    Person pat = TestAccounts.person(server.db(), "Pat");
    assertEquals(410, ApiClient.as(server, pat).post("/api/invitations/" + expired + "/accept", new JsonObject()).status());

    String withdrawn = invite(c, "sponsor");
    JsonArray pending = ApiClient.as(server, c.facilitator()).get("/api/communities/" + c.communityId() + "/invitations").array();
    assertEquals(1, pending.size());
    String id = pending.getJsonObject(0).getString("id");
    assertEquals(204, ApiClient.as(server, c.facilitator()).delete("/api/communities/" + c.communityId() + "/invitations/" + id).status());
    assertEquals(410, ApiClient.as(server, pat).post("/api/invitations/" + withdrawn + "/accept", new JsonObject()).status());
  }

  @Test
  @DisplayName("One person holds different roles in different communities, and sees only their own communities")
  void rolesPerCommunity() {
    Convened a = convene();
    Convened b = convene();
    Person sam = TestAccounts.person(server.db(), "Sam");
    ApiClient client = ApiClient.as(server, sam);
    assertEquals(200, client.post("/api/invitations/" + invite(a, "sponsor") + "/accept", new JsonObject()).status());
    assertEquals(200, client.post("/api/invitations/" + invite(b, "participant") + "/accept", new JsonObject()).status());
    JsonArray mine = client.get("/api/communities").array();
    assertEquals(2, mine.size());
    assertEquals(403, client.get("/api/communities/" + a.communityId() + "/members").status(), "a sponsor does not see names");
    assertEquals(200, client.get("/api/communities/" + b.communityId() + "/members").status());
    assertEquals(403, client.get("/api/communities/" + convene().communityId()).status(), "not a member there");
  }

  @Test
  @DisplayName("A member can leave; a facilitator can remove a member; the last facilitator cannot leave")
  void leaveAndRemove() {
    Convened c = convene();
    Person pat = TestAccounts.person(server.db(), "Pat");
    Person kim = TestAccounts.person(server.db(), "Kim");
    UUID community = UUID.fromString(c.communityId());
    TestAccounts.join(server.db(), community, pat, Role.PARTICIPANT);
    TestAccounts.join(server.db(), community, kim, Role.PARTICIPANT);
    assertEquals(204, ApiClient.as(server, pat).delete("/api/communities/" + community + "/membership").status());
    assertEquals(403, ApiClient.as(server, pat).get("/api/communities/" + community).status());
    assertEquals(204, ApiClient.as(server, c.facilitator()).delete("/api/communities/" + community + "/members/" + kim.id()).status());
    assertEquals(403, ApiClient.as(server, kim).get("/api/communities/" + community).status());
    ApiClient.Response lastOne = ApiClient.as(server, c.facilitator()).delete("/api/communities/" + community + "/membership");
    assertEquals(409, lastOne.status());
    assertEquals(200, ApiClient.as(server, c.facilitator()).get("/api/communities/" + community).status());
  }
}
