package org.circle.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.circle.support.Browsers;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

class HomePageBrowserTest {

  @Test
  @DisplayName("Opening / in Chromium shows the product's name and a live connection")
  void homePage() throws Exception {
    try (TestServer server = TestServer.start()) {
      ChromeDriver browser = Browsers.open();
      try {
        browser.get(server.baseUrl() + "/");
        browser.manage().addCookie(new org.openqa.selenium.Cookie(org.circle.support.TestIdentity.COOKIE,
            server.people().account("Ada").toString()));
        browser.navigate().refresh();
        assertTrue(browser.getTitle().contains("Circle"), browser.getTitle());
        assertEquals("Circle", browser.findElement(By.tagName("h1")).getText());
        new WebDriverWait(browser, Duration.ofSeconds(10))
            .until(ExpectedConditions.textToBe(By.id("connection"), "Connected"));
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        java.nio.file.Files.write(java.nio.file.Path.of("target", "home-page.png"), png);
      } finally {
        browser.quit();
      }
    }
  }
}
