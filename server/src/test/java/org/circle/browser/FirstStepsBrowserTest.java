package org.circle.browser;

import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.ApiClient;
import org.circle.support.Browsers;
import org.circle.support.Http;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** The first steps of the people who set Circle up: the address, set-up links, and a used link. */
class FirstStepsBrowserTest {

  @Test
  @DisplayName("Opened at 127.0.0.1 when configured for localhost, Circle goes to the configured address, where sign-in works")
  void wrongAddressGoesToTheRightOne() {
    try (TestServer server = TestServer.start()) {
      TestAccounts.Person pat = TestAccounts.person(server.db(), "Pat Participant");
      ChromeDriver browser = Browsers.open();
      try {
        browser.get("http://127.0.0.1:" + server.port() + "/#/signin");
        waitIn(browser).until(d -> d.getCurrentUrl().startsWith(server.baseUrl() + "/"));
        waitForText(browser, By.tagName("h1"), "Sign in");
        By form = By.cssSelector("form[aria-label='Sign in']");
        browser.findElement(form).findElement(By.name("email")).sendKeys(pat.email());
        browser.findElement(form).findElement(By.name("password")).sendKeys(TestAccounts.PASSWORD);
        browser.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(browser, By.tagName("h1"), "Your learning communities");
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("The administrator sees facilitator set-up links not yet used and withdraws one; the withdrawn link says so, a used one links to sign-in")
  void setupLinks() {
    try (TestServer server = TestServer.start()) {
      TestAccounts.Person admin = TestAccounts.person(server.db(), "Ada Admin", true, false);
      ChromeDriver browser = Browsers.open();
      try {
        openAs(browser, server, admin, "#/admin");
        waitForText(browser, By.tagName("h1"), "Administration");
        String used = addFacilitator(browser, "Una Used", TestAccounts.uniqueEmail("una"));
        String withdrawn = addFacilitator(browser, "Wes Withdrawn", TestAccounts.uniqueEmail("wes"));
        waitForText(browser, By.id("setup-links"), "Wes Withdrawn");
        String list = browser.findElement(By.id("setup-links")).getText();
        assertTrue(list.indexOf("Una Used") < list.indexOf("Wes Withdrawn"), list);
        Browsers.screenshot(browser, "admin-setup-links");
        click(browser, By.cssSelector("button[aria-label='Withdraw the set-up link for Wes Withdrawn']"));
        waitIn(browser).until(d -> !d.findElement(By.id("setup-links")).getText().contains("Wes Withdrawn"));

        String usedToken = used.substring(used.lastIndexOf('/') + 1);
        assertEquals(201, ApiClient.anonymous(server).post("/api/account-links/" + usedToken,
            new JsonObject().put("displayName", "Una Used").put("password", TestAccounts.PASSWORD)).status());
        browser.manage().deleteAllCookies();
        browser.get(withdrawn);
        browser.navigate().refresh();
        waitForText(browser, By.tagName("main"), "This set-up link was withdrawn");
        browser.get(used);
        browser.navigate().refresh();
        waitForText(browser, By.tagName("h1"), "This link no longer works");
        click(browser, By.linkText("sign in instead"));
        waitForText(browser, By.tagName("h1"), "Sign in");
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("Circle has a favicon of its own")
  void favicon() throws Exception {
    try (TestServer server = TestServer.start()) {
      assertEquals(200, Http.get(server.baseUrl() + "/favicon.ico").statusCode());
      assertEquals(200, Http.get(server.baseUrl() + "/favicon.svg").statusCode());
    }
  }

  private static String addFacilitator(ChromeDriver browser, String name, String email) {
    By form = By.cssSelector("form[aria-label='Add a facilitator']");
    browser.findElement(form).findElement(By.name("email")).sendKeys(email);
    browser.findElement(form).findElement(By.name("displayName")).sendKeys(name);
    browser.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    waitIn(browser).until(d -> d.findElement(By.id("setup-link")).getDomProperty("value").contains("#/account-link/")
        && d.findElement(By.tagName("main")).getText().contains(email));
    return browser.findElement(By.id("setup-link")).getDomProperty("value");
  }
}
