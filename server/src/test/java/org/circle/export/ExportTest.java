package org.circle.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.circle.support.ApiClient;
import org.circle.support.Cards;
import org.circle.support.People;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Downloads follow the screens' privacy rules: my export holds what I wrote and nobody else's
 * words; the community's export names nobody on an anonymous board, leaves out cards still written
 * in silence and never holds a journal; the sponsor's holds released themes and replies alone.
 */
class ExportTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static ThemeScenario s;
  private static UUID anonymousBoard;
  private static String theme;

  @BeforeAll
  static void community() {
    TestServer server = circle.server();
    s = new ThemeScenario(server, 3);
    s.card(s.p(1), "a", "MINE-NAMED protected time");
    s.card(s.p(2), "b", "OTHER-NAMED supervision");
    s.card(s.p(3), "c", "THIRD-NAMED reflection");
    theme = s.propose(s.draft("Time to reflect", "a", "b", "c"));
    s.consent(theme);
    assertEquals(200, s.release(theme).status());
    assertEquals(200, s.c.as(s.c.sponsor).put(s.c.path("/sponsor/themes/" + theme + "/reply"),
        new JsonObject().put("text", "REPLY-TEXT we listened")).status());
    anonymousBoard = new People(server.db()).board(s.c.community, true, 5);
    Cards.write(server, s.p(1), anonymousBoard, "x", "MINE-ANON a doubt");
    Cards.write(server, s.p(2), anonymousBoard, "y", "OTHER-ANON a worry");
    Cards.send(server, s.p(2), anonymousBoard, new JsonObject().put("kind", "comment.add").put("comment", "k").put("card", "x")
        .put("text", "OTHER-COMMENT on your doubt"));
    Cards.send(server, s.c.facilitator, s.board, new JsonObject().put("kind", "board.silent"));
    Cards.write(server, s.p(2), s.board, "hush", "SILENT-SECRET not revealed");
    assertEquals(201, s.c.as(s.p(1)).post(s.c.path("/journal"), new JsonObject().put("text", "MINE-JOURNAL my thoughts")).status());
  }

  private static ApiClient.Response download(TestAccounts.Person who, String path) {
    ApiClient.Response r = s.c.as(who).get(path);
    assertEquals(200, r.status(), r.toString());
    assertTrue(r.header("content-disposition").orElse("").startsWith("attachment; filename=\"circle-"), r.headers().toString());
    return r;
  }

  @Test
  @DisplayName("My export, as JSON and as Markdown, holds what I wrote, with its boards, and nothing anyone else wrote")
  void myExportHoldsMyWordsOnly() {
    ApiClient.Response json = download(s.p(1), "/api/account/export?format=json");
    assertTrue(json.header("content-type").orElse("").startsWith("application/json"));
    JsonObject data = json.json();
    List<String> cards = data.getJsonArray("cards").stream().map(o -> ((JsonObject) o).getString("text")).toList();
    assertTrue(cards.containsAll(List.of("MINE-NAMED protected time", "MINE-ANON a doubt")), cards.toString());
    assertEquals("MINE-JOURNAL my thoughts", data.getJsonArray("journal").getJsonObject(0).getString("text"));
    assertEquals("Time to reflect", data.getJsonArray("themesProposed").getJsonObject(0).getString("title"));
    assertFalse(data.getJsonArray("consentAnswers").isEmpty(), "my consent answers");
    assertEquals("Uncertainties", data.getJsonArray("cards").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("text").startsWith("MINE-NAMED")).findFirst().orElseThrow().getString("board"));
    for (String other : List.of("OTHER-", "THIRD-", "SILENT-SECRET", "Participant 2", "Participant 3")) {
      assertFalse(json.body().contains(other), other + " is not mine");
    }

    ApiClient.Response markdown = download(s.p(1), "/api/account/export?format=markdown");
    assertTrue(markdown.header("content-type").orElse("").startsWith("text/markdown"));
    assertTrue(markdown.body().contains("MINE\\-ANON") || markdown.body().contains("MINE-ANON"), markdown.body());
    assertTrue(markdown.body().contains("MINE-JOURNAL my thoughts"), markdown.body());
    assertFalse(markdown.body().contains("OTHER-"));
  }

  @Test
  @DisplayName("The community's export names nobody on an anonymous board, leaves out unrevealed cards and journals, in Markdown and CSV")
  void communityExportFollowsThePrivacyRules() {
    ApiClient.Response csv = download(s.p(3), s.c.path("/export?format=csv"));
    assertTrue(csv.header("content-type").orElse("").startsWith("text/csv"));
    List<String> lines = Arrays.asList(csv.body().split("\r\n"));
    assertEquals("\"record\",\"where\",\"title\",\"text\",\"author\",\"votes\",\"category\",\"status\",\"date\"", lines.get(0));
    String named = lines.stream().filter(l -> l.contains("OTHER-NAMED")).findFirst().orElseThrow();
    assertTrue(named.contains("\"Participant 2\""), named);
    for (String anonymous : List.of("MINE-ANON", "OTHER-ANON", "OTHER-COMMENT")) {
      String line = lines.stream().filter(l -> l.contains(anonymous) && !l.startsWith("\"comment\",\"" + "Uncertainties")).filter(l -> l.contains(anonymous))
          .reduce((a, b) -> a + "\n" + b).orElseThrow(() -> new AssertionError(anonymous + " missing"));
      assertFalse(line.contains("Participant"), "no author on an anonymous board: " + line);
    }
    assertTrue(csv.body().contains("REPLY-TEXT we listened"), "the sponsor's reply");
    assertFalse(csv.body().contains("SILENT-SECRET"), "unrevealed cards stay out");
    assertFalse(csv.body().contains("MINE-JOURNAL"), "journals never");

    ApiClient.Response markdown = download(s.p(3), s.c.path("/export"));
    assertTrue(markdown.header("content-type").orElse("").startsWith("text/markdown"));
    assertTrue(markdown.body().contains("OTHER-ANON a worry"), markdown.body());
    assertTrue(markdown.body().contains("Time to reflect"));
    assertFalse(markdown.body().contains("SILENT-SECRET"));
    assertFalse(markdown.body().contains("MINE-JOURNAL"));
    String anonymousSection = markdown.body().substring(markdown.body().indexOf("(anonymous)"));
    anonymousSection = anonymousSection.substring(0, anonymousSection.indexOf("## Themes"));
    assertFalse(anonymousSection.contains("Participant"), anonymousSection);
  }

  @Test
  @DisplayName("The sponsor's export holds the released theme and its reply, and no card, name or journal")
  void sponsorExportHoldsReleasedThemesOnly() {
    for (String format : List.of("markdown", "csv")) {
      ApiClient.Response r = download(s.c.sponsor, s.c.path("/sponsor/export?format=" + format));
      assertTrue(r.body().contains("Time to reflect") && r.body().contains("REPLY-TEXT we listened"), r.body());
      for (String never : List.of("-NAMED", "-ANON", "SILENT-SECRET", "MINE-JOURNAL", "Participant", "Fran")) {
        assertFalse(r.body().contains(never), never + " in the sponsor's " + format + " export");
      }
    }
  }

  @Test
  @DisplayName("Refusals: a sponsor asks for the member export (403), a participant for the sponsor's (403), an unknown format (400)")
  void refusals() {
    assertEquals(403, s.c.as(s.c.sponsor).get("/api/account/export?format=json").status());
    assertEquals(403, s.c.as(s.c.sponsor).get(s.c.path("/export?format=csv")).status());
    assertEquals(403, s.c.as(s.p(1)).get(s.c.path("/sponsor/export")).status());
    assertEquals(400, s.c.as(s.p(1)).get("/api/account/export?format=pdf").status());
    assertEquals(400, s.c.as(s.p(1)).get(s.c.path("/export?format=json")).status());
    assertEquals(400, s.c.as(s.c.sponsor).get(s.c.path("/sponsor/export?format=xlsx")).status());
  }

  @Test
  @DisplayName("Erasing my words keeps my account: my cards and journal go, the theme they fed falls below k, and I can write again")
  void eraseMyWordsKeepsMyAccount() {
    ThemeScenario e = new ThemeScenario(circle.server(), 3);
    e.card(e.p(1), "a", "ERASE-ME first");
    e.card(e.p(2), "b", "Kept second");
    e.card(e.p(3), "c", "Kept third");
    String t = e.propose(e.draft("Erasable", "a", "b", "c"));
    e.consent(t);
    assertEquals(200, e.release(t).status());
    assertEquals(201, e.c.as(e.p(1)).post(e.c.path("/journal"), new JsonObject().put("text", "ERASE-ME journal")).status());

    assertEquals(400, e.c.as(e.p(1)).post("/api/account/erase", new JsonObject().put("password", "not my password")).status());
    assertEquals(204, e.c.as(e.p(1)).post("/api/account/erase", new JsonObject().put("password", TestAccounts.PASSWORD)).status());

    JsonObject mine = e.c.as(e.p(1)).get("/api/account/export").json();
    assertEquals(new JsonArray(), mine.getJsonArray("cards"));
    assertEquals(new JsonArray(), mine.getJsonArray("journal"));
    assertFalse(e.c.as(e.p(2)).get(e.c.path("/export?format=csv")).body().contains("ERASE-ME"));
    assertEquals("withdrawn", e.sponsorThemes().getJsonObject(0).getString("status"), "below k, the sponsor sees it withdrawn");
    assertEquals(200, e.c.as(e.p(1)).get(e.c.path("/ground-rules")).status(), "still a member");
    Cards.write(circle.server(), e.p(1), e.board, "again", "Writing again");
  }
}
