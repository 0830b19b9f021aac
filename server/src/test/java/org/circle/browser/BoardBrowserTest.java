package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import static org.circle.support.BrowserPages.addCardByKeyboard;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitIn;

import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Two people, each in their own Chromium, write on one board and see each other's cards appear. */
class BoardBrowserTest {

  @Test
  @DisplayName("Two members in two browsers see each other's cards appear; a card added offline survives a reload and is sent on reconnect")
  void twoBrowsersSeeEachOther() {
    TestServer server = TestServer.start();
    try {
      CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
      String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "What helps us speak openly?"))
          .json().getString("id");
      ChromeDriver ada = Browsers.open();
      ChromeDriver bo = Browsers.open();
      try {
        openAs(ada, server, c.participants.get(0), "#/board/" + board);
        openAs(bo, server, c.participants.get(1), "#/board/" + board);
        for (ChromeDriver b : List.of(ada, bo)) {
          waitIn(b).until(ExpectedConditions.textToBe(By.tagName("h1"), "What helps us speak openly?"));
          waitIn(b).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__status"), "Connected"));
        }
        addCardByKeyboard(ada, "Knowing nothing leaves the room");
        waitForCard(bo, "Knowing nothing leaves the room");

        String markup = "<img src=x onerror=alert(1)> <b>bold?</b>";
        addCardByKeyboard(bo, markup);
        waitForCard(ada, markup);
        assertTrue(ada.findElements(By.cssSelector(".circle-board__text img, .circle-board__text b")).isEmpty(),
            "user text is shown as text, never as HTML");

        // Both see who is here, and each card says who wrote it.
        waitIn(ada).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__people"), "Participant 2"));
        waitIn(ada).until(d -> d.findElements(By.cssSelector(".circle-board__meta")).stream().anyMatch(e -> e.getText().contains("By Participant 2")));

        // A vote from one browser shows in the other.
        WebElement vote = waitIn(bo).until(ExpectedConditions.elementToBeClickable(
            By.cssSelector("button[aria-label='Vote for card \"Knowing nothing leaves the room\"']")));
        vote.sendKeys(Keys.ENTER);
        waitIn(ada).until(d -> d.findElements(By.cssSelector(".circle-board__meta")).stream().anyMatch(e -> e.getText().contains("1 vote")));
        waitIn(bo).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__status"), "All changes saved"));

        // Keyboard only: Ada opens her card with Enter; Bo sees that she is writing in it (the soft lock).
        // The board re-renders live under the keyboard; focus stays on the same control, so type into whatever has focus.
        waitIn(ada).until(d -> {
          d.findElements(By.cssSelector(".circle-board__card")).stream()
              .filter(e -> e.getText().contains("Knowing nothing leaves the room")).findFirst().orElseThrow().sendKeys(Keys.ENTER);
          return true;
        });
        waitIn(ada).until(d -> "TEXTAREA".equals(d.switchTo().activeElement().getTagName().toUpperCase())
            && d.switchTo().activeElement().getDomAttribute("data-key").startsWith("editor-"));
        waitIn(bo).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__editing"),
            "Participant 1 is writing in this card"));
        ada.switchTo().activeElement().sendKeys(Keys.END, ", unless someone is at risk");
        ada.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitForCard(bo, "Knowing nothing leaves the room, unless someone is at risk");
        waitIn(bo).until(d -> d.findElements(By.cssSelector(".circle-board__editing")).isEmpty());
        Browsers.assertEveryControlLabelled(ada);
        assertEquals(4L, (long) new org.circle.support.People(server.db()).count("SELECT count(*) FROM board_event WHERE board_id = ?::uuid", board));
        Browsers.screenshot(ada, "board");

        // The server goes away: Ada keeps writing; her card waits in the browser, even across a reload.
        int port = server.port();
        server.close();
        waitIn(ada).until(ExpectedConditions.not(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".circle-board__status"), "Connected")));
        addCardByKeyboard(ada, "Written while offline");
        waitIn(ada).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__status"), "1 change waiting"));
        ada.navigate().refresh();
        server = TestServer.start(c.server.db(), java.util.Map.of("CIRCLE_HTTP_PORT", String.valueOf(port)));
        ada.navigate().refresh();
        waitForCard(ada, "Written while offline");
        waitIn(ada).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".circle-board__status"), "All changes saved"));
        new WebDriverWait(bo, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
            .until(d -> d.findElements(By.cssSelector(".circle-board__text")).stream().anyMatch(e -> e.getText().equals("Written while offline")));
        assertEquals(5L, (long) new org.circle.support.People(server.db()).count("SELECT count(*) FROM board_event WHERE board_id = ?::uuid", board));
      } finally {
        ada.quit();
        bo.quit();
      }
    } finally {
      server.close();
    }
  }
}
