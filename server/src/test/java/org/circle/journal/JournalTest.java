package org.circle.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("A private journal")
class JournalTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  @Test
  @DisplayName("is read, edited and erased by its author alone; to anyone else an entry is exactly a missing one")
  void authorAlone() {
    var server = circle.server();
    CommunityScenario c = new CommunityScenario(server, 2);
    TestAccounts.Person author = c.participants.get(0);
    TestAccounts.Person admin = TestAccounts.person(server.db(), "Ada Admin", true, false);
    ApiClient.Response written = c.as(author).post(c.path("/journal"), new JsonObject().put("text", "I doubted myself at the door."));
    assertEquals(201, written.status(), written.toString());
    String id = written.json().getString("id");
    String entry = c.path("/journal/" + id);
    String missing = c.path("/journal/" + UUID.randomUUID());

    assertEquals("I doubted myself at the door.", c.as(author).get(entry).json().getString("text"));
    assertEquals(1, c.as(author).get(c.path("/journal")).array().size());

    for (TestAccounts.Person other : java.util.List.of(c.participants.get(1), c.facilitator)) {
      ApiClient.Response theirs = c.as(other).get(entry);
      ApiClient.Response none = c.as(other).get(missing);
      assertEquals(404, theirs.status());
      assertEquals(none.status(), theirs.status());
      assertEquals(none.body(), theirs.body(), "the same answer as a missing id");
      assertEquals(404, c.as(other).put(entry, new JsonObject().put("text", "changed")).status());
      assertEquals(404, c.as(other).delete(entry).status());
      assertEquals(0, c.as(other).get(c.path("/journal")).array().size(), "their own journal is empty");
    }
    for (TestAccounts.Person outside : java.util.List.of(c.sponsor, admin)) {
      ApiClient.Response theirs = c.as(outside).get(entry);
      ApiClient.Response none = c.as(outside).get(missing);
      assertEquals(none.status(), theirs.status());
      assertEquals(none.body(), theirs.body());
    }

    assertEquals(200, c.as(author).put(entry, new JsonObject().put("text", "I doubted myself, then asked.")).status());
    assertEquals("I doubted myself, then asked.", c.as(author).get(entry).json().getString("text"));
    assertEquals(204, c.as(author).delete(entry).status());
    assertEquals(404, c.as(author).get(entry).status());
  }

  @Test
  @DisplayName("goes with its author's account")
  void erasedWithTheAccount() {
    var server = circle.server();
    CommunityScenario c = new CommunityScenario(server, 1);
    TestAccounts.Person author = c.participants.get(0);
    assertEquals(201, c.as(author).post(c.path("/journal"), new JsonObject().put("text", "Gone with me")).status());
    assertEquals(204, c.as(author).delete("/api/account", new JsonObject().put("password", TestAccounts.PASSWORD)).status());
    assertEquals(0, new org.circle.support.People(server.db()).count("SELECT count(*) FROM journal_entry WHERE author_id = ?", author.id()));
  }
}
