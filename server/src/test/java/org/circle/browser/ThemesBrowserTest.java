package org.circle.browser;

import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.Browsers;
import org.circle.support.Cards;
import org.circle.support.RunningServer;
import org.circle.support.SessionScenario;
import org.circle.support.TestAccounts.Person;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A sponsor reads released themes and replies; the members read the reply; a withdrawal reaches the sponsor's open page. */
class ThemesBrowserTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  @Test
  @DisplayName("A member proposes a theme with the keyboard; the sponsor opens it and replies; the members see the reply and the opening")
  void sponsorRepliesMembersRead() {
    ThemeScenario s = new ThemeScenario(circle.server(), 3);
    s.card(s.p(1), "a", "No time to think after a hard visit");
    s.card(s.p(2), "b", "Supervision is the first thing cancelled");
    s.card(s.p(3), "c", "We debrief in the car park");
    String themes = "#/community/" + s.c.community + "/themes";
    ChromeDriver member = Browsers.open();
    ChromeDriver sponsor = Browsers.open();
    try {
      // A member proposes the theme on the themes page, keyboard alone.
      openAs(member, circle.server(), s.p(1), themes);
      waitForText(member, By.tagName("main"), "Propose a theme");
      WebElement title = member.findElement(By.cssSelector("form[aria-label='Propose a theme'] input[name=title]"));
      title.click();
      new Actions(member).sendKeys("Time to reflect").sendKeys(Keys.TAB)
          .sendKeys("We need protected time to think after difficult visits.").perform();
      for (String card : List.of("No time to think after a hard visit", "Supervision is the first thing cancelled", "We debrief in the car park")) {
        WebElement box = member.findElement(By.xpath("//form[@aria-label='Propose a theme']//label[text()='" + card + "']/preceding-sibling::input"));
        box.sendKeys(Keys.SPACE);
      }
      member.findElement(By.xpath("//form[@aria-label='Propose a theme']//button[text()='Propose theme']")).sendKeys(Keys.ENTER);
      waitForText(member, By.cssSelector("article.circle-theme"), "Time to reflect");
      Browsers.assertEveryControlLabelled(member);
      assertAccessible(member, "members' themes page");
      Browsers.screenshot(member, "themes-proposed");

      // Everyone consents and the facilitator releases (the API stands in for their browsers).
      String theme = member.findElement(By.cssSelector("article.circle-theme")).getDomAttribute("data-theme");
      s.consent(theme);
      assertEquals(200, s.release(theme).status());

      openAs(sponsor, circle.server(), s.c.sponsor, "#/community/" + s.c.community + "/sponsor");
      waitForText(sponsor, By.tagName("main"), "Time to reflect");
      waitForText(sponsor, By.tagName("main"), "From 3-5 people");
      assertTrue(!sponsor.findElement(By.tagName("main")).getText().contains("car park"), "no card text");
      assertAccessible(sponsor, "sponsor's themes page");
      Browsers.screenshot(sponsor, "sponsor-themes");
      click(sponsor, By.linkText("Time to reflect"));
      waitForText(sponsor, By.tagName("main"), "We need protected time to think after difficult visits.");
      WebElement reply = sponsor.findElement(By.cssSelector("textarea[name=reply]"));
      reply.click();
      new Actions(sponsor).sendKeys("You said you need time; we have protected Friday afternoons.").perform();
      sponsor.findElement(By.xpath("//button[text()='Send reply']")).sendKeys(Keys.ENTER);
      waitForText(sponsor, By.tagName("main"), "Your reply has been sent to the community.");
      Browsers.assertEveryControlLabelled(sponsor);
      assertAccessible(sponsor, "sponsor's theme page");
      Browsers.screenshot(sponsor, "sponsor-reply");

      // The members' page updates live with the reply and the opening.
      waitForText(member, By.tagName("main"), "we have protected Friday afternoons.");
      waitForText(member, By.tagName("main"), "Opened by Sam Sponsor");
      Browsers.screenshot(member, "themes-reply");

      // A withdrawn card takes the theme below k: the sponsor's open list shows it withdrawn at once.
      openAs(sponsor, circle.server(), s.c.sponsor, "#/community/" + s.c.community + "/sponsor");
      waitForText(sponsor, By.tagName("main"), "Time to reflect");
      Cards.withdraw(circle.server(), s.p(3), s.board, "c");
      waitForText(sponsor, By.tagName("main"), "Withdrawn");
      waitIn(sponsor).until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Time to reflect")));
      Browsers.screenshot(sponsor, "sponsor-withdrawn");
    } finally {
      member.quit();
      sponsor.quit();
    }
  }

  @Test
  @DisplayName("The sponsor sees how often sessions were held and how they went, charted with tables, nothing from fewer than 3 people")
  void sponsorSeesSessionsCharted() {
    SessionScenario s = new SessionScenario(circle.server(), 4);
    List<Person> four = List.of(s.participant(0), s.participant(1), s.participant(2), s.participant(3));
    s.held("January", "2026-01-05", four, List.of(List.of("4", "4", "5")));
    s.held("Later in January", "2026-01-19", four.subList(0, 2), List.of(List.of("2", "5")));
    s.held("February", "2026-02-02", four.subList(0, 3), List.of(List.of("3", "4", "4")));
    s.held("March", "2026-03-02", four, List.of(List.of("5", "4", "4", "5")));
    ChromeDriver sponsor = Browsers.open();
    try {
      openAs(sponsor, circle.server(), s.community.sponsor, "#/community/" + s.community.community + "/sponsor");
      By section = By.cssSelector("section[aria-labelledby='sessions-heading']");
      waitForText(sponsor, section, "4 sessions held, usually 14 days apart.");
      waitIn(sponsor).until(d -> d.findElements(By.cssSelector(".circle-sponsor-sessions .circle-chart canvas")).size() == 3);
      WebElement area = sponsor.findElement(section);
      List<String> tables = area.findElements(By.tagName("table")).stream().map(WebElement::getText).toList();
      assertEquals(3, tables.size());
      assertTrue(tables.get(0).contains("Jan 2026 2") && tables.get(0).contains("Feb 2026 1") && tables.get(0).contains("Mar 2026 1"),
          tables.get(0));
      assertTrue(tables.get(1).contains("Session 1 5 Jan 2026 4"), tables.get(1));
      assertTrue(tables.get(1).contains("Session 2 19 Jan 2026 Fewer than 3"), "two people: no number. " + tables.get(1));
      assertTrue(tables.get(1).contains("Session 3 2 Feb 2026 3"), tables.get(1));
      assertTrue(tables.get(2).contains("Session 1 5 Jan 2026 4.3") && tables.get(2).contains("Session 4 2 Mar 2026 4.5"), tables.get(2));
      assertTrue(tables.get(2).contains("Session 2 19 Jan 2026 Fewer than 3 answered"), tables.get(2));
      for (String never : List.of("January", "February", "March", "Is the learning happening", s.participant(0).displayName())) {
        assertFalse(area.getText().contains(never), never + " on the sponsor's page");
      }
      Browsers.assertEveryControlLabelled(sponsor);
      assertAccessible(sponsor, "sponsor's page with session charts");
      sponsor.executeScript("document.getElementById('sessions-heading').scrollIntoView({block: 'start'});");
      Browsers.screenshot(sponsor, "sponsor-sessions");
      sponsor.executeScript("document.querySelectorAll('.circle-sponsor-sessions figure')[1].scrollIntoView({block: 'start'});");
      Browsers.screenshot(sponsor, "sponsor-sessions-health");

      // Another session ends while the page is open: it follows.
      s.held("April", "2026-03-16", four, List.of());
      waitForText(sponsor, section, "5 sessions held");
    } finally {
      sponsor.quit();
    }
  }

  @Test
  @DisplayName("A journal is written and an excerpt shared to a board as a card")
  void journalExcerpt() {
    ThemeScenario s = new ThemeScenario(circle.server(), 3);
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, circle.server(), s.p(1), "#/community/" + s.c.community + "/journal");
      waitForText(browser, By.tagName("main"), "Only you can read your journal");
      browser.findElement(By.cssSelector("textarea[name=entry]")).sendKeys("I froze at the door. Next time I will name it.");
      browser.findElement(By.xpath("//button[text()='Save entry']")).sendKeys(Keys.ENTER);
      waitForText(browser, By.cssSelector("article.circle-journal-entry"), "I froze at the door.");
      click(browser, By.xpath("//span[text()='Share an excerpt to a board']"));
      WebElement excerpt = browser.findElement(By.cssSelector("textarea[name=excerpt]"));
      excerpt.clear();
      excerpt.sendKeys("Next time I will name it.");
      browser.findElement(By.xpath("//button[text()='Share as a card']")).sendKeys(Keys.ENTER);
      waitForText(browser, By.tagName("main"), "Shared on the board as a card.");
      Browsers.assertEveryControlLabelled(browser);
      assertAccessible(browser, "journal page");
      Browsers.screenshot(browser, "journal");
      JsonObject cards = s.c.as(s.p(2)).get(s.c.path("/theme-cards")).json();
      assertTrue(cards.encode().contains("Next time I will name it."), cards.encode());
      assertTrue(!cards.encode().contains("I froze at the door"), "only the excerpt is shared");
    } finally {
      browser.quit();
    }
  }

  private static void assertAccessible(ChromeDriver browser, String what) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(browser);
    assertEquals(List.of(), results.getViolations().stream()
        .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList()).toList(),
        "WCAG 2.2 AA violations on the " + what);
  }
}
