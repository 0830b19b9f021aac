package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.circle.support.Browsers;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

class InvitationBrowserTest {

  private static WebDriverWait waitIn(ChromeDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  private static void heading(ChromeDriver browser, String text) {
    waitIn(browser).until(ExpectedConditions.textToBe(By.tagName("h1"), text));
  }

  private static void type(ChromeDriver browser, String form, String name, String value) {
    WebElement input = browser.findElement(By.cssSelector("form[aria-label='" + form + "'] [name=" + name + "]"));
    input.clear();
    input.sendKeys(value);
  }

  private static void submit(ChromeDriver browser, String form) {
    browser.findElement(By.cssSelector("form[aria-label='" + form + "'] button[type=submit]")).click();
  }

  private static void signIn(ChromeDriver browser, String email, String password) {
    heading(browser, "Sign in");
    type(browser, "Sign in", "email", email);
    type(browser, "Sign in", "password", password);
    submit(browser, "Sign in");
  }

  @Test
  @DisplayName("A facilitator invites a new person, who accepts in another browser, signs in and sees the community")
  void inviteAcceptSignIn() {
    try (TestServer server = TestServer.start()) {
      TestAccounts.Person fran = TestAccounts.person(server.db(), "Fran Facilitator", false, true);
      ChromeDriver facilitator = Browsers.open();
      ChromeDriver newcomer = Browsers.open();
      try {
        facilitator.get(server.baseUrl() + "/");
        signIn(facilitator, fran.email(), TestAccounts.PASSWORD);
        heading(facilitator, "Your learning communities");
        type(facilitator, "Start a new community", "name", "Duty social workers");
        submit(facilitator, "Start a new community");
        heading(facilitator, "Duty social workers");
        new Select(facilitator.findElement(By.cssSelector("form[aria-label='Invite someone'] select[name=role]"))).selectByValue("participant");
        submit(facilitator, "Invite someone");
        String link = waitIn(facilitator).until(ExpectedConditions.presenceOfElementLocated(By.id("invitation-link"))).getDomProperty("value");
        assertTrue(link.contains("#/invitation/"), link);
        Browsers.assertEveryControlLabelled(facilitator);
        Browsers.screenshot(facilitator, "invitation-created");

        String email = TestAccounts.uniqueEmail("nia");
        newcomer.get(link);
        heading(newcomer, "Join a learning community");
        assertTrue(newcomer.findElement(By.tagName("main")).getText().contains("Duty social workers"));
        type(newcomer, "Create your account and join", "email", email);
        type(newcomer, "Create your account and join", "displayName", "Nia Newcomer");
        type(newcomer, "Create your account and join", "password", "nia's long password");
        submit(newcomer, "Create your account and join");
        heading(newcomer, "Duty social workers");

        newcomer.findElement(By.cssSelector(".circle-nav__button")).click();
        signIn(newcomer, email, "nia's long password");
        heading(newcomer, "Your learning communities");
        waitIn(newcomer).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Your role: Participant"));
        waitIn(newcomer).until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        Browsers.screenshot(newcomer, "newcomer-communities");

        facilitator.navigate().refresh();
        heading(facilitator, "Duty social workers");
        waitIn(facilitator).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("table"), "Nia Newcomer"));
      } finally {
        facilitator.quit();
        newcomer.quit();
      }
    }
  }
}
