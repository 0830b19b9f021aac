package org.circle.support;

import com.deque.html.axecore.args.AxeRuleOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Chromium that runs axe-core (Deque's, bundled with its Selenium integration; nothing is
 * downloaded) on every page of Circle a test visits, and records each serious or critical
 * violation for {@link AccessibilityCheck} to fail the test with.
 *
 * <p>Circle is one page with hash routes, so a "page" is what the person sees: the route, the
 * title and the section headings. A page is checked once it has stayed the same for a moment
 * while the test looks for something on it, and when the test leaves it ({@code get}) or ends
 * ({@code quit}). Each page is checked once per browser.
 */
public final class AccessibilityCheckedChrome extends ChromeDriver {
  /** How long a page must stay the same before it is checked: long enough to finish rendering. */
  private static final long SETTLED_MS = 300;
  /** Violations of these impacts fail a test. */
  private static final Set<String> FAILING = Set.of("serious", "critical");
  /** Off by default in axe as "experimental", and the one issue 12 found: a button's spoken name starts with its visible words. */
  private static final List<String> EXTRA_RULES = List.of("label-content-name-mismatch");
  private static final String PAGE_KEY = """
      if (!document.getElementById('app')) return null;
      const norm = (t) => t.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\\d+/g, '#').trim();
      const heads = [...document.querySelectorAll('h1, h2, h3')].map(e => norm(e.textContent)).join('|');
      return norm(location.hash) + ' ' + norm(document.title) + ' ' + heads;
      """;

  private final Set<String> checked = new HashSet<>();
  private String seen;
  private long seenSince;
  private boolean checking;

  AccessibilityCheckedChrome(ChromeDriverService service, ChromeOptions options) {
    super(service, options);
  }

  @Override
  public void get(String url) {
    checkNow();
    super.get(url);
  }

  @Override
  public WebElement findElement(By by) {
    checkIfSettled();
    return super.findElement(by);
  }

  @Override
  public List<WebElement> findElements(By by) {
    checkIfSettled();
    return super.findElements(by);
  }

  @Override
  public void quit() {
    try {
      checkNow();
    } finally {
      super.quit();
    }
  }

  /** Checks the page shown now, if it has not been checked yet. */
  public void checkNow() {
    String key = pageKey();
    if (key != null) check(key);
  }

  private void checkIfSettled() {
    if (checking) return;
    String key = pageKey();
    long now = System.currentTimeMillis();
    if (key == null) return;
    if (!key.equals(seen)) {
      seen = key;
      seenSince = now;
    } else if (now - seenSince >= SETTLED_MS) {
      check(key);
    }
  }

  private String pageKey() {
    if (checking) return null;
    try {
      Object key = executeScript(PAGE_KEY);
      return key instanceof String s ? s : null;
    } catch (WebDriverException e) {
      return null;
    }
  }

  private void check(String key) {
    if (checked.contains(key) || checking) return;
    checking = true;
    try {
      AxeRunOptions options = new AxeRunOptions();
      AxeRuleOptions on = new AxeRuleOptions();
      on.setEnabled(true);
      options.setRules(Map.of(EXTRA_RULES.get(0), on));
      Results results = new AxeBuilder().withOptions(options).disableIframeTesting().analyze(this);
      checked.add(key);
      List<String> found = new ArrayList<>();
      for (Rule rule : results.getViolations()) {
        if (rule.getImpact() == null || !FAILING.contains(rule.getImpact())) continue;
        List<CheckedNode> nodes = rule.getNodes();
        StringBuilder line = new StringBuilder(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp());
        for (CheckedNode node : nodes.subList(0, Math.min(3, nodes.size()))) {
          line.append("\n      ").append(node.getTarget()).append("  ").append(abbreviate(node.getHtml()));
        }
        found.add(line.toString());
      }
      if (!found.isEmpty()) AccessibilityCheck.record(key, getCurrentUrl(), found);
    } catch (RuntimeException e) {
      // The page went away while axe ran (the test moved on); it is checked again when seen again.
    } finally {
      checking = false;
    }
  }

  private static String abbreviate(String html) {
    return html == null ? "" : html.length() > 160 ? html.substring(0, 160) + "…" : html;
  }
}
