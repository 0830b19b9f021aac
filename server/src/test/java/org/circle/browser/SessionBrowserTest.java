package org.circle.browser;

import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circle.support.Browsers;
import org.circle.support.SessionScenario;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A facilitator and three participants, each in their own Chromium, go through a whole session:
 * check-in, silent writing and reveal, grouping, a dot vote, close. One participant uses the
 * keyboard alone. Screenshots go to target/screenshots.
 */
class SessionBrowserTest {

  /** Presses Tab until the focused element matches {@code css}, as a keyboard user moves through a page. */
  private static void tabTo(ChromeDriver browser, String css) {
    for (int i = 0; i < 400; i++) {
      Object found = browser.executeScript("return document.activeElement && document.activeElement.matches(arguments[0]);", css);
      if (Boolean.TRUE.equals(found)) return;
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached " + css);
  }

  /** A screenshot with {@code css} at the top of the window, where the person's attention is. */
  private static void shot(ChromeDriver browser, String css, String name) {
    browser.executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -10);", css);
    Browsers.screenshot(browser, name);
  }

  /**
   * Remaining seconds each browser shows, taken the moment its display next changes (all the
   * browsers share this machine's clock, so the moments compare), and brought to one moment.
   * Read this way, a slow round trip to a busy browser does not count as a difference.
   */
  private static List<Double> timers(List<ChromeDriver> browsers) {
    List<Double> out = new ArrayList<>();
    Long reference = null;
    for (ChromeDriver b : browsers) {
      @SuppressWarnings("unchecked")
      Map<String, Object> seen = (Map<String, Object>) b.executeAsyncScript("""
          const done = arguments[arguments.length - 1];
          const shown = () => document.querySelector('.circle-session__timer').textContent;
          const before = shown();
          // The whole page is watched: a live update may draw the timer anew.
          const observer = new MutationObserver(() => {
            if (shown() === before) return;
            observer.disconnect();
            done({ text: shown(), at: Date.now() });
          });
          observer.observe(document.body, { childList: true, characterData: true, subtree: true });""");
      long at = ((Number) seen.get("at")).longValue();
      if (reference == null) reference = at;
      String[] mmss = ((String) seen.get("text")).replace("Paused, ", "").replace(" left", "").split(":");
      out.add(Integer.parseInt(mmss[0]) * 60 + Integer.parseInt(mmss[1]) + (at - reference) / 1000.0);
    }
    return out;
  }

