package org.circle.browser;

import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** Once co-design has begun, the mandate belongs to the group too. */
class MandateChangeBrowserTest {

  @Test
  @DisplayName("A sponsor's change to the mandate does not come into force alone: members see it at the top of their page, live, with what would change")
  void sponsorsChangeIsAProposal() {
    try (TestServer server = TestServer.start()) {
      CommunityScenario c = new CommunityScenario(server, 1).inCodesign();
      String page = "#/community/" + c.community;
      ChromeDriver sponsor = Browsers.open();
      ChromeDriver member = Browsers.open();
      try {
        openAs(member, server, c.participants.get(0), page);
        waitForText(member, By.tagName("h1"), "Duty social workers");
        openAs(sponsor, server, c.sponsor, page);
        waitForText(sponsor, By.tagName("h1"), "Duty social workers");

        click(sponsor, By.xpath("//span[text()='Propose a change to the mandate']"));
        By form = By.cssSelector("form[aria-label='Edit the mandate']");
        WebElement field = sponsor.findElement(form).findElement(By.name("notPerformance"));
        field.clear();
        field.sendKeys("Themes may inform appraisal where relevant.");
        sponsor.findElement(form).findElement(By.cssSelector("button[type=submit]")).click();
        click(sponsor, By.xpath("//button[text()='Sign off version 2']"));
        waitForText(sponsor, By.id("mandate-proposal"), "Waiting for the facilitator to agree");

        // The member's open page shows it at once, at the top, and says what is still in force.
        waitForText(member, By.id("mandate-proposal-banner"), "A change to the mandate is proposed (version 2). It is not in force");
        waitForText(member, By.id("mandate-status"), "In force: Version 1");
        WebElement proposal = member.findElement(By.id("mandate-proposal"));
        assertTrue(proposal.getText().contains("Added: Themes may inform appraisal where relevant."), proposal.getText());
        assertTrue(proposal.getText().contains("Removed: Nothing here feeds performance management."), proposal.getText());
        assertTrue(member.findElement(By.tagName("main")).getText().contains("Nothing here feeds performance management."),
            "the text in force is shown");
        assertEquals(1, c.as(c.participants.get(0)).get(c.path("/mandate")).json().getInteger("inForce"));
        member.findElement(By.linkText("Read the proposed change")).click();
        Browsers.screenshot(member, "mandate-proposal-member");

        // The facilitator agrees; the member is asked, objects with a reason, and the signed version stays.
        assertEquals(200, c.as(c.facilitator).post(c.path("/mandate/agree"), new JsonObject().put("version", 2)).status());
        waitForText(member, By.id("mandate-proposal-banner"), "Your answer is needed");
        By answer = By.cssSelector("#mandate-proposal form[aria-label='Answer the consent round']");
        waitIn(member).ignoring(StaleElementReferenceException.class).until(d -> {
          WebElement f = d.findElement(answer);
          f.findElement(By.cssSelector("input[value='object']")).click();
          WebElement note = f.findElement(By.name("note"));
          note.clear();
          note.sendKeys("Our words must never reach appraisals");
          f.findElement(By.cssSelector("button[type=submit]")).click();
          return true;
        });
        waitForText(member, By.id("mandate-proposal"), "Participant 1 (you) objects: Our words must never reach appraisals");
        waitForText(member, By.id("mandate-proposal"), "An objection blocks this");
        assertEquals(1, c.as(c.sponsor).get(c.path("/mandate")).json().getInteger("inForce"));
        Browsers.assertEveryControlLabelled(member);
        Browsers.screenshot(member, "mandate-proposal-objection");
      } finally {
        sponsor.quit();
        member.quit();
      }
    }
  }
}
