package org.circle.browser;

import static org.circle.support.BrowserPages.card;
import static org.circle.support.BrowserPages.click;
import static org.circle.support.BrowserPages.group;
import static org.circle.support.BrowserPages.openAs;
import static org.circle.support.BrowserPages.waitForBoard;
import static org.circle.support.BrowserPages.waitForCard;
import static org.circle.support.BrowserPages.waitForText;
import static org.circle.support.BrowserPages.waitIn;
import static org.circle.support.BrowserPages.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.circle.support.Browsers;
import org.circle.support.CommunityScenario;
import org.circle.support.People;
import org.circle.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The board as a board: laid out across the screen, worked with the keyboard alone or by dragging, read-only when it must be. */
class BoardScreenBrowserTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A community in co-design with a board of three groups and ten cards written by Participant 2; the board's id. */
  private static String tenCardBoard(CommunityScenario c) {
    String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Discharges that went wrong")).json().getString("id");
    write(server, c.participants.get(1), board, List.of(
        group("g-referrals", "Referrals", "V"), group("g-discharge", "Discharge", "k"), group("g-ideas", "Ideas", "s"),
        card("c1", "We rushed the discharge", "g-referrals", "V"),
        card("c2", "Nobody asked the family", "g-referrals", "k"),
        card("c3", "The form had no room for doubt", "g-referrals", "s"),
        card("c4", "Weekend handovers lose detail", "g-discharge", "V"),
        card("c5", "Pharmacy was not told", "g-discharge", "k"),
        card("c6", "Talk before the visit", "g-ideas", "V"),
        card("c7", "A second pair of eyes on closures", "g-ideas", "k"),
        card("c8", "Name the uncertainty in the notes", "g-ideas", "s"),
        card("c9", "Too many cases this month", null, "V"),
        card("c10", "I was not sure whom to ask", null, "k")));
    return board;
  }

  private static String columnOf(ChromeDriver browser, String cardId) {
    return (String) browser.executeScript(
        "return document.querySelector(`.circle-board__card[data-card='${arguments[0]}']`)?.closest('.circle-board__column')?.dataset.group ?? null",
        cardId);
  }

  private static String focusedCard(ChromeDriver browser) {
    return (String) browser.executeScript("return document.activeElement?.closest('.circle-board__card')?.dataset.card ?? null");
  }

  /** Presses Tab until a card has focus, as a keyboard user reaches the board; returns that card's id. */
  private static void tabToCard(ChromeDriver browser, String cardId) {
    for (int i = 0; i < 60 && !cardId.equals(focusedCard(browser)); i++) new Actions(browser).sendKeys(Keys.TAB).perform();
    assertEquals(cardId, focusedCard(browser), "Tab reaches the card");
    assertEquals("LI", browser.switchTo().activeElement().getTagName().toUpperCase(), "the card itself is the Tab stop");
  }

  private static void press(ChromeDriver browser, CharSequence... keys) {
    new Actions(browser).sendKeys(keys).perform();
  }

  private static long moves(String board) {
    return new People(server.db()).count("SELECT count(*) FROM board_event WHERE board_id = ?::uuid AND op->>'kind' = 'card.move'", board);
  }

  @Test
  @DisplayName("At 1280x800 the first screen shows the groups side by side with their cards; a phone shows one group at a time; an idle board draws nothing")
  void layoutOnDesktopAndPhone() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    ChromeDriver ada = Browsers.open();
    try {
      ada.manage().window().setSize(new Dimension(1280, 800));
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitForCard(ada, "Name the uncertainty in the notes");
      @SuppressWarnings("unchecked")
      Map<String, Object> screen = (Map<String, Object>) ada.executeScript("""
          const columns = [...document.querySelectorAll('.circle-board__column')].map(c => c.getBoundingClientRect());
          const cards = [...document.querySelectorAll('.circle-board__card')].map(c => c.getBoundingClientRect());
          return { height: innerHeight, width: innerWidth, scrolled: scrollY,
            fullyShown: cards.filter(r => r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth).length,
            firstCardsShown: [...document.querySelectorAll('.circle-board__cards')].map(l => l.firstElementChild?.getBoundingClientRect())
              .filter(r => r && r.bottom <= innerHeight && r.right <= innerWidth).length,
            columnsInFirstRow: columns.filter(r => Math.abs(r.top - columns[0].top) < 2 && r.right <= innerWidth).length,
            boardWidth: document.querySelector('.circle-board__scroller').getBoundingClientRect().width };
          """);
      Browsers.screenshot(ada, "board-1280x800");
      assertEquals(0L, ((Number) screen.get("scrolled")).longValue());
      assertTrue(((Number) screen.get("firstCardsShown")).intValue() == 4, "each group's first card is on the first screen: " + screen);
      assertTrue(((Number) screen.get("fullyShown")).intValue() >= 6, "cards fully on the first screen: " + screen);
      assertEquals(4, ((Number) screen.get("columnsInFirstRow")).intValue(), "four columns side by side: " + screen);
      assertTrue(((Number) screen.get("boardWidth")).doubleValue() > 1100, "the board takes the window's width, not a 960 px column: " + screen);
      Browsers.assertEveryControlLabelled(ada);

      // Nothing changes, so nothing is drawn: no style or layout work while the board is idle.
      ada.executeCdpCommand("Performance.enable", Map.of());
      waitIn(ada).until(d -> stillFor(ada, java.time.Duration.ofMillis(1500)));

      // A phone: one group at a time, switched under "Show group".
      ada.manage().window().setSize(new Dimension(390, 844));
      waitIn(ada).until(d -> visibleColumns(ada) == 1);
      Select show = new Select(ada.findElement(By.cssSelector("select[data-key='show-group']")));
      assertTrue(ada.findElement(By.cssSelector("select[data-key='show-group']")).isDisplayed());
      show.selectByVisibleText("Ideas (3)");
      waitIn(ada).until(d -> visibleColumns(ada) == 1
          && d.findElements(By.cssSelector(".circle-board__column[data-group='g-ideas'] .circle-board__card")).stream().allMatch(WebElement::isDisplayed));
      assertTrue(ada.findElements(By.cssSelector(".circle-board__column[data-group='g-referrals'] .circle-board__card")).stream().noneMatch(WebElement::isDisplayed));
      Browsers.assertEveryControlLabelled(ada);
      Browsers.screenshot(ada, "board-phone");
      assertEquals(Boolean.TRUE, ada.executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
          "nothing wider than the phone's screen");
      ada.findElement(By.cssSelector(".circle-board__column[data-group='g-ideas'] .circle-board__card")).click();
      Browsers.screenshot(ada, "board-phone-cards");
    } finally {
      ada.quit();
    }
  }

  /** True when the page does no style or layout work for {@code quiet}: it waits for a change that should not come. */
  private static boolean stillFor(ChromeDriver browser, java.time.Duration quiet) {
    double before = layoutWork(browser);
    try {
      new org.openqa.selenium.support.ui.WebDriverWait(browser, quiet, java.time.Duration.ofMillis(100))
          .until(d -> layoutWork(browser) != before);
      return false;
    } catch (org.openqa.selenium.TimeoutException stayedStill) {
      return true;
    }
  }

  private static double layoutWork(ChromeDriver browser) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> metrics = (List<Map<String, Object>>) browser.executeCdpCommand("Performance.getMetrics", Map.of()).get("metrics");
    return metrics.stream().filter(m -> m.get("name").equals("LayoutCount") || m.get("name").equals("RecalcStyleCount"))
        .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).sum();
  }

  private static int visibleColumns(ChromeDriver browser) {
    return (int) browser.findElements(By.cssSelector(".circle-board__column")).stream().filter(WebElement::isDisplayed).count();
  }

  @Test
  @DisplayName("Ten cards are ten Tab stops, plus the board's own controls; arrow keys move inside a card and between cards")
  void oneTabStopPerCard() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    ChromeDriver ada = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitForCard(ada, "I was not sure whom to ask");
      ada.findElement(By.tagName("h1")).click();
      List<String> stops = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        press(ada, Keys.TAB);
        String where = (String) ada.executeScript("""
            const el = document.activeElement;
            if (!el || !document.getElementById('main-content').contains(el)) return null;
            const card = el.closest('.circle-board__card');
            return card ? 'card ' + card.dataset.card : (el.dataset.key || el.tagName.toLowerCase() + ' ' + (el.id || el.textContent.trim()));
            """);
        if (where == null) break;
        stops.add(where);
      }
      List<String> cardStops = stops.stream().filter(s -> s.startsWith("card ")).toList();
      assertEquals(10, cardStops.size(), "one Tab stop per card: " + stops);
      assertEquals(10, new LinkedHashSet<>(cardStops).size(), "each card once: " + stops);
      // The board's own controls: add a card (text, colour, group, button), add a group (name, button), the keyboard help,
      // one Options menu per column.
      assertTrue(stops.size() <= 10 + 6 + 1 + 4, "Tab stops on the page: " + stops);

      // Inside a card: Right goes to its buttons, Down to the card below, and the card keeps one Tab stop.
      tabToCard(ada, "c1");
      press(ada, Keys.ARROW_RIGHT);
      assertEquals("vote-c1", ada.switchTo().activeElement().getDomAttribute("data-key"));
      press(ada, Keys.ARROW_RIGHT);
      assertEquals("comments-c1", ada.switchTo().activeElement().getDomAttribute("data-key"));
      press(ada, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_DOWN);
      assertEquals("c2", focusedCard(ada));
      assertEquals("card-c2", ada.switchTo().activeElement().getDomAttribute("data-key"));
    } finally {
      ada.quit();
    }
  }

  @Test
  @DisplayName("A card moves to another group with the keyboard alone: picked up with Space, or from its Actions menu, whose arrow keys only choose")
  void keyboardMovesCardBetweenGroups() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    ChromeDriver ada = Browsers.open();
    ChromeDriver bo = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      openAs(bo, server, c.participants.get(1), "#/board/" + board);
      waitForBoard(ada);
      waitForBoard(bo);
      waitForCard(ada, "We rushed the discharge");
      ada.findElement(By.tagName("h1")).click();
      tabToCard(ada, "c1");

      // Space picks it up, Right carries it to the next group, Down one place lower, Space puts it down.
      press(ada, " ");
      waitIn(ada).until(d -> d.findElement(By.cssSelector("[data-card='c1']")).getDomAttribute("class").contains("circle-board__card--moving"));
      press(ada, Keys.ARROW_RIGHT);
      waitIn(ada).until(d -> "g-discharge".equals(columnOf(ada, "c1")));
      Browsers.screenshot(ada, "board-carrying");
      assertEquals(0L, moves(board), "nothing is sent while the card is carried");
      press(ada, Keys.ARROW_DOWN, " ");
      waitIn(bo).until(d -> "g-discharge".equals(columnOf(bo, "c1")));
      assertEquals(1L, moves(board));
      assertEquals(List.of("c4", "c1", "c5"), cardsIn(bo, "g-discharge"));
      assertEquals("c1", focusedCard(ada), "focus stays on the card it moved");

      // The Actions menu: the first arrow key moves through the menu, not the card.
      press(ada, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
      assertEquals("actions-c1", ada.switchTo().activeElement().getDomAttribute("data-key"));
      press(ada, Keys.ENTER);
      waitIn(ada).until(d -> "menuitem".equals(d.switchTo().activeElement().getDomAttribute("role")));
      press(ada, Keys.ARROW_DOWN);
      press(ada, Keys.ARROW_DOWN);
      Browsers.screenshot(ada, "board-menu");
      assertEquals("g-discharge", columnOf(ada, "c1"));
      assertEquals(1L, moves(board), "choosing in the menu moves nothing");
      for (int i = 0; i < 10 && !"Move to Referrals".equals(ada.switchTo().activeElement().getText()); i++) press(ada, Keys.ARROW_DOWN);
      assertEquals("Move to Referrals", ada.switchTo().activeElement().getText());
      press(ada, Keys.ENTER);
      waitIn(bo).until(d -> "g-referrals".equals(columnOf(bo, "c1")));
      assertEquals(2L, moves(board));
      assertEquals("c1", focusedCard(ada));
      Browsers.assertEveryControlLabelled(ada);
    } finally {
      ada.quit();
      bo.quit();
    }
  }

  private static List<String> cardsIn(ChromeDriver browser, String group) {
    return browser.findElements(By.cssSelector(".circle-board__column[data-group='" + group + "'] .circle-board__card"))
        .stream().map(e -> e.getDomAttribute("data-card")).toList();
  }

  @Test
  @DisplayName("A card is dragged by its middle to a group out of sight: the board scrolls sideways while the card is held at its edge")
  void dragAnywhereOnCard() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    List<JsonObject> more = new ArrayList<>();
    for (int g = 0; g < 6; g++) more.add(group("g-more" + g, "More " + g, "t" + (char) ('A' + g)));
    write(server, c.participants.get(1), board, more);
    ChromeDriver ada = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitIn(ada).until(d -> d.findElements(By.cssSelector(".circle-board__column")).size() == 10);
      WebElement target = ada.findElement(By.cssSelector(".circle-board__column[data-group='g-more5']"));
      assertFalse((Boolean) ada.executeScript("const r = arguments[0].getBoundingClientRect(); return r.right <= innerWidth", target),
          "the last group starts out of sight");
      WebElement text = ada.findElement(By.cssSelector("[data-card='c3'] .circle-board__text"));
      WebElement scroller = ada.findElement(By.cssSelector(".circle-board__scroller"));
      int edge = scroller.getRect().getWidth() / 2 - 8;
      new Actions(ada).moveToElement(text).clickAndHold().moveByOffset(20, 0).moveToElement(scroller, edge, 0).perform();
      waitIn(ada).until(d -> (Boolean) ada.executeScript("const r = arguments[0].getBoundingClientRect(); return r.right <= innerWidth", target));
      new Actions(ada).moveToElement(target.findElement(By.cssSelector(".circle-board__cards"))).release().perform();
      waitIn(ada).until(d -> "g-more5".equals(columnOf(ada, "c3")));
      waitIn(ada).until(d -> moves(board) == 1);
    } finally {
      ada.quit();
    }
  }

  @Test
  @DisplayName("Each person sees the votes they have left; 'used all your votes' goes once one is taken back; a group sorts by votes")
  void votesLeftAndSortByVotes() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = c.as(c.facilitator).post(c.path("/boards"), new JsonObject().put("title", "Where to start").put("voteBudget", 2))
        .json().getString("id");
    write(server, c.participants.get(1), board, List.of(group("g-referrals", "Referrals", "V"),
        card("c1", "We rushed the discharge", "g-referrals", "V"), card("c2", "Nobody asked the family", "g-referrals", "k"),
        card("c3", "The form had no room for doubt", "g-referrals", "s")));
    ChromeDriver ada = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitForText(ada, By.cssSelector(".circle-board__votes"), "You have 2 of 2 votes left.");
      click(ada, By.cssSelector("button[aria-label='Vote for card \"The form had no room for doubt\"']"));
      waitForText(ada, By.cssSelector(".circle-board__votes"), "You have 1 of 2 votes left.");
      click(ada, By.cssSelector("button[aria-label='Vote for card \"The form had no room for doubt\"']"));
      waitForText(ada, By.cssSelector(".circle-board__votes"), "You have used all your votes. Take one back to vote again.");
      waitForText(ada, By.cssSelector(".circle-board__status"), "All changes saved");
      assertEquals("true", ada.findElement(By.cssSelector("button[data-key='vote-c1']")).getDomAttribute("aria-disabled"));
      // A vote with none left is not sent to be refused: the page says why instead.
      click(ada, By.cssSelector("button[data-key='vote-c1']"));
      waitIn(ada).until(d -> d.findElements(By.cssSelector("[role='status']")).stream()
          .anyMatch(e -> e.getDomProperty("textContent").contains("You have used all your votes. Take one back to vote again.")));
      assertEquals("Connected. All changes saved.", ada.findElement(By.cssSelector(".circle-board__status")).getText().replace("● ", ""));

      // Sorted by votes, the most voted card comes first for this person only.
      click(ada, By.cssSelector("button[aria-label='Options for group Referrals']"));
      click(ada, By.cssSelector("button[role='menuitem'][aria-label='Sort by votes the cards of group Referrals']"));
      waitIn(ada).until(d -> cardsIn(ada, "g-referrals").equals(List.of("c3", "c1", "c2")));
      waitForText(ada, By.cssSelector(".circle-board__column[data-group='g-referrals']"), "Sorted by votes");

      // One vote back: the message goes, and voting works again.
      click(ada, By.cssSelector("button[aria-label='Actions for card \"The form had no room for doubt\"']"));
      click(ada, By.cssSelector("button[role='menuitem'][aria-label='Remove my vote from card \"The form had no room for doubt\"']"));
      waitForText(ada, By.cssSelector(".circle-board__votes"), "You have 1 of 2 votes left.");
      assertTrue(ada.findElements(By.xpath("//*[contains(text(), 'used all your votes')]")).isEmpty());
      assertEquals(null, ada.findElement(By.cssSelector("button[data-key='vote-c1']")).getDomAttribute("aria-disabled"));
      click(ada, By.cssSelector("button[data-key='vote-c2']"));
      waitIn(ada).until(d -> cardsIn(ada, "g-referrals").equals(List.of("c2", "c3", "c1")));
      Browsers.assertEveryControlLabelled(ada);
    } finally {
      ada.quit();
    }
  }

  @Test
  @DisplayName("A locked board, and every board of an archived community, show no control that cannot work")
  void readOnlyBoards() {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    write(server, c.facilitator, board, List.of(new JsonObject().put("kind", "board.lock").put("locked", true)));
    ChromeDriver ada = Browsers.open();
    ChromeDriver fran = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitIn(ada).until(d -> d.findElement(By.cssSelector(".circle-board__notice")).getText().contains("locked this board"));
      assertNoEditControls(ada);
      Browsers.screenshot(ada, "board-locked");
      // Enter and Space on a card do nothing on a read-only board.
      ada.findElement(By.tagName("h1")).click();
      tabToCard(ada, "c1");
      press(ada, Keys.ENTER, " ");
      assertTrue(ada.findElements(By.cssSelector("textarea[data-key^='editor-'], .circle-board__card--moving")).isEmpty());

      // The facilitator may still write on a locked board, and sees the controls to do so.
      openAs(fran, server, c.facilitator, "#/board/" + board);
      waitForBoard(fran);
      waitIn(fran).until(d -> d.findElement(By.cssSelector("button[data-key='lock']")).getText().equals("Unlock the board"));
      assertTrue(fran.findElement(By.cssSelector("textarea[data-key='new-card-text']")).isDisplayed());

      // Archived: nobody writes, not even the facilitator, and nothing offers to.
      assertEquals(200, c.as(c.facilitator).put(c.path("/phase"), new JsonObject().put("phase", "archived")).status());
      fran.navigate().refresh();
      waitForBoard(fran);
      waitIn(fran).until(d -> d.findElement(By.cssSelector(".circle-board__notice")).getText().contains("archived"));
      assertNoEditControls(fran);
      assertTrue(fran.findElements(By.cssSelector("button[data-key='lock']")).stream().noneMatch(WebElement::isDisplayed));
    } finally {
      ada.quit();
      fran.quit();
    }
  }

  private static void assertNoEditControls(ChromeDriver browser) {
    waitForCard(browser, "We rushed the discharge");
    List<String> shown = browser.findElements(By.cssSelector(
        "textarea, input, button[data-key^='vote-'], button[data-key^='actions-'], button[data-key='add-card'], button[data-key='add-group']"))
        .stream().filter(WebElement::isDisplayed).map(e -> e.getTagName() + " " + e.getDomAttribute("data-key")).toList();
    assertEquals(List.of(), shown, "controls that cannot work on a read-only board");
    click(browser, By.cssSelector("button[aria-label='Options for group Referrals']"));
    List<String> items = browser.findElements(By.cssSelector("[role='menuitem']")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("Sort by votes"), items, "only what works on a read-only board");
    press(browser, Keys.ESCAPE);
  }

  @Test
  @DisplayName("Typing in a card keeps its caret, text and focus while another member edits, adds and moves cards around it")
  void typingKeepsCaretThroughRemoteUpdates() throws Exception {
    CommunityScenario c = new CommunityScenario(server, 2).inCodesign();
    String board = tenCardBoard(c);
    write(server, c.participants.get(0), board, List.of(card("mine", "Half a thought", "g-referrals", "z")));
    ChromeDriver ada = Browsers.open();
    try {
      openAs(ada, server, c.participants.get(0), "#/board/" + board);
      waitForBoard(ada);
      waitForCard(ada, "Half a thought");
      ada.findElement(By.tagName("h1")).click();
      tabToCard(ada, "mine");
      press(ada, Keys.ENTER);
      waitIn(ada).until(d -> "editor-mine".equals(d.switchTo().activeElement().getDomAttribute("data-key")));
      press(ada, " about discharges");
      press(ada, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT);

      // Another member edits every other card, adds cards above this one and moves one below it, while Ada types.
      List<JsonObject> ops = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (int i = 2; i <= 10; i++) ops.add(new JsonObject().put("kind", "card.text").put("card", "c" + i).put("text", "Edit " + round + " of card " + i));
      }
      for (int i = 0; i < 5; i++) ops.add(card("above" + i, "Added above " + i, "g-referrals", "V" + (i + 1)));
      ops.add(new JsonObject().put("kind", "card.move").put("card", "c6").put("group", "g-referrals").put("position", "zV"));
      ops.add(new JsonObject().put("kind", "card.text").put("card", "c10").put("text", "The last remote edit"));
      CompletableFuture<Void> remote = CompletableFuture.runAsync(() -> write(server, c.participants.get(1), board, ops));
      for (char ch : "-and-".toCharArray()) press(ada, String.valueOf(ch));
      remote.get();
      waitForCard(ada, "The last remote edit");
      waitIn(ada).until(d -> "g-referrals".equals(columnOf(ada, "c6")));
      assertEquals(List.of("c1", "above0", "above1", "above2", "above3", "above4", "c2", "c3", "mine", "c6"), cardsIn(ada, "g-referrals"));

      WebElement editor = ada.switchTo().activeElement();
      assertEquals("editor-mine", editor.getDomAttribute("data-key"), "focus stays in the card being written");
      assertEquals("Half a thought about disch-and-arges", editor.getDomProperty("value"));
      String expectedCaret = String.valueOf("Half a thought about disch-and-".length());
      assertEquals(expectedCaret, editor.getDomProperty("selectionStart"), "the caret stays where Ada was typing");
      assertEquals(expectedCaret, editor.getDomProperty("selectionEnd"));
      press(ada, "!");
      assertEquals("Half a thought about disch-and-!arges", ada.switchTo().activeElement().getDomProperty("value"));
      Set<String> seen = new LinkedHashSet<>(cardsIn(ada, "g-ideas"));
      assertEquals(Set.of("c7", "c8"), seen);
    } finally {
      ada.quit();
    }
  }
}
