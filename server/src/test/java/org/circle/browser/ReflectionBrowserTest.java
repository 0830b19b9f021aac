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
import org.circle.support.SessionScenario;
import org.circle.support.TestAccounts.Person;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Reflection in four browsers: the facilitator opens a pulse in a live session, three participants
 * answer it, and the figures appear only when the facilitator closes it (never answer by answer); after the session one participant
 * writes a review by keyboard alone and the facilitator turns its idea into a segment of the next
 * agenda; the reflection page charts the results with a table of the same figures.
 */
class ReflectionBrowserTest {

  /** Presses Tab until the focused element matches {@code css}. */
  private static void tabTo(ChromeDriver browser, String css) {
    for (int i = 0; i < 300; i++) {
      Object found = browser.executeScript("return document.activeElement && document.activeElement.matches(arguments[0]);", css);
      if (Boolean.TRUE.equals(found)) return;
      new Actions(browser).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError("Tab never reached " + css);
  }

  /** Chooses an answer in the open pulse by its label, as a person clicks it. */
  private static void answer(ChromeDriver browser, String scope, String value) {
    waitIn(browser).until(d -> {
      WebElement input = d.findElement(By.cssSelector(scope + " input[type=radio][value='" + value + "']"));
      d.findElement(By.cssSelector("label[for='" + input.getDomAttribute("id") + "']")).click();
      return input.isSelected();
    });
    click(browser, By.cssSelector(scope + " button[type=submit]"));
    waitForText(browser, By.cssSelector(scope), "You have answered");
  }

  /** A screenshot with {@code css} at the top of the window. */
  private static void shot(ChromeDriver browser, String css, String name) {
    browser.executeScript("document.querySelector(arguments[0]).scrollIntoView({block: 'start'}); window.scrollBy(0, -10);", css);
    Browsers.screenshot(browser, name);
  }

  private static void assertAccessible(ChromeDriver browser, String what) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(browser);
    assertEquals(List.of(), results.getViolations().stream()
        .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList()).toList(),
        "WCAG 2.2 AA violations on the " + what);
    Browsers.assertEveryControlLabelled(browser);
  }

  @Test
  @DisplayName("A pulse answered in three browsers shows its figures once the facilitator closes it; a review by keyboard; the reflection page charts")
  void pulseReviewAndCharts() {
    try (TestServer server = TestServer.start()) {
      SessionScenario s = new SessionScenario(server, 3);
      JsonObject session = s.schedule("March session");
      s.controlOk(s.facilitator(), session, SessionScenario.action("start"));
      String community = "#/community/" + s.community.community;
      String room = community + "/session/" + session.getString("id");
      ChromeDriver fran = Browsers.open();
      ChromeDriver kim = Browsers.open();
      ChromeDriver lou = Browsers.open();
      ChromeDriver max = Browsers.open();
      List<ChromeDriver> participants = List.of(kim, lou, max);
      try {
        openAs(fran, server, s.facilitator(), room);
        for (int i = 0; i < 3; i++) openAs(participants.get(i), server, s.participant(i), room);
        for (ChromeDriver b : participants) waitForText(b, By.cssSelector(".circle-pulse"), "No pulse has been taken");

        // The facilitator asks; every participant's room shows the question live.
        click(fran, By.cssSelector("[data-key='pulse-safety']"));
        for (ChromeDriver b : participants) waitForText(b, By.cssSelector(".circle-pulse"), "How safe does this feel?");
        waitForText(fran, By.cssSelector(".circle-pulse"), "Results show when the facilitator closes the pulse.");
        answer(kim, ".circle-pulse", "4");
        answer(lou, ".circle-pulse", "2");
        waitForText(max, By.cssSelector(".circle-pulse"), "Results show when the facilitator closes the pulse.");
        shot(max, ".circle-pulse", "reflection-1-pulse-open");
        answer(max, ".circle-pulse", "5");
        waitForText(kim, By.cssSelector(".circle-pulse"), "Results show when the facilitator closes the pulse.");
        for (ChromeDriver b : List.of(fran, kim, lou, max)) {
          assertTrue(b.findElements(By.cssSelector(".circle-pulse table")).isEmpty(), "no figures while it is open, even after three answers");
        }
        click(fran, By.cssSelector("[data-key='pulse-close']"));
        for (ChromeDriver b : List.of(fran, kim, lou, max)) waitForText(b, By.cssSelector(".circle-pulse"), "Average: 3.7 out of 5.");
        String shown = fran.findElement(By.cssSelector(".circle-pulse table")).getText();
        assertTrue(shown.contains("(3 answers)"), shown);
        for (Person p : s.everyone()) assertFalse(shown.contains(p.displayName()), "no name beside an answer: " + shown);
        shot(fran, ".circle-pulse", "reflection-2-pulse-result");

        // After the session: Kim writes a review with the keyboard alone.
        s.controlOk(s.facilitator(), session, SessionScenario.action("end"));
        waitForText(kim, By.cssSelector(".circle-pulse"), "Review this session");
        tabTo(kim, ".circle-pulse a[href$='/review']");
        new Actions(kim).sendKeys(Keys.ENTER).perform();
        waitForText(kim, By.tagName("h1"), "Review: March session");
        tabTo(kim, "textarea[name='well']");
        new Actions(kim).sendKeys("Everyone was heard").sendKeys(Keys.TAB).sendKeys("We ran over time").sendKeys(Keys.TAB)
            .sendKeys("Check-in in pairs").sendKeys(Keys.TAB).perform();
        Object focused = kim.executeScript("return document.activeElement.textContent.trim();");
        assertEquals("Save my review", focused);
        new Actions(kim).sendKeys(Keys.ENTER).perform();
        waitForText(kim, By.id("app"), "Your review is saved");
        waitForText(kim, By.id("app"), "Everyone was heard");
        Browsers.screenshot(kim, "reflection-3-review-written");

        // The facilitator reads it with Kim's name and puts the idea on the next agenda.
        openAs(fran, server, s.facilitator(), room + "/review");
        waitForText(fran, By.id("app"), s.participant(0).displayName());
        click(fran, By.cssSelector("button[aria-label='Add to the next agenda: Check-in in pairs']"));
        waitForText(fran, By.id("app"), "joins the agenda of the next session when it is scheduled");
        JsonObject april = s.schedule("April session");
        assertTrue(april.getJsonArray("agenda").stream().anyMatch(g -> ((JsonObject) g).getString("title").equals("Check-in in pairs")),
            april.encode());

        // The reflection page: a chart and a table with the same figures; a process check under 3 draws nothing.
        String check = s.as(s.facilitator()).post(s.path("/process-checks"), new JsonObject()).json().getString("id");
        for (int i = 0; i < 2; i++) {
          assertEquals(200, s.as(s.participant(i)).post(s.path("/pulses/" + check + "/answers"), new JsonObject().put("value", "4")).status());
        }
        openAs(lou, server, s.participant(1), community);
        click(lou, By.linkText("Reflection: pulses and process checks over time"));
        waitForText(lou, By.tagName("h1"), "Reflection");
        waitIn(lou).until(d -> !d.findElements(By.cssSelector(".circle-chart canvas")).isEmpty());
        assertEquals(1, lou.findElements(By.cssSelector(".circle-chart")).size(), "one chart: the safety pulse; nothing for the process check");
        String table = lou.findElement(By.cssSelector("#pulses-heading + p + figure table")).getText();
        assertTrue(table.contains("March session") && table.contains("3.7"), table);
        waitForText(lou, By.cssSelector("section[aria-labelledby='checks-heading']"), "Results show when a facilitator closes the process check.");
        assertTrue(lou.findElement(By.cssSelector("section[aria-labelledby='checks-heading']")).findElements(By.tagName("canvas")).isEmpty());
        assertAccessible(lou, "reflection page");
        shot(lou, "#pulses-heading", "reflection-4-page");

        // Max answers the process check there; its figures appear once the facilitator closes it.
        openAs(max, server, s.participant(2), community + "/reflection");
        waitForText(max, By.cssSelector("section[aria-labelledby='checks-heading']"), "Is the learning happening the way we expected?");
        answer(max, "section[aria-labelledby='checks-heading']", "2");
        assertTrue(max.findElement(By.cssSelector("section[aria-labelledby='checks-heading']")).getText()
            .contains("Results show when a facilitator closes the process check."));
        assertEquals(200, s.as(s.facilitator()).post(s.path("/pulses/" + check + "/close"), new JsonObject()).status());
        waitIn(max).until(d -> d.findElements(By.cssSelector(".circle-chart canvas")).size() == 2);
        String checkTable = max.findElement(By.cssSelector("section[aria-labelledby='checks-heading'] table")).getText();
        assertTrue(checkTable.contains(" 3 3.3"), "3 answers, average 3.3: " + checkTable);
        assertAccessible(max, "reflection page with a process check");
        shot(max, "#checks-heading", "reflection-5-process-check");
      } finally {
        for (ChromeDriver b : List.of(fran, kim, lou, max)) b.quit();
      }
    }
  }
}