  @Test
  @DisplayName("A whole session in four browsers: check-in, silent writing and reveal, grouping, a dot vote and close; keyboard alone for a participant")
  void wholeSession() {
    try (TestServer server = TestServer.start()) {
      SessionScenario s = new SessionScenario(server, 3);
      JsonObject session = s.schedule("March session");
      String room = "#/community/" + s.community.community + "/session/" + session.getString("id");
      ChromeDriver fran = Browsers.open();
      ChromeDriver kim = Browsers.open();
      ChromeDriver lou = Browsers.open();
      ChromeDriver max = Browsers.open();
      List<ChromeDriver> everyone = List.of(fran, kim, lou, max);
      try {
        // The facilitator finds the session on the community page.
        openAs(fran, server, s.facilitator(), "#/community/" + s.community.community);
        waitForText(fran, By.id("sessions-heading"), "Sessions");
        click(fran, By.linkText("March session"));
        waitIn(fran).until(ExpectedConditions.textToBe(By.tagName("h1"), "March session"));
        // The ground rules in force open with the session.
        waitForText(fran, By.cssSelector(".circle-session__rules"), "What is said here stays here");
        assertTrue(fran.findElement(By.cssSelector(".circle-session__rules")).getDomAttribute("open") != null);
        Browsers.screenshot(fran, "session-1-planned-facilitator");
        openAs(kim, server, s.participant(0), room);
        openAs(lou, server, s.participant(1), room);
        openAs(max, server, s.participant(2), room);
        for (ChromeDriver b : List.of(kim, lou, max)) waitForText(b, By.cssSelector(".circle-session"), "The session has not started yet");

        // Check-in: everyone follows the facilitator to the first part and its board.
        click(fran, By.cssSelector("[data-key='start']"));
        for (ChromeDriver b : everyone) {
          waitForText(b, By.id("session-now"), "Check-in");
          waitForBoard(b);
        }
        // Kim, keyboard only: Tab to the new card field, type, Ctrl+Enter.
        tabTo(kim, "textarea[data-key='new-card-text']");
        new Actions(kim).sendKeys("Learning zone: new duty rota").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        waitForCard(fran, "Learning zone: new duty rota");
        click(fran, By.cssSelector("[data-key='timer-start']"));
        for (ChromeDriver b : everyone) waitForText(b, By.cssSelector(".circle-session__timer"), "left");
        List<Double> shown = timers(everyone);
        double spread = shown.stream().mapToDouble(Double::doubleValue).max().orElseThrow() - shown.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertTrue(spread <= 1.0, "every browser shows the same remaining time within a second: " + shown);
        // Kim raises a hand with the keyboard; the facilitator calls her.
        tabTo(kim, "[data-key='hand']");
        new Actions(kim).sendKeys(Keys.ENTER).perform();
        waitForText(fran, By.id("session-hands"), "Raised hands (1)");
        click(fran, By.cssSelector("[data-key='hands-next']"));
        waitForText(kim, By.cssSelector(".circle-session__speaker"), "Your turn to speak");
        waitForText(lou, By.cssSelector(".circle-session__speaker"), "Speaking: Participant 1");
        shot(kim, ".circle-session__now", "session-2-check-in-participant");

        // Uncertainties, in silence: nobody sees another's card until the reveal.
        // Each press says which part it moves on from, so a second press waits for the first to land.
        click(fran, By.cssSelector("[data-key='next']"));
        waitForText(fran, By.id("session-now"), "Storytelling");
        click(fran, By.cssSelector("[data-key='next']"));
        for (ChromeDriver b : everyone) {
          waitForText(b, By.id("session-now"), "Uncertainties and doubts");
          waitForBoard(b);
        }
        click(fran, By.cssSelector("[data-key='silent']"));
        for (ChromeDriver b : List.of(kim, lou, max)) waitForText(b, By.cssSelector(".circle-board__notice"), "only you can see the cards you write");
        tabTo(kim, "textarea[data-key='new-card-text']");
        new Actions(kim).sendKeys("Am I closing cases too early?").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        click(lou, By.cssSelector("textarea[data-key='new-card-text']"));
        new Actions(lou).sendKeys("Nobody checks the handover").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        click(lou, By.cssSelector("textarea[data-key='new-card-text']"));
        new Actions(lou).sendKeys("Too many referrals at once").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        waitForCard(kim, "Am I closing cases too early?");
        waitForCard(lou, "Too many referrals at once");
        waitForText(max, By.cssSelector(".circle-board__notice"), "3 cards by others are hidden");
        waitForText(fran, By.cssSelector(".circle-board__notice"), "3 cards by others are hidden");
        for (ChromeDriver b : List.of(fran, max)) {
          assertTrue(b.findElements(By.cssSelector(".circle-board__text")).isEmpty(), "nothing shows before the reveal");
        }
        assertFalse(kim.getPageSource().contains("Nobody checks the handover"));
        shot(max, ".circle-session__now", "session-3-silent-writing-participant");
        shot(fran, ".circle-board__notice", "session-3-silent-writing-facilitator");

        click(fran, By.cssSelector("[data-key='reveal']"));
        for (ChromeDriver b : everyone) {
          waitForCard(b, "Am I closing cases too early?");
          waitForCard(b, "Nobody checks the handover");
          waitForCard(b, "Too many referrals at once");
        }
        shot(max, ".circle-board", "session-4-revealed");

        // Grouping: the facilitator makes a group and moves two cards into it.
        click(fran, By.cssSelector("input[data-key='new-group-title']"));
        new Actions(fran).sendKeys("Workload").sendKeys(Keys.ENTER).perform();
        waitIn(fran).until(d -> d.findElements(By.cssSelector(".circle-board__column-title")).stream().anyMatch(e -> e.getText().startsWith("Workload")));
        for (String card : List.of("Nobody checks the handover", "Too many referrals at once")) {
          click(fran, By.cssSelector("button[aria-label='Actions for card \"" + card + "\"']"));
          click(fran, By.xpath("//button[@role='menuitem'][normalize-space()='Move to Workload']"));
          waitIn(fran).until(d -> d.findElements(By.cssSelector(".circle-board__column-title")).stream()
              .anyMatch(e -> e.getText().startsWith("Workload (") && !e.getText().equals("Workload (0)")));
        }
        waitForText(max, By.cssSelector(".circle-board"), "Workload (2)");

        // A dot vote: totals stay hidden until the facilitator closes it.
        click(fran, By.cssSelector("[data-key='vote-open']"));
        for (ChromeDriver b : List.of(kim, lou, max)) waitForText(b, By.id("session-vote"), "Dot vote");
        String kimsTarget = "[aria-label='Add a dot to \"Nobody checks the handover\"']";
        tabTo(kim, kimsTarget);
        new Actions(kim).sendKeys(Keys.ENTER).perform();
        waitForText(kim, By.cssSelector(".circle-session__panels"), "You have 2 of 3 dots left");
        tabTo(kim, kimsTarget);
        new Actions(kim).sendKeys(Keys.ENTER).perform();
        waitForText(kim, By.cssSelector(".circle-session__panels"), "You have 1 of 3 dots left");
        click(lou, By.cssSelector(kimsTarget));
        click(max, By.cssSelector("[aria-label='Add a dot to \"Am I closing cases too early?\"']"));
        waitForText(max, By.cssSelector(".circle-session__panels"), "You have 2 of 3 dots left");
        waitForText(lou, By.cssSelector(".circle-session__panels"), "You have 2 of 3 dots left");
        assertFalse(max.findElement(By.cssSelector(".circle-session__panels")).getText().contains("Dot vote results"));
        shot(kim, "#session-vote", "session-5-dot-vote-participant");
        click(fran, By.cssSelector("[data-key='vote-close']"));
        for (ChromeDriver b : everyone) waitForText(b, By.cssSelector(".circle-session__results"), "3 dots Nobody checks the handover");
        shot(lou, "#session-vote", "session-6-vote-results");
        // The facilitator spotlights the card the group chose; everyone sees it.
        waitIn(fran).until(d -> {
          new Select(d.findElement(By.cssSelector("select[data-key='spotlight-card']"))).selectByVisibleText("Nobody checks the handover");
          return true;
        });
        click(fran, By.cssSelector("[data-key='spotlight']"));
        for (ChromeDriver b : List.of(kim, lou, max)) {
          waitForText(b, By.cssSelector(".circle-session__spotlight"), "Nobody checks the handover");
        }
        shot(max, ".circle-session__now", "session-6-spotlight");
        shot(fran, ".circle-session__controls", "session-6-facilitator-controls");

        // Close: the facilitator goes to the last part and ends the session; the boards stay readable.
        // Ideas: an idea card becomes an experiment, to come back on a later agenda.
        click(fran, By.cssSelector("[data-key='next']"));
        for (ChromeDriver b : everyone) {
          waitForText(b, By.id("session-now"), "Ideas and experiments");
          waitForBoard(b);
        }
        click(lou, By.cssSelector("textarea[data-key='new-card-text']"));
        new Actions(lou).sendKeys("A ten-minute huddle after handover").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        waitForCard(fran, "A ten-minute huddle after handover");
        waitIn(fran).until(d -> {
          new Select(d.findElement(By.cssSelector("select[data-key='experiment-card']"))).selectByVisibleText("A ten-minute huddle after handover");
          return true;
        });
        waitIn(fran).until(d -> d.findElement(By.cssSelector("textarea[data-key='experiment-question']")).getDomProperty("value")
            .equals("A ten-minute huddle after handover"));
        click(fran, By.xpath("//label[normalize-space()='Participant 2']"));
        fran.findElement(By.cssSelector("textarea[data-key='experiment-observe']")).sendKeys("What the huddle catches that the notes did not");
        // Native date fields take their typing in the browser's own date format: set them as a date picker would.
        fran.executeScript("""
            for (const [key, value] of [['startsOn', '2030-03-06'], ['endsOn', '2030-03-27'], ['bringBackOn', '2030-04-02']]) {
              document.querySelector(`[data-key='experiment-${key}']`).value = value;
            }""");
        click(fran, By.cssSelector("[data-key='experiment-save']"));
        waitForText(fran, By.id("session-new-experiment"), "Make an idea an experiment");
        waitIn(fran).until(d -> d.findElement(By.cssSelector(".circle-session__panels")).getText()
            .contains("Experiment saved. It comes back on the agenda from 2030-04-02."));
        shot(fran, "#session-new-experiment", "session-7-experiment");
        click(fran, By.cssSelector("[data-key='next']"));
        for (ChromeDriver b : everyone) waitForText(b, By.id("session-now"), "Close");
        for (ChromeDriver b : everyone) {
          Browsers.assertEveryControlLabelled(b);
        }
        fran.executeScript("window.confirm = () => true;");
        click(fran, By.cssSelector("[data-key='end']"));
        for (ChromeDriver b : everyone) waitForText(b, By.cssSelector(".circle-session"), "This session has ended");
        shot(kim, ".circle-session", "session-8-ended");
        assertEquals(5, kim.findElements(By.cssSelector(".circle-session__agenda li")).size());
      } finally {
        everyone.forEach(ChromeDriver::quit);
      }
    }
  }
}
