package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import static org.circle.support.BrowserPages.addCardByKeyboard;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForText;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Two people, each in their own Chromium, write on one board and see each other's cards appear. */
class BoardBrowserTest {

  /** A board the community's facilitator makes through the API; its id. */
  private static String newBoard(CommunityScenario c, String title) {
    return c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", title)).json().getString("id");
  }

  @Test
  @DisplayName("Two members in two browsers see each other's cards appear; a card added offline survives a reload and is sent on reconnect")
  void twoBrowsersSeeEachOther() {
    TestServer server = TestServer.start();
    try {
      CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
      String board = newBoard(c, "What helps us speak openly?");
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

  @Test
  @DisplayName("Members comment on each other's cards (shown as text, taken back by the author) and rename a group in place, keyboard only")
  void commentsAndGroupsByKeyboard() {
    try (TestServer server = TestServer.start()) {
      CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
      String board = newBoard(c, "Discharges that went wrong");
      ChromeDriver ada = Browsers.open();
      ChromeDriver bo = Browsers.open();
      try {
        openAs(ada, server, c.participants.get(0), "#/board/" + board);
        openAs(bo, server, c.participants.get(1), "#/board/" + board);
        waitForBoard(ada);
        waitForBoard(bo);
        addCardByKeyboard(ada, "We rushed the discharge");
        waitForCard(bo, "We rushed the discharge");

        // Bo opens the card's comments and writes one with the keyboard alone.
        click(bo, By.cssSelector("button[aria-label='Comments (0) on card \"We rushed the discharge\"']"));
        click(bo, By.cssSelector(".circle-board__add-comment textarea"));
        String comment = "What made it feel rushed? <b>honestly</b>";
        new Actions(bo).sendKeys(comment).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
        waitIn(bo).until(d -> d.findElements(By.cssSelector(".circle-board__comment .circle-board__text")).stream()
            .anyMatch(e -> e.getText().equals(comment)));
        assertEquals("", bo.findElement(By.cssSelector(".circle-board__add-comment textarea")).getDomProperty("value"),
            "the field is empty again for the next comment");

        // Ada sees the count on her card, opens the comments, and reads it as Bo wrote it.
        click(ada, By.cssSelector("button[aria-label='Comments (1) on card \"We rushed the discharge\"']"));
        waitIn(ada).until(d -> d.findElements(By.cssSelector(".circle-board__comment")).stream()
            .anyMatch(e -> e.getText().contains(comment) && e.getText().contains("By Participant 2")));
        assertTrue(ada.findElements(By.cssSelector(".circle-board__comment b")).isEmpty(), "comment text is never HTML");
        assertTrue(ada.findElements(By.cssSelector(".circle-board__card")).stream().noneMatch(e -> e.getText().contains("null")),
            "nothing empty shows up as the word null");
        assertTrue(ada.findElements(By.cssSelector("button[data-key^='delete-comment-']")).isEmpty(),
            "a participant cannot delete someone else's comment");
        Browsers.assertEveryControlLabelled(ada);
        ada.executeScript("document.querySelector('.circle-board__card').scrollIntoView()");
        Browsers.screenshot(ada, "board-comments");

        // Bo takes the comment back; it goes from Ada's board too.
        click(bo, By.cssSelector("button[data-key^='delete-comment-']"));
        waitForText(ada, By.cssSelector(".circle-board__comments"), "No comments yet.");
        org.circle.support.People people = new org.circle.support.People(server.db());
        assertEquals(1L, people.count("SELECT count(*) FROM board_event WHERE board_id = ?::uuid AND op->>'kind' = 'comment.add'", board),
            "the comment was stored once");
        waitIn(ada).until(d -> people.count(
            "SELECT count(*) FROM board_event WHERE board_id = ?::uuid AND op->>'kind' = 'comment.delete'", board) == 1);

        // Ada makes a group and renames it in place: Rename, type, Enter; Bo sees the new name.
        click(ada, By.cssSelector("input[data-key='new-group-title']"));
        new Actions(ada).sendKeys("Discharge").sendKeys(Keys.ENTER).perform();
        waitForText(bo, By.cssSelector(".circle-board"), "Discharge (0)");
        // Rename sits in the group's one Options menu.
        click(ada, By.cssSelector("button[aria-label='Options for group Discharge']"));
        click(ada, By.cssSelector("button[role='menuitem'][aria-label='Rename group Discharge']"));
        waitIn(ada).until(d -> d.switchTo().activeElement().getDomAttribute("data-key").startsWith("rename-input-"));
        new Actions(ada).keyDown(Keys.CONTROL).sendKeys("a").keyUp(Keys.CONTROL).sendKeys("Discharges in winter").sendKeys(Keys.ENTER).perform();
        waitForText(bo, By.cssSelector(".circle-board"), "Discharges in winter (0)");
        // Focus goes back to the group's Options button (data-key group-options-…), where renaming began, not lost to the page.
        waitIn(ada).until(d -> d.switchTo().activeElement().getDomAttribute("data-key").startsWith("group-options-"));
      } finally {
        ada.quit();
        bo.quit();
      }
    }
  }
}
