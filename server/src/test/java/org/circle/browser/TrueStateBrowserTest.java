package org.circle.browser;

import static org.circle.support.BrowserPages.addCardByKeyboard;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.circle.support.ApiClient;
import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.FreezableProxy;
import org.circle.support.ServerBehindProxy;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the screen says is true: connection, sign-in, members and invitations, and what a click made. */
class TrueStateBrowserTest {

  @Test
  @DisplayName("When the network goes away without a word, the board and the header say Offline within 5 s and keep counting changes waiting")
  void offlineWithinFiveSeconds() throws Exception {
    try (ServerBehindProxy site = new ServerBehindProxy()) {
      FreezableProxy network = site.network();
      CommunityScenario c = new CommunityScenario(site.server(), 1).inCodesign();
      String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "What helps?")).json().getString("id");
      ChromeDriver ada = Browsers.open();
      try {
        site.openAs(ada, c.participants.get(0), "#/board/" + board);
        waitForBoard(ada);
        addCardByKeyboard(ada, "Written while online");
        waitForText(ada, By.cssSelector(".circle-board__status"), "All changes saved");

        // The page notes the moment it shows "Offline" (browser and test share this machine's clock),
        // so the time Selenium takes to look, on a busy machine, is not counted.
        ada.executeScript("""
            const el = document.getElementById('connection');
            new MutationObserver((changes, observer) => {
              if (el.textContent !== 'Offline') return;
              window.offlineShownAt = Date.now();
              observer.disconnect();
            }).observe(el, { childList: true, characterData: true, subtree: true });""");
        network.cut();
        long cutAt = System.currentTimeMillis();
        new WebDriverWait(ada, Duration.ofSeconds(10)).until(d ->
            d.findElement(By.cssSelector(".circle-board__status")).getText().startsWith("Offline")
                && d.findElement(By.id("connection")).getText().equals("Offline"));
        long tookMs = ((Number) ada.executeScript("return window.offlineShownAt;")).longValue() - cutAt;
        assertTrue(tookMs <= 5_000, "Offline shown after " + tookMs + " ms");

        addCardByKeyboard(ada, "Written while offline");
        waitForText(ada, By.cssSelector(".circle-board__status"), "Offline. 1 change waiting to be sent.");
        Browsers.screenshot(ada, "board-offline");

        network.restore();
        new WebDriverWait(ada, Duration.ofSeconds(45)).until(ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector(".circle-board__status"), "All changes saved"));
        assertEquals("Connected", ada.findElement(By.id("connection")).getText());
      } finally {
        ada.quit();
      }
    }
  }

  @Test
  @DisplayName("Signing out in one tab signs out every tab of the browser at once: an open board stops and asks to sign in")
  void signOutReachesEveryTab() {
    try (TestServer server = TestServer.start()) {
      CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
      String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "What helps?")).json().getString("id");
      ChromeDriver browser = Browsers.open();
      try {
        openAs(browser, server, c.participants.get(0), "#/board/" + board);
        waitForBoard(browser);
        String boardTab = browser.getWindowHandle();

        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(server.baseUrl() + "/#/");
        waitForText(browser, By.tagName("h1"), "Your learning communities");
        click(browser, By.cssSelector(".circle-nav__button"));
        waitForText(browser, By.tagName("h1"), "Sign in");

        browser.switchTo().window(boardTab);
        waitForText(browser, By.tagName("h1"), "Sign in");
        waitForText(browser, By.tagName("main"), "You signed out in another tab");
        assertFalse(browser.findElement(By.id("connection")).isDisplayed(), "no live connection is shown");
        assertTrue(browser.findElements(By.cssSelector(".circle-board")).isEmpty(), "the board is gone");
        assertEquals(401, ApiClient.as(server, c.participants.get(0)).get("/api/session").status(), "the session itself ended");
        Browsers.screenshot(browser, "signed-out-elsewhere");
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("A double click on Start community makes one community")
  void doubleClickMakesOne() {
    try (TestServer server = TestServer.start()) {
      TestAccounts.Person fran = TestAccounts.person(server.db(), "Fran Facilitator", false, true);
      ChromeDriver browser = Browsers.open();
      try {
        openAs(browser, server, fran, "#/");
        waitForText(browser, By.tagName("h1"), "Your learning communities");
        WebElement form = browser.findElement(By.cssSelector("form[aria-label='Start a new community']"));
        form.findElement(By.name("name")).sendKeys("Night shift nurses");
        new Actions(browser).doubleClick(form.findElement(By.cssSelector("button[type=submit]"))).perform();
        waitForText(browser, By.tagName("h1"), "Night shift nurses");
        JsonArray mine = ApiClient.as(server, fran).get("/api/communities").array();
        assertEquals(1, mine.size(), mine.encode());
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("A facilitator's open page shows who joined by invitation and drops used and withdrawn invitations, live; empty fields are named at the top")
  void invitationsLive() {
    try (TestServer server = TestServer.start()) {
      CommunityScenario c = new CommunityScenario(server, 0);
      ChromeDriver fran = Browsers.open();
      try {
        openAs(fran, server, c.facilitator, "#/community/" + c.community);
        waitForText(fran, By.tagName("h1"), "Duty social workers");

        // Every problem is listed at the top, linked to its field, and the field is marked.
        By invite = By.cssSelector("form[aria-label='Invite someone']");
        fran.findElement(invite).findElement(By.name("email")).sendKeys("not an address");
        fran.findElement(invite).findElement(By.cssSelector("button[type=submit]")).click();
        WebElement summary = waitIn(fran).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".govuk-error-summary")));
        assertTrue(summary.getText().contains("Enter an email address in the correct format"), summary.getText());
        assertFalse(summary.getText().contains("Field '"), "no internal field names");
        summary.findElement(By.linkText("Enter an email address in the correct format, like name@example.org")).click();
        assertEquals("email", fran.switchTo().activeElement().getDomAttribute("name"), "the link leads to the field");
        assertTrue(fran.findElement(By.cssSelector(".govuk-form-group--error .govuk-error-message")).getText().contains("correct format"));
        Browsers.screenshot(fran, "error-summary");
        fran.findElement(invite).findElement(By.name("email")).clear();

        String nia = invite(fran, invite, "Nia from ward 3");
        String omar = invite(fran, invite, "Omar");
        waitForText(fran, By.id("pending-invitations"), "Nia from ward 3");
        WebElement pending = fran.findElement(By.id("pending-invitations"));
        assertTrue(pending.getText().indexOf("Nia from ward 3") < pending.getText().indexOf("Omar"), "kept in the order made");

        // Omar's invitation is withdrawn: the link box no longer shows its link.
        assertEquals(omar, fran.findElement(By.id("invitation-link")).getDomProperty("value"));
        click(fran, By.cssSelector("button[aria-label='Withdraw the invitation for Omar']"));
        waitIn(fran).until(d -> !d.findElement(By.id("pending-invitations")).getText().contains("Omar"));
        assertTrue(fran.findElements(By.id("invitation-link")).isEmpty(), "the withdrawn link is not shown");

        // Nia accepts in her own browser; the facilitator's page shows her and drops the used invitation.
        String token = nia.substring(nia.lastIndexOf('/') + 1);
        ApiClient.Response joined = ApiClient.anonymous(server).post("/api/invitations/" + token + "/accept", new JsonObject()
            .put("email", TestAccounts.uniqueEmail("nia")).put("displayName", "Nia Newcomer").put("password", TestAccounts.PASSWORD));
        assertEquals(201, joined.status(), joined.body());
        waitForText(fran, By.id("members"), "Nia Newcomer");
        waitIn(fran).until(d -> !d.findElement(By.tagName("main")).getText().contains("Nia from ward 3"));
      } finally {
        fran.quit();
      }
    }
  }

  /** The server's own address must be known before it starts: it goes in its allowed origins, beside the relay's. */
  /** Creates an invitation with a note through the form; returns its link. */
  private static String invite(ChromeDriver browser, By form, String note) {
    // The page may redraw from a live update until the form holds something unsent: type again if it did.
    waitIn(browser).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement noteField = d.findElement(form).findElement(By.name("note"));
      noteField.clear();
      noteField.sendKeys(note);
      return note.equals(d.findElement(form).findElement(By.name("note")).getDomProperty("value"));
    });
    browser.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    waitIn(browser).until(d -> d.findElement(By.id("invitation-made")).getText().contains(note));
    return browser.findElement(By.id("invitation-link")).getDomProperty("value");
  }
}
