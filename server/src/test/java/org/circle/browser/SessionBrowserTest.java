package org.circle.browser;

import static org.circle.support.BrowserPages.addCardByKeyboard;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.Browsers;
import org.circle.support.SessionScenario;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A facilitator and participants, each in their own Chromium, go through a session together. */
class SessionBrowserTest {

  @Test
  @DisplayName("A facilitator starts a session from the community page; participants follow the current part, its board and the timer")
  void followTheFacilitator() {
    try (TestServer server = TestServer.start()) {
      SessionScenario s = new SessionScenario(server, 2);
      JsonObject session = s.schedule("March session");
      String room = "#/community/" + s.community.community + "/session/" + session.getString("id");
      ChromeDriver fran = Browsers.open();
      ChromeDriver pat = Browsers.open();
      try {
        openAs(fran, server, s.facilitator(), "#/community/" + s.community.community);
        waitForText(fran, By.id("sessions-heading"), "Sessions");
        click(fran, By.linkText("March session"));
        waitIn(fran).until(ExpectedConditions.textToBe(By.tagName("h1"), "March session"));
        waitForText(fran, By.cssSelector(".circle-session__rules"), "What is said here stays here");
        Browsers.screenshot(fran, "session-1-planned-facilitator");
        openAs(pat, server, s.participant(0), room);
        waitForText(pat, By.cssSelector(".circle-session"), "The session has not started yet");

        click(fran, By.cssSelector("[data-key='start']"));
        for (ChromeDriver b : List.of(fran, pat)) {
          waitForText(b, By.id("session-now"), "Check-in");
          waitForBoard(b);
        }
        addCardByKeyboard(pat, "In the learning zone today");
        waitForCard(fran, "In the learning zone today");
        click(fran, By.cssSelector("[data-key='timer-start']"));
        waitForText(pat, By.cssSelector(".circle-session__timer"), "left");
        Browsers.screenshot(pat, "session-2-live-participant");
        Browsers.screenshot(fran, "session-2-live-facilitator");

        click(fran, By.cssSelector("[data-key='next']"));
        waitForText(pat, By.id("session-now"), "Storytelling");
        waitForBoard(pat);
        assertTrue(pat.findElements(By.cssSelector(".circle-board__text")).stream().noneMatch(e -> e.getText().contains("learning zone")),
            "the new part has its own board");
        Browsers.assertEveryControlLabelled(fran);
        Browsers.assertEveryControlLabelled(pat);
      } finally {
        fran.quit();
        pat.quit();
      }
    }
  }
}
