package org.circle.support;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What browser tests do again and again on Circle's pages. */
public final class BrowserPages {
  private BrowserPages() {}

  /** Waits up to 15 s; pages re-render live, so an element found a moment ago may be replaced. */
  public static FluentWait<WebDriver> waitIn(ChromeDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(15)).ignoring(StaleElementReferenceException.class);
  }

  /** Opens a page signed in as the person, by giving the browser their session cookie. */
  public static void openAs(ChromeDriver browser, TestServer server, TestAccounts.Person person, String hash) {
    browser.get(server.baseUrl() + "/css/circle.css");
    browser.manage().addCookie(new Cookie("circle_session", person.sessionToken()));
    browser.get(server.baseUrl() + "/" + hash);
  }

  /** Clicks an element once it is there, again if the page re-rendered it in between. */
  public static void click(ChromeDriver browser, By what) {
    waitIn(browser).until(d -> {
      d.findElement(what).click();
      return true;
    });
  }

  public static void waitForText(ChromeDriver browser, By where, String text) {
    waitIn(browser).until(ExpectedConditions.textToBePresentInElementLocated(where, text));
  }

  public static void waitForCard(ChromeDriver browser, String text) {
    waitIn(browser).until(d -> d.findElements(By.cssSelector(".circle-board__text")).stream()
        .anyMatch(e -> e.getText().equals(text)));
  }

  /** Waits until a board page has joined its board live. */
  public static void waitForBoard(ChromeDriver browser) {
    waitForText(browser, By.cssSelector(".circle-board__status"), "Connected");
  }

  /**
   * Sends operations to a board over the WebSocket as {@code person}, as another member's browser
   * would, and returns once every one is acknowledged.
   */
  public static void write(TestServer server, TestAccounts.Person person, String board, java.util.List<io.vertx.core.json.JsonObject> ops) {
    try (BoardClient client = BoardClient.connect(server, person)) {
      client.join(java.util.UUID.fromString(board), "writer-" + java.util.UUID.randomUUID(), null);
      for (int i = 0; i < ops.size(); i++) client.send(BoardClient.op("w" + i, ops.get(i)));
      for (int i = 0; i < ops.size(); i++) {
        io.vertx.core.json.JsonObject answer = client.expect(m -> "ack".equals(m.getString("type")) || "reject".equals(m.getString("type"))
            || "error".equals(m.getString("type")));
        if (!"ack".equals(answer.getString("type"))) throw new AssertionError("not applied: " + answer.encode());
      }
    }
  }

  public static io.vertx.core.json.JsonObject group(String id, String title, String position) {
    return new io.vertx.core.json.JsonObject().put("kind", "group.create").put("group", id).put("title", title).put("position", position);
  }

  public static io.vertx.core.json.JsonObject card(String id, String text, String group, String position) {
    return new io.vertx.core.json.JsonObject().put("kind", "card.create").put("card", id).put("text", text).put("colour", "yellow")
        .put("group", group).put("position", position);
  }

  /** Adds a card with the keyboard alone: type in the New card field, then Ctrl+Enter. */
  public static void addCardByKeyboard(ChromeDriver browser, String text) {
    // The board re-renders as others write, keeping focus and the draft; so type into whatever has
    // focus, as a person does, rather than into an element reference that a re-render replaces.
    click(browser, By.cssSelector("textarea[data-key='new-card-text']"));
    new Actions(browser).sendKeys(text).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
  }
}
