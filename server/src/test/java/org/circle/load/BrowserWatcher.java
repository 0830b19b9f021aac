package org.circle.load;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circle.support.Browsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member watching a board in headless Chromium (1280x900) while others write on it. Measures
 * what that person sees: frames drawn (requestAnimationFrame timestamps in the page), the gaps
 * between them, long tasks, and the main thread's script, style and layout time from the Chrome
 * DevTools Protocol's {@code Performance.getMetrics}.
 */
final class BrowserWatcher implements AutoCloseable {
  /** Installs a fresh probe: every animation frame's timestamp and every long task, until stopped. */
  private static final String START = """
      if (window.__circleBench) window.__circleBench.running = false;
      const b = window.__circleBench = { frames: [], longTaskMs: 0, longTasks: 0, running: true };
      try {
        b.observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) { b.longTaskMs += e.duration; b.longTasks += 1; }
        });
        b.observer.observe({ type: 'longtask' });
      } catch (e) { /* no long-task timing in this browser */ }
      const loop = (t) => { if (!b.running) return; b.frames.push(t); requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
      """;
  private static final String STOP = """
      const b = window.__circleBench;
      b.running = false;
      b.observer?.disconnect();
      return { frames: b.frames, longTaskMs: b.longTaskMs, longTasks: b.longTasks };
      """;

  /** What one measured interval showed. */
  record Frames(double framesPerSecond, double gapP50, double gapP95, double gapMax, double scriptAndLayoutPerFrame,
                double scriptPerFrame, double layoutAndStylePerFrame, double mainThreadBusyPercent, double longTaskPercent,
                int frames, double seconds) {}

  private final ChromeDriver browser;
  private Map<String, Double> metricsAtStart;

  private BrowserWatcher(ChromeDriver browser) {
    this.browser = browser;
  }

  static boolean available() {
    return new File(Browsers.CHROMIUM).canExecute() && new File(Browsers.CHROMEDRIVER).canExecute();
  }

  /** Opens the board signed in as {@code session} and waits until it shows at least {@code cards} cards, live. */
  static BrowserWatcher open(ServerProcess server, CircleApi.Session session, String board, int cards) {
    ChromeDriver browser = Browsers.open();
    try {
      String[] cookie = session.cookie().split("=", 2);
      browser.get(server.baseUrl() + "/css/circle.css");
      browser.manage().addCookie(new Cookie(cookie[0], cookie[1]));
      browser.get(server.baseUrl() + "/#/board/" + board);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.until(d -> d.findElements(By.cssSelector(".circle-board__card")).size() >= cards);
      wait.until(d -> d.findElement(By.cssSelector(".circle-board__status")).getText().contains("Connected"));
      browser.executeCdpCommand("Performance.enable", Map.of("timeDomain", "timeTicks"));
      return new BrowserWatcher(browser);
    } catch (RuntimeException e) {
      browser.quit();
      throw e;
    }
  }

  void startMeasuring() {
    browser.executeScript(START);
    metricsAtStart = metrics();
  }

  @SuppressWarnings("unchecked")
  Frames stopMeasuring() {
    Map<String, Object> probe = (Map<String, Object>) browser.executeScript(STOP);
    Map<String, Double> end = metrics();
    List<Double> frames = new ArrayList<>();
    for (Object t : (List<Object>) probe.get("frames")) frames.add(((Number) t).doubleValue());
    if (frames.size() < 2) throw new IllegalStateException("The page drew fewer than 2 frames while measured");
    double[] gaps = new double[frames.size() - 1];
    for (int i = 1; i < frames.size(); i++) gaps[i - 1] = frames.get(i) - frames.get(i - 1);
    java.util.Arrays.sort(gaps);
    double seconds = (frames.get(frames.size() - 1) - frames.get(0)) / 1000;
    double script = delta(end, "ScriptDuration") * 1000;
    double layoutAndStyle = (delta(end, "LayoutDuration") + delta(end, "RecalcStyleDuration")) * 1000;
    double wall = delta(end, "Timestamp");
    int n = gaps.length;
    return new Frames(n / seconds, percentile(gaps, 50), percentile(gaps, 95), gaps[n - 1], (script + layoutAndStyle) / n,
        script / n, layoutAndStyle / n, delta(end, "TaskDuration") * 100 / wall,
        ((Number) probe.get("longTaskMs")).doubleValue() / 10 / seconds, n, seconds);
  }

  /** Whether the page still says it is connected (it kept up rather than being cut off as a slow reader). */
  boolean connected() {
    return browser.findElement(By.cssSelector(".circle-board__status")).getText().contains("Connected");
  }

  @Override
  public void close() {
    browser.quit();
  }

  private double delta(Map<String, Double> end, String name) {
    return end.getOrDefault(name, Double.NaN) - metricsAtStart.getOrDefault(name, Double.NaN);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Double> metrics() {
    Map<String, Object> answer = browser.executeCdpCommand("Performance.getMetrics", Map.of());
    Map<String, Double> out = new java.util.HashMap<>();
    for (Object o : (List<Object>) answer.get("metrics")) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
    }
    return out;
  }

  private static double percentile(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }
}
