package org.circle.browser;

import static org.circle.support.BrowserPages.card;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.circle.support.BrowserPages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.FreezableProxy;
import org.circle.support.People;
import org.circle.support.ServerBehindProxy;
import org.circle.support.SessionScenario;
import org.circle.support.TestAccounts;
import org.circle.support.RunningServer;
import org.circle.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** What someone types on a board and has not sent yet stays in their browser until it is sent, and no longer. */
class DraftsBrowserTest {
  private static final By NEW_CARD = By.cssSelector("textarea[data-key='new-card-text']");
  private static final By NEW_CARD_KEPT = By.cssSelector("[data-key='new-card-kept']");
  private static final By EDITOR = By.cssSelector("textarea[data-key^='editor-']");
  @RegisterExtension
  static final RunningServer circle = new RunningServer();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = circle.server();
  }

  /** A board in a community in co-design with one card, "We rushed the discharge" (id c1), written by Participant 1. */
  private static String boardWithOneCard(CommunityScenario c) {
    String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Discharges that went wrong"))
        .json().getString("id");
    write(server, c.participants.get(0), board, List.of(card("c1", "We rushed the discharge", null, "V")));
    return board;
  }

  private static String value(ChromeDriver browser, By field) {
    return browser.findElement(field).getDomProperty("value");
  }

  /** Opens card c1's editor with the keyboard: the card, then Enter. */
  private static void openEditor(ChromeDriver browser) {
    waitIn(browser).until(d -> {
      d.findElement(By.cssSelector(".circle-board__card[data-card='c1']")).sendKeys(Keys.ENTER);
      return !d.findElements(EDITOR).isEmpty();
    });
  }

  /** Whether leaving the page now would ask first (what the page's beforeunload handler decides). */
  private static boolean asksBeforeLeaving(ChromeDriver browser) {
    return (Boolean) browser.executeScript(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;");
  }

  private static long draftKeys(ChromeDriver browser) {
    return (Long) browser.executeScript(
        "return Object.keys(localStorage).filter(k => k.startsWith('circle.drafts.')).length;");
  }

  @Test
  @DisplayName("A half-typed card and an unsent edit come back after a reload; a sent card is on the board once and leaves the field empty; signing out removes them")
  void draftsSurviveReloadUntilSentOrSignedOut() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    String board = boardWithOneCard(c);
    TestAccounts.Person ada = c.participants.get(0);
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, server, ada, "#/board/" + board);
      waitForBoard(browser);
      waitForCard(browser, "We rushed the discharge");

      // Half a card, not sent: a reload brings it back, and says so.
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys("Handovers lose the detail").perform();
      assertFalse(asksBeforeLeaving(browser), "it is kept, so leaving does not ask");
      browser.navigate().refresh();
      waitForBoard(browser);
      waitIn(browser).until(d -> "Handovers lose the detail".equals(value(browser, NEW_CARD)));
      assertEquals("Your unsent card was kept.", browser.findElement(NEW_CARD_KEPT).getText());
      Browsers.assertEveryControlLabelled(browser);
      Browsers.screenshot(browser, "board-draft-kept");

      // Sent: after a reload the field is empty and the card is on the board once.
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys(Keys.END, " at the weekend").keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
      waitForCard(browser, "Handovers lose the detail at the weekend");
      waitForText(browser, By.cssSelector(".circle-board__status"), "All changes saved");
      assertFalse(browser.findElement(NEW_CARD_KEPT).isDisplayed(), "nothing to say once it is sent");
      browser.navigate().refresh();
      waitForBoard(browser);
      waitForCard(browser, "Handovers lose the detail at the weekend");
      assertEquals("", value(browser, NEW_CARD));
      assertEquals(1L, browser.findElements(By.cssSelector(".circle-board__text")).stream()
          .filter(e -> e.getText().equals("Handovers lose the detail at the weekend")).count());
      assertEquals(1L, new People(server.db()).count(
          "SELECT count(*) FROM board_event WHERE board_id = ?::uuid AND op->>'kind' = 'card.create' AND op->>'text' = ?",
          board, "Handovers lose the detail at the weekend"), "stored once");

      // An edit, not saved: a reload opens the editor again with it.
      openEditor(browser);
      new Actions(browser).sendKeys(Keys.END, ", and nobody asked the family").perform();
      browser.navigate().refresh();
      waitForBoard(browser);
      waitIn(browser).until(d -> !d.findElements(EDITOR).isEmpty()
          && "We rushed the discharge, and nobody asked the family".equals(value(browser, EDITOR)));
      WebElement kept = browser.findElement(By.cssSelector("[data-key='kept-c1']"));
      assertEquals("Your unsent change to this card was kept.", kept.getText(), "nobody else changed it");
      assertEquals("We rushed the discharge", browser.findElement(By.cssSelector(".circle-board__card[data-card='c1'] .circle-board__text"))
          .getDomProperty("textContent"), "the card itself is unchanged until the edit is saved");

      // Where the browser cannot keep it (storage full), leaving asks first; once it can again, it does not.
      browser.executeScript("""
          window.realSetItem = Storage.prototype.setItem;
          Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };""");
      browser.findElement(EDITOR).sendKeys("!");
      assertTrue(asksBeforeLeaving(browser), "typed and not kept: leaving asks first");
      browser.executeScript("Storage.prototype.setItem = window.realSetItem;");
      browser.findElement(EDITOR).sendKeys(Keys.BACK_SPACE);
      assertFalse(asksBeforeLeaving(browser));

      // A half-typed card too; then Ada signs out: both are gone from the browser, and stay gone when she is back.
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys("Something private, half written").perform();
      assertEquals(1L, draftKeys(browser));
      click(browser, By.cssSelector(".circle-nav__button"));
      waitForText(browser, By.tagName("h1"), "Sign in");
      assertEquals(0L, draftKeys(browser), "no draft is left in the browser");
      browser.findElement(By.name("email")).sendKeys(ada.email());
      browser.findElement(By.name("password")).sendKeys(TestAccounts.PASSWORD, Keys.ENTER);
      waitForText(browser, By.tagName("h1"), "Your learning communities");
      browser.get(server.baseUrl() + "/#/board/" + board);
      waitForBoard(browser);
      waitForCard(browser, "We rushed the discharge");
      assertEquals("", value(browser, NEW_CARD));
      assertTrue(browser.findElements(EDITOR).isEmpty(), "no editor opens: the unsent edit went with the sign-out");
      assertFalse(browser.findElement(NEW_CARD_KEPT).isDisplayed());
    } finally {
      browser.quit();
    }
  }

  @Test
  @DisplayName("An unsent edit of a card that someone changed meanwhile comes back, showing what the card says now; saving it is Ada's choice")
  void editOfACardChangedMeanwhile() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    String board = boardWithOneCard(c);
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(browser);
      openEditor(browser);
      new Actions(browser).sendKeys(Keys.END, " on Friday").perform();
      // Ada leaves the board; the facilitator changes the card (once Ada's "writing in this card" has gone).
      browser.get(server.baseUrl() + "/css/circle.css");
      JsonObject edit = new JsonObject().put("kind", "card.text").put("card", "c1").put("text", "We rushed the discharge, said the ward");
      waitIn(browser).until(d -> {
        try {
          write(server, c.facilitator, board, List.of(edit));
          return true;
        } catch (AssertionError refusedWhileLocked) {
          return false;
        }
      });

      browser.get(server.baseUrl() + "/#/board/" + board);
      waitForBoard(browser);
      waitIn(browser).until(d -> !d.findElements(EDITOR).isEmpty()
          && "We rushed the discharge on Friday".equals(value(browser, EDITOR)));
      String note = browser.findElement(By.cssSelector("[data-key='kept-c1']")).getText();
      assertTrue(note.startsWith("Your unsent change to this card was kept."), note);
      assertTrue(note.contains("Someone changed this card since you began. It now reads: “We rushed the discharge, said the ward”."), note);
      assertEquals("We rushed the discharge, said the ward", browser.findElement(
          By.cssSelector(".circle-board__card[data-card='c1'] .circle-board__text")).getDomProperty("textContent"),
          "the other change is not overwritten by itself");
      Browsers.assertEveryControlLabelled(browser);
      Browsers.screenshot(browser, "board-draft-card-changed");

      // Ada saves: her text goes in, and nothing is kept any more.
      browser.findElement(EDITOR).sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
      waitForCard(browser, "We rushed the discharge on Friday");
      waitForText(browser, By.cssSelector(".circle-board__status"), "All changes saved");
      assertEquals(0L, draftKeys(browser));
      browser.navigate().refresh();
      waitForBoard(browser);
      waitForCard(browser, "We rushed the discharge on Friday");
      assertTrue(browser.findElements(EDITOR).isEmpty());
    } finally {
      browser.quit();
    }
  }

  @Test
  @DisplayName("A card sent while offline that the server then refuses (the board was locked meanwhile) is not lost: its text is back in the New card field")
  void refusedCardComesBack() throws Exception {
    try (ServerBehindProxy site = new ServerBehindProxy()) {
      TestServer own = site.server();
      FreezableProxy network = site.network();
      CommunityScenario c = new CommunityScenario(own, 1).inCodesign();
      ChromeDriver browser = Browsers.open();
      try {
        String board = cardSentOffline(site, c, browser, "Written on the train");
        assertEquals("", value(browser, NEW_CARD), "sent, as far as Ada can tell");
        write(own, c.facilitator, board, List.of(new JsonObject().put("kind", "board.lock").put("locked", true)));

        network.restore();
        waitForText(browser, By.cssSelector(".circle-board__status"), "All changes saved");
        waitForText(browser, By.tagName("main"), "The facilitator has locked this board. Your card's text is back in the New card field.");
        assertEquals("Written on the train", value(browser, NEW_CARD));
        assertEquals(0L, new People(own.db()).count(
            "SELECT count(*) FROM board_event WHERE board_id = ?::uuid AND op->>'kind' = 'card.create'", board));

        // The facilitator unlocks: the card is there to send, after a reload too.
        write(own, c.facilitator, board, List.of(new JsonObject().put("kind", "board.lock").put("locked", false)));
        waitIn(browser).until(d -> d.findElement(NEW_CARD).isDisplayed());
        browser.navigate().refresh();
        waitForBoard(browser);
        waitIn(browser).until(d -> "Written on the train".equals(value(browser, NEW_CARD)));
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("In a live session, a card half typed on the session's board comes back after a reload")
  void draftsInTheSessionRoom() {
    SessionScenario s = new SessionScenario(server, 1);
    JsonObject session = s.schedule("April session");
    s.controlOk(s.facilitator(), session, SessionScenario.action("start"));
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, server, s.participant(0), "#/community/" + s.community.community + "/session/" + session.getString("id"));
      waitForText(browser, By.id("session-now"), "Check-in");
      waitForBoard(browser);
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys("Tired but here").perform();
      browser.navigate().refresh();
      waitForText(browser, By.id("session-now"), "Check-in");
      waitForBoard(browser);
      waitIn(browser).until(d -> "Tired but here".equals(value(browser, NEW_CARD)));
      assertEquals("Your unsent card was kept.", browser.findElement(NEW_CARD_KEPT).getText());
      click(browser, NEW_CARD);
      new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
      waitForCard(browser, "Tired but here");
      waitForText(browser, By.cssSelector(".circle-board__status"), "All changes saved");
      assertEquals(0L, draftKeys(browser));
    } finally {
      browser.quit();
    }
  }

  @Test
  @DisplayName("A card kept in two tabs and sent from one leaves the other tab's field too, so it cannot be sent twice")
  void cardSentFromAnotherTab() {
    CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
    String board = boardWithOneCard(c);
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(browser);
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys("Nobody told the ward").perform();
      String first = browser.getWindowHandle();

      // The same board in a second tab: the unsent card is there too.
      browser.switchTo().newWindow(WindowType.TAB);
      browser.get(server.baseUrl() + "/#/board/" + board);
      waitForBoard(browser);
      waitIn(browser).until(d -> "Nobody told the ward".equals(value(browser, NEW_CARD)));
      String second = browser.getWindowHandle();

      // Sent from the first tab: the second tab's field empties and says why.
      browser.switchTo().window(first);
      click(browser, NEW_CARD);
      new Actions(browser).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
      waitForCard(browser, "Nobody told the ward");
      browser.switchTo().window(second);
      waitIn(browser).until(d -> "".equals(value(browser, NEW_CARD)));
      waitForText(browser, By.tagName("main"),
          "The card you had typed here was sent or cleared in another tab, so it is no longer in the New card field.");
      waitForCard(browser, "Nobody told the ward");
      assertFalse(browser.findElement(NEW_CARD_KEPT).isDisplayed());

      // Text typed in the second tab after that is its own and stays when the first tab empties its field.
      click(browser, NEW_CARD);
      new Actions(browser).sendKeys("Only in this tab").perform();
      browser.switchTo().window(first);
      browser.navigate().refresh();
      waitForBoard(browser);
      waitIn(browser).until(d -> "Only in this tab".equals(value(browser, NEW_CARD)));
      browser.findElement(NEW_CARD).clear();
      browser.findElement(NEW_CARD).sendKeys("x", Keys.BACK_SPACE);
      browser.switchTo().window(second);
      assertEquals("Only in this tab", value(browser, NEW_CARD));
    } finally {
      browser.quit();
    }
  }

  @Test
  @DisplayName("Signing out with a change made offline and not yet sent asks first; signing out anyway removes it from the browser")
  void signOutWithChangesWaiting() throws Exception {
    try (ServerBehindProxy site = new ServerBehindProxy()) {
      TestServer own = site.server();
      FreezableProxy network = site.network();
      CommunityScenario c = new CommunityScenario(own, 1).inCodesign();
      ChromeDriver browser = Browsers.open();
      try {
        cardSentOffline(site, c, browser, "Written on a shared laptop");
        assertEquals(1L, outboxKeys(browser));

        // Asked first; staying keeps the change.
        click(browser, By.cssSelector(".circle-nav__button"));
        Alert asked = waitIn(browser).until(ExpectedConditions.alertIsPresent());
        assertEquals("1 change you made has not reached the server yet. If you sign out now, it will be lost. Sign out anyway?",
            asked.getText());
        asked.dismiss();
        assertEquals(1L, outboxKeys(browser));
        waitForText(browser, By.cssSelector(".circle-board__status"), "1 change waiting to be sent");

        // Signing out anyway: nothing of it is left in the browser.
        click(browser, By.cssSelector(".circle-nav__button"));
        waitIn(browser).until(ExpectedConditions.alertIsPresent()).accept();
        waitForText(browser, By.tagName("h1"), "Sign in");
        assertEquals(0L, outboxKeys(browser), "the unsent card is not left for the next person at this computer");

        // The server could not be told, so its session cookie still works: once it can be reached,
        // a reload finishes the sign-out instead of signing Ada in again.
        network.restore();
        browser.navigate().refresh();
        waitForText(browser, By.tagName("h1"), "Sign in");
        waitIn(browser).until(d -> ((Long) browser.executeScript(
            "return Object.keys(localStorage).filter(k => k === 'circle.session.signingOut').length;")) == 0L);
        assertEquals(401, c.as(c.participants.get(0)).get("/api/session").status(), "the server has ended Ada's session");
      } finally {
        browser.quit();
      }
    }
  }

  /**
   * Participant 1 opens a new board through the proxy, the network goes, and they send a card with
   * {@code text}: it waits in the browser. Returns the board's id.
   */
  private static String cardSentOffline(ServerBehindProxy site, CommunityScenario c, ChromeDriver browser, String text) {
    String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "What helps?")).json().getString("id");
    site.openAs(browser, c.participants.get(0), "#/board/" + board);
    waitForBoard(browser);
    site.network().cut();
    waitIn(browser).until(d -> d.findElement(By.cssSelector(".circle-board__status")).getText().startsWith("Offline"));
    click(browser, NEW_CARD);
    new Actions(browser).sendKeys(text).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
    waitForText(browser, By.cssSelector(".circle-board__status"), "1 change waiting to be sent");
    return board;
  }

  private static long outboxKeys(ChromeDriver browser) {
    return (Long) browser.executeScript(
        "return Object.keys(localStorage).filter(k => k.startsWith('circle.outbox.')).length;");
  }
}
