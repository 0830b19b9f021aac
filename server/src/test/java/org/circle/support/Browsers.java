package org.circle.support;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Real headless Chromium from Debian's packages; nothing downloads a browser. Where Chromium is
 * missing, browser tests are skipped with a message, except on CI (CI=true), where they fail.
 */
public final class Browsers {
  public static final String CHROMIUM = "/usr/bin/chromium";
  public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browsers() {}

  /**
   * Every form control has an accessible name (a label or aria-label), and every button says what
   * it does: the basics a screen-reader user needs. Fails listing the controls that do not.
   */
  public static void assertEveryControlLabelled(ChromeDriver browser) {
    Object unlabelled = browser.executeScript("""
        return [...document.querySelectorAll('input:not([type=hidden]), select, textarea, button')]
          .filter(el => el.offsetParent !== null || el.closest('details'))
          .filter(el => {
            if (el.getAttribute('aria-label')) return false;
            if (el.tagName === 'BUTTON') return el.textContent.trim() === '';
            return !(el.labels && el.labels.length > 0 && el.labels[0].textContent.trim() !== '');
          })
          .map(el => el.outerHTML.slice(0, 120));
        """);
    org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), unlabelled, "controls without a label");
  }

  /** Saves a PNG under target/screenshots so a person can look at what the test saw. */
  public static void screenshot(ChromeDriver browser, String name) {
    if (browser instanceof AccessibilityCheckedChrome checked) checked.checkNow();
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ChromeDriver open() {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    String missing = "Chromium is not installed (apt-get install -y chromium chromium-driver); browser test skipped.";
    if (!present) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(missing);
      assumeTrue(false, missing);
    }
    try {
      Path profile = Files.createTempDirectory("circle-chromium");
      ChromeOptions options = new ChromeOptions()
          .setBinary(CHROMIUM)
          .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER))
          .usingAnyFreePort()
          .build();
      // Every page a test visits is checked with axe-core (AccessibilityCheckedChrome, AccessibilityCheck).
      return new AccessibilityCheckedChrome(service, options);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
