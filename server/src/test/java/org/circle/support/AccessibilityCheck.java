package org.circle.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when a page it visited in the browser has a serious or critical accessibility
 * violation (found by {@link AccessibilityCheckedChrome}). Registered for every test through
 * JUnit's extension auto-detection (META-INF/services), so each browser test gets it without
 * asking; tests that open no browser record nothing and pass through.
 */
public final class AccessibilityCheck implements AfterEachCallback, AfterAllCallback {
  private static final Map<String, String> found = new LinkedHashMap<>();

  static synchronized void record(String page, String url, List<String> violations) {
    found.putIfAbsent(page, url + "\n    " + String.join("\n    ", violations));
  }

  private static synchronized List<String> take() {
    List<String> out = new ArrayList<>(found.values());
    found.clear();
    return out;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    failIfAny();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    failIfAny();
  }

  private static void failIfAny() {
    List<String> pages = take();
    if (!pages.isEmpty()) {
      throw new AssertionError("axe-core found serious or critical accessibility violations on "
          + pages.size() + " page(s):\n  " + String.join("\n  ", pages));
    }
  }
}
