package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.circle.support.Browsers;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

class HomePageBrowserTest {

  @Test
  @DisplayName("A person signs in with the keyboard alone: Tab between labelled fields, Enter to send")
  void keyboardSignIn() {
    try (TestServer server = TestServer.start()) {
      TestAccounts.Person pat = TestAccounts.person(server.db(), "Pat Participant");
      ChromeDriver browser = Browsers.open();
      try {
        browser.get(server.baseUrl() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in"));
        new Actions(browser).sendKeys(Keys.TAB).perform();
        wait.until(d -> "email".equals(d.switchTo().activeElement().getDomAttribute("name")));
        new Actions(browser).sendKeys(pat.email()).sendKeys(Keys.TAB).sendKeys(TestAccounts.PASSWORD).sendKeys(Keys.ENTER).perform();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Your learning communities"));
        assertEquals("h1", browser.switchTo().activeElement().getTagName(), "focus moves to the new page's heading");
        Browsers.assertEveryControlLabelled(browser);
      } finally {
        browser.quit();
      }
    }
  }

  @Test
  @DisplayName("Opening / in Chromium shows the product's name and asks a visitor to sign in")
  void homePage() {
    try (TestServer server = TestServer.start()) {
      ChromeDriver browser = Browsers.open();
      try {
        browser.get(server.baseUrl() + "/");
        assertTrue(browser.getTitle().contains("Circle"), browser.getTitle());
        assertEquals("Circle", browser.findElement(By.cssSelector(".circle-header__name")).getText());
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), "Sign in"));
        assertEquals("Email address", browser.findElement(By.cssSelector("label[for^=email]")).getText());
        Browsers.assertEveryControlLabelled(browser);
        Browsers.screenshot(browser, "home-page");
      } finally {
        browser.quit();
      }
    }
  }
}
