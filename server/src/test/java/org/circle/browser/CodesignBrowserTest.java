package org.circle.browser;

import org.circle.consent.Answer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import static org.circle.support.BrowserPages.addCardByKeyboard;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;

import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.TestAccounts;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A facilitator and three participants, each in their own browser, agree ground rules by consent. */
class CodesignBrowserTest {




  private static String xpathLiteral(String text) {
    return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
  }

  /** The facilitator writes the rules, one per line, saves the draft and starts a consent round. */
  private static void writeRulesAndAskConsent(ChromeDriver facilitator, String formLabel, String rules) {
    By form = By.cssSelector("form[aria-label='" + formLabel + "']");
    waitIn(facilitator).until(ExpectedConditions.presenceOfElementLocated(form));
    WebElement text = facilitator.findElement(form).findElement(By.cssSelector("textarea[name=rules]"));
    text.clear();
    text.sendKeys(rules);
    facilitator.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
    waitForText(facilitator, By.tagName("main"), "Ask for consent");
    facilitator.findElement(By.xpath("//button[text()='Ask for consent']")).click();
  }

  /** Answers the round; the page may re-render live under the pointer (another member answered), so retry then. */
  private static void answer(ChromeDriver browser, String answer, String note) {
    By form = By.cssSelector("form[aria-label='Answer the consent round']");
    waitIn(browser).ignoring(StaleElementReferenceException.class).until(driver -> {
      WebElement f = driver.findElement(form);
      f.findElement(By.cssSelector("input[value='" + answer + "']")).click();
      WebElement noteField = f.findElement(By.cssSelector("textarea[name=note]"));
      if (note != null && !noteField.getDomProperty("value").equals(note)) noteField.sendKeys(note);
      f.findElement(By.cssSelector("button[type=submit]")).click();
      return true;
    });
    waitIn(browser).until(ExpectedConditions.or(
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Your answer: " + answer),
        ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "In force: version")));
  }

  @Test
  @DisplayName("A full co-design in four browsers: draft, an objection blocks, the text is amended, all consent, rules ratified")
  void fullCodesign() {
    try (TestServer server = TestServer.start()) {
      CommunityScenario c = new CommunityScenario(server, 3);
      assertEquals(200, c.as(c.facilitator).put(c.path("/mandate"), CommunityScenario.mandate("Closing cases safely")).status());
      assertEquals(200, c.as(c.sponsor).post(c.path("/mandate/sign-off"), new JsonObject().put("version", 1)).status());
      String page = "#/community/" + c.community;
      List<ChromeDriver> browsers = new ArrayList<>();
      try {
        ChromeDriver facilitator = Browsers.open();
        browsers.add(facilitator);
        openAs(facilitator, server, c.facilitator, page);
        waitForText(facilitator, By.tagName("main"), "Start co-design");
        facilitator.findElement(By.xpath("//button[text()='Start co-design']")).click();
        click(facilitator, By.linkText("Open the co-design board"));
        waitForText(facilitator, By.tagName("h1"), "What is needed to create a safe space to have authentic conversations about this work?");

        List<ChromeDriver> participants = new ArrayList<>();
        String[] answers = {"Nothing leaves the room without our say", "No blame for honest mistakes", "Time protected from the rota"};
        for (int i = 0; i < c.participants.size(); i++) {
          ChromeDriver browser = Browsers.open();
          browsers.add(browser);
          participants.add(browser);
          openAs(browser, server, c.participants.get(i), page);
          click(browser, By.linkText("Open the co-design board"));
          waitForBoard(browser);
          addCardByKeyboard(browser, answers[i]);
        }
        for (String answer : answers) waitForCard(facilitator, answer);
        for (ChromeDriver browser : participants) waitForCard(browser, answers[0]);
        Browsers.screenshot(facilitator, "codesign-board");
        facilitator.navigate().back();

        // The facilitator starts the rules from the members' cards instead of retyping them.
        By draft = By.cssSelector("form[aria-label='Draft the ground rules']");
        waitIn(facilitator).until(ExpectedConditions.presenceOfElementLocated(draft));
        for (String answer : answers) {
          facilitator.findElement(draft).findElement(By.xpath(".//label[text()=" + xpathLiteral(answer) + "]")).click();
        }
        facilitator.findElement(By.xpath("//button[text()='Add the chosen cards to the rules']")).click();
        assertEquals(String.join("\n", answers), facilitator.findElement(draft).findElement(By.name("rules")).getDomProperty("value"));
        Browsers.screenshot(facilitator, "codesign-rules-from-cards");
        facilitator.findElement(draft).findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(facilitator, By.tagName("main"), "Ask for consent");
        facilitator.findElement(By.xpath("//button[text()='Ask for consent']")).click();
        waitForText(facilitator, By.id("consent-progress"), "0 of 4 members have answered");
        for (ChromeDriver browser : participants) {
          browser.navigate().back();
          waitForText(browser, By.id("consent-progress"), "Consent round 1");
        }
        answer(participants.get(0), "object", "We need to say what happens when someone is at risk");
        waitForText(facilitator, By.id("consent-progress"), "1 of 4 members have answered: Participant 1");
        // The facilitator who must amend the text reads the reason during the round, and so do the others.
        waitForText(facilitator, By.cssSelector(".circle-answers"), "Participant 1 objects: We need to say what happens when someone is at risk");
        waitForText(participants.get(1), By.cssSelector(".circle-answers"), "Participant 1 objects: We need to say what happens when someone is at risk");
        answer(participants.get(1), "agree", null);
        answer(participants.get(2), "agree", null);
        answer(facilitator, "agree", null);
        waitForText(facilitator, By.tagName("main"), "An objection blocks this");
        Browsers.assertEveryControlLabelled(facilitator);
        Browsers.assertEveryControlLabelled(participants.get(0));
        Browsers.screenshot(facilitator, "codesign-blocked");

        facilitator.findElement(By.xpath("//span[starts-with(text(),'Amend the text')]")).click();
        writeRulesAndAskConsent(facilitator, "Edit the ground rules", "What is said here stays here\nOnly themes we release leave the room");
        waitForText(facilitator, By.id("consent-progress"), "Consent round 2: 0 of 4");

        for (ChromeDriver browser : participants) {
          waitForText(browser, By.id("consent-progress"), "Consent round 2");
          answer(browser, "agree", null);
        }
        answer(facilitator, "agree", null);
        for (ChromeDriver browser : browsers) {
          waitForText(browser, By.tagName("main"), "In force: version 1");
          waitForText(browser, By.cssSelector(".circle-rules"), "Only themes we release leave the room");
        }
        // Every round is kept: the record shows the first round's objection and reason after ratification.
        waitForText(participants.get(0), By.cssSelector(".circle-record"), "Version 1, round 1");
        waitForText(participants.get(0), By.cssSelector(".circle-record"), "Participant 1 objects: We need to say what happens when someone is at risk");
        waitForText(participants.get(0), By.cssSelector(".circle-record"), "everyone in the room consented");
        Browsers.screenshot(participants.get(0), "codesign-ratified");
        click(participants.get(1), By.linkText("Open the co-design board"));
        waitForText(participants.get(1), By.cssSelector(".circle-board__rules"), "Our ground rules (version 1)");
      } finally {
        browsers.forEach(ChromeDriver::quit);
      }
    }
  }
}
