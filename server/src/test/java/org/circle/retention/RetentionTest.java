package org.circle.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.BoardClient;
import org.circle.support.CommunityScenario;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeping and forgetting: raw session content is destroyed once it is older than the retention
 * the members ratified (12 months unless they chose otherwise); released themes and their replies
 * stay, and an open board stops showing what is gone.
 */
class RetentionTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  private static Forgetting.Report forgetAt(Instant now) {
    return circle.server().app().forgetting().forget(now).toCompletionStage().toCompletableFuture().join();
  }

  private static Instant monthsFromNow(int months) {
    return Instant.now().atOffset(ZoneOffset.UTC).plusMonths(months).toInstant();
  }

  @Test
  @DisplayName("Past the retention, cards, comments, notes and journals go; the released theme and its reply stay, and an open board shows an empty board")
  void destroysRawContentAndKeepsReleasedThemes() {
    TestServer server = circle.server();
    People people = new People(server.db());
    ThemeScenario s = new ThemeScenario(server, 3);
    s.card(s.p(1), "a", "RAW-ONE the night visit");
    s.card(s.p(2), "b", "RAW-TWO the handover");
    s.card(s.p(3), "c", "RAW-THREE the form");
    String theme = s.propose(s.draft("Protected reflection time", "a", "b", "c"));
    s.consent(theme);
    assertEquals(200, s.release(theme).status(), "released");
    assertEquals(200, s.c.as(s.c.sponsor).put(s.c.path("/sponsor/themes/" + theme + "/reply"),
        new JsonObject().put("text", "We protect Friday afternoons.")).status());
    assertEquals(201, s.c.as(s.p(1)).post(s.c.path("/journal"), new JsonObject().put("text", "RAW-JOURNAL my own thoughts")).status());
    String room = "/api/communities/" + s.c.community;
    long notes = people.count("""
        SELECT count(*) FROM consent_round_answer a JOIN consent_round r ON r.id = a.round_id WHERE r.community_id = ?""", s.c.community);
    assertTrue(notes > 0);
    people.update("UPDATE consent_round_answer SET note = 'RAW-NOTE' WHERE round_id IN (SELECT id FROM consent_round WHERE community_id = ?)",
        s.c.community);

    try (BoardClient open = BoardClient.connect(server, s.p(1))) {
      JsonObject welcome = open.join(s.board, "keeping", null);
      assertEquals(3, welcome.getJsonObject("snapshot").getJsonArray("cards").size());
      long seq = welcome.getLong("seq");

      // Nothing is older than twelve months yet: nothing goes.
      forgetAt(Instant.now());
      assertEquals(3, people.count("SELECT count(*) FROM board_event WHERE board_id = ? AND op->>'kind' = 'card.create'", s.board));

      // Thirteen months on, the default retention of twelve months has passed.
      Forgetting.Report report = forgetAt(monthsFromNow(13));
      assertTrue(report.boards() >= 1, report.toString());
      assertEquals(0, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", s.board));
      assertEquals(0, people.count("SELECT count(*) FROM board_snapshot WHERE state::text LIKE '%RAW-%'"));
      assertEquals(0, people.count("SELECT count(*) FROM journal_entry WHERE text LIKE 'RAW-%'"));
      assertEquals(0, people.count("SELECT count(*) FROM consent_round_answer WHERE note = 'RAW-NOTE'"));

      // The open board is told to resynchronise, and resumes on an empty board.
      assertEquals(4001, open.closeCode(Duration.ofSeconds(20)));
    }
    try (BoardClient again = BoardClient.connect(server, s.p(1))) {
      JsonObject welcome = again.join(s.board, "keeping", null);
      assertEquals(new JsonArray(), welcome.getJsonObject("snapshot").getJsonArray("cards"), welcome.encode());
      // The board is still there to write on, and its sequence goes on from where it was.
      String op = "after";
      again.send(BoardClient.op(op, new JsonObject().put("kind", "card.create").put("card", "new").put("text", "A new card")
          .put("colour", "yellow").put("position", "V")));
      assertEquals("ack", again.expect(m -> op.equals(m.getString("ref"))).getString("type"));
    }

    // The sponsor still reads the released theme and the reply; the members still see both.
    JsonObject opened = s.c.as(s.c.sponsor).get(s.c.path("/sponsor/themes/" + theme)).json();
    assertEquals("released", opened.getString("status"), opened.encode());
    assertEquals("We protect Friday afternoons.", opened.getJsonObject("reply").getString("text"));
    assertEquals("released", s.theme(theme).getString("status"));
    // A ratification later recounts released themes: one whose cards are gone is not withdrawn for it.
    assertEquals(201, s.c.as(s.p(2)).post(room + "/ground-rules/amendments", CommunityScenario.groundRules("Listen first")
        .put("reason", "Shorter")).status());
    for (var member : s.c.inTheRoom()) {
      assertEquals(200, s.c.as(member).post(room + "/ground-rules/consent", new JsonObject().put("answer", "agree")).status());
    }
    assertEquals("released", s.c.as(s.c.sponsor).get(s.c.path("/sponsor/themes/" + theme)).json().getString("status"));

    // What was written since is kept until it is old enough in turn.
    forgetAt(monthsFromNow(11));
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", s.board), "the new card");
  }

  @Test
  @DisplayName("The ratified retention decides: three months empties one community's boards while another's default twelve keeps them")
  void theRatifiedRetentionDecides() {
    TestServer server = circle.server();
    People people = new People(server.db());
    ThemeScenario twelve = new ThemeScenario(server, 3);
    twelve.card(twelve.p(1), "k", "Kept for a year");

    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    JsonObject rules = CommunityScenario.groundRules("What is said here stays here").put("retention", "3-months");
    assertEquals(200, c.as(c.facilitator).put(c.path("/ground-rules/draft"), rules).status());
    assertEquals(200, c.as(c.facilitator).post(c.path("/ground-rules/consent-round"), new JsonObject()).status());
    for (var p : c.inTheRoom()) {
      assertEquals(200, c.as(p).post(c.path("/ground-rules/consent"), new JsonObject().put("answer", "agree")).status());
    }
    ApiClient.Response state = c.as(c.participants.get(0)).get(c.path("/ground-rules"));
    assertEquals("3-months", state.json().getJsonObject("inForce").getString("retention"), state.body());
    assertEquals("12-months", twelve.c.as(twelve.p(1)).get(twelve.c.path("/ground-rules")).json()
        .getJsonObject("inForce").getString("retention"));
    UUID board = UUID.fromString(c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Doubts")).json().getString("id"));
    org.circle.support.Cards.write(server, c.participants.get(0), board, "q", "Gone after three months");

    forgetAt(monthsFromNow(4));
    assertEquals(0, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", board));
    assertEquals(1, people.count("SELECT count(*) FROM board_event WHERE board_id = ?", twelve.board));
  }
}
