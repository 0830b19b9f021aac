package org.circle.browser;

import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.RunningServer;
import org.circle.support.TestAccounts;
import org.circle.support.ThemeScenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

/** Keeping and forgetting in the browser: the retention in the ground rules, downloads and erasing one's words. */
class KeepingBrowserTest {
  @RegisterExtension
  static final RunningServer circle = new RunningServer();

  @Test
  @DisplayName("The facilitator chooses with the keyboard how long what we write is kept; the rules in force say so")
  void retentionInTheGroundRules() {
    CommunityScenario c = new CommunityScenario(circle.server(), 2).inCodesign();
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, circle.server(), c.facilitator, "#/community/" + c.community);
      waitForText(browser, By.tagName("main"), "How long we keep what we write");
      browser.findElement(By.xpath("//form[@aria-label='Draft the ground rules']//label[text()='6 months']/preceding-sibling::input"))
          .sendKeys(Keys.SPACE);
      browser.findElement(By.xpath("//form[@aria-label='Draft the ground rules']//button[text()='Save draft']")).sendKeys(Keys.ENTER);
      waitForText(browser, By.tagName("main"), "Ask for consent");
      click(browser, By.xpath("//button[text()='Ask for consent']"));
      waitForText(browser, By.tagName("main"), "6 months. After this, what members wrote is destroyed");
      for (TestAccounts.Person p : c.inTheRoom()) {
        assertEquals(200, c.as(p).post(c.path("/ground-rules/consent"), new JsonObject().put("answer", "agree")).status());
      }
      waitForText(browser, By.tagName("main"), "In force: version 1");
      assertEquals("6-months", c.as(c.participants.get(0)).get(c.path("/ground-rules")).json().getJsonObject("inForce").getString("retention"));
      Browsers.assertEveryControlLabelled(browser);
      assertAccessible(browser, "community page with the ground rules in force");
      Browsers.screenshot(browser, "retention-in-force");
    } finally {
      browser.quit();
    }
  }

  @Test
  @DisplayName("A member downloads what they wrote and the community's export from their pages, then erases their words and stays a member")
  void downloadsAndErasing() {
    ThemeScenario s = new ThemeScenario(circle.server(), 3);
    s.card(s.p(1), "a", "My doubt about the night visit");
    s.card(s.p(2), "b", "Someone else's worry");
    ChromeDriver browser = Browsers.open();
    try {
      openAs(browser, circle.server(), s.p(1), "#/account");
      waitForText(browser, By.tagName("main"), "Download what I wrote (Markdown, to read)");
      String mine = fetch(browser, By.linkText("Download what I wrote (Markdown, to read)"));
      assertTrue(mine.contains("My doubt about the night visit"), mine);
      assertFalse(mine.contains("Someone else's worry"), mine);
      Browsers.assertEveryControlLabelled(browser);
      assertAccessible(browser, "account page");

      browser.findElement(By.cssSelector("form[aria-label='Erase what I wrote'] input[name=password]")).sendKeys(TestAccounts.PASSWORD);
      browser.findElement(By.xpath("//button[text()='Erase what I wrote']")).sendKeys(Keys.ENTER);
      waitForText(browser, By.tagName("main"), "What you wrote has been erased.");
      assertFalse(fetch(browser, By.linkText("Download what I wrote (JSON)")).contains("night visit"));

      openAs(browser, circle.server(), s.p(1), "#/community/" + s.c.community);
      waitForText(browser, By.tagName("main"), "Download this community");
      String csv = fetch(browser, By.linkText("Download as CSV (for a spreadsheet)"));
      assertTrue(csv.contains("Someone else's worry"), csv);
      assertFalse(csv.contains("night visit"), "erased");
      assertAccessible(browser, "community page");
    } finally {
      browser.quit();
    }
  }

  /** What the link downloads, fetched by the page itself with its own cookie. */
  private static String fetch(ChromeDriver browser, By link) {
    String href = browser.findElement(link).getDomAttribute("href");
    assertTrue(browser.findElement(link).getDomAttribute("download") != null, "a download link");
    return (String) browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; fetch(arguments[0]).then((r) => r.text()).then(done, (e) => done(String(e)));", href);
  }

  private static void assertAccessible(ChromeDriver browser, String what) {
    Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")).analyze(browser);
    assertEquals(List.of(), results.getViolations().stream()
        .map(v -> v.getId() + ": " + v.getHelp() + " " + v.getNodes().stream().map(n -> n.getHtml()).toList()).toList(),
        "WCAG 2.2 AA violations on the " + what);
  }
}
