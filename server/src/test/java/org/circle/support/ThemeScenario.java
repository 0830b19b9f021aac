package org.circle.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.circle.support.TestAccounts.Person;

/**
 * A community in sessions with ratified ground rules (k = 3), a board, and helpers to make,
 * consent to and release themes through the API as its members do.
 */
public final class ThemeScenario {
  public final CommunityScenario c;
  public final UUID board;

  public ThemeScenario(TestServer server, int participants) {
    c = new CommunityScenario(server, participants).inCodesign().ratified("What is said here stays here.");
    assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "sessions")).status());
    board = UUID.fromString(c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Uncertainties")).json().getString("id"));
  }

  public Person p(int i) {
    return c.participants.get(i - 1);
  }

  public void card(Person author, String id, String text) {
    Cards.write(c.server, author, board, id, text);
  }

  public static JsonObject draft(String title, String summary, UUID board, String... cards) {
    JsonArray refs = new JsonArray();
    for (String card : cards) refs.add(board + "/" + card);
    return new JsonObject().put("title", title).put("summary", summary).put("category", "enabling_ask").put("cards", refs);
  }

  public JsonObject draft(String title, String... cards) {
    return draft(title, "We need protected time to reflect after difficult visits.", board, cards);
  }

  /** Proposed by the first participant; returns the theme's id. */
  public String propose(JsonObject draft) {
    ApiClient.Response created = c.as(p(1)).post(c.path("/themes"), draft);
    assertEquals(201, created.status(), created.toString());
    return created.json().getString("id");
  }

  public ApiClient.Response edit(String theme, JsonObject draft) {
    return c.as(c.facilitator).put(c.path("/themes/" + theme), draft);
  }

  /** A consent round in which everyone in the room agrees. */
  public void consent(String theme) {
    assertEquals(200, c.as(c.facilitator).post(c.path("/themes/" + theme + "/consent-round"), new JsonObject()).status());
    for (Person member : c.inTheRoom()) {
      ApiClient.Response answer = c.as(member).post(c.path("/themes/" + theme + "/consent"), new JsonObject().put("answer", "agree"));
      assertEquals(200, answer.status(), answer.toString());
    }
  }

  public ApiClient.Response release(String theme) {
    return c.as(c.facilitator).post(c.path("/themes/" + theme + "/release"), new JsonObject());
  }

  public JsonArray sponsorThemes() {
    ApiClient.Response list = c.as(c.sponsor).get(c.path("/sponsor/themes"));
    assertEquals(200, list.status(), list.toString());
    return list.array();
  }

  public JsonObject theme(String id) {
    return c.as(c.facilitator).get(c.path("/themes/" + id)).json();
  }
}
