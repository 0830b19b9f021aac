package org.circle.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.circle.support.Browsers;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A member watching a board in headless Chromium (1280x900) while others write on it. Measures
 * what that person sees: frames drawn (requestAnimationFrame timestamps in the page), the gaps
 * between them, long tasks, and the page's script, style and layout time from the Chrome
 * DevTools Protocol's {@code Performance.getMetrics}.
 *
 * <p>A page that cannot keep up answers nothing until it has worked through what it received, so
 * the probe is installed while the page is idle, records wall-clock times, and is read only after
 * the load has stopped; the time the page then needs to catch up is reported too.
 */
final class BrowserWatcher implements AutoCloseable {
  /** Installs the probe: every animation frame's time (ms since the epoch) and every long task, until read. */
  private static final String INSTALL = """
      const b = window.__circleBench = { frames: [], longTasks: [], running: true };
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) b.longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
        }).observe({ type: 'longtask' });
      } catch (e) { /* no long-task timing in this browser */ }
      const loop = (t) => { if (!b.running) return; b.frames.push(performance.timeOrigin + t); requestAnimationFrame(loop); };
      requestAnimationFrame(loop);
      """;
  private static final String READ = """
      const b = window.__circleBench;
      b.running = false;
      return { frames: b.frames, longTasks: b.longTasks, now: performance.timeOrigin + performance.now() };
      """;
  private static final Duration PATIENCE = Duration.ofMinutes(20);

  /** What one measured interval showed. */
  record Frames(double framesPerSecond, double gapP50, double gapP95, double gapMax, double scriptAndLayoutPerFrame,
                double scriptPerFrame, double layoutAndStylePerFrame, double tasksPerFrame, double longTaskPercent,
                double catchUpSeconds, int frames, double seconds) {}

  private final ChromeDriver browser;
  private Map<String, Double> metricsAtStart;
  private long loadStarted;
  private boolean profiling;

  private BrowserWatcher(ChromeDriver browser) {
    this.browser = browser;
  }

  static boolean available() {
    return new File(Browsers.CHROMIUM).canExecute() && new File(Browsers.CHROMEDRIVER).canExecute();
  }

  /** Opens the board signed in as {@code session} and waits until it shows at least {@code cards} cards, live. */
  static BrowserWatcher open(ServerProcess server, CircleApi.Session session, String board, int cards) {
    ChromeDriver browser = chromium();
    try {
      String[] cookie = session.cookie().split("=", 2);
      browser.get(server.baseUrl() + "/css/circle.css");
      browser.manage().addCookie(new Cookie(cookie[0], cookie[1]));
      browser.get(server.baseUrl() + "/#/board/" + board);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
      wait.until(d -> d.findElements(By.cssSelector(".circle-board__card")).size() >= cards);
      wait.until(d -> d.findElement(By.cssSelector(".circle-board__status")).getText().contains("Connected"));
      browser.executeCdpCommand("Performance.enable", Map.of("timeDomain", "timeTicks"));
      return new BrowserWatcher(browser);
    } catch (RuntimeException e) {
      browser.quit();
      throw e;
    }
  }

  /** An idle board: its style and layout passes a second (it should draw nothing), then what the probe's frames alone cost. */
  record Idle(double layoutsPerSecond, double tasksPerFrame) {}

  @SuppressWarnings("unchecked")
  Idle idle(int seconds) {
    Map<String, Double> before = metrics();
    ServerProcess.sleep(seconds * 1000L);
    Map<String, Double> after = metrics();
    double passes = 0;
    for (String name : List.of("LayoutCount", "RecalcStyleCount")) passes += after.getOrDefault(name, 0.0) - before.getOrDefault(name, 0.0);
    // The same probe as under load, on the idle board: the cost of drawing frames at all on this machine now.
    browser.executeScript(INSTALL);
    Map<String, Double> probed = metrics();
    ServerProcess.sleep(seconds * 1000L);
    Map<String, Double> end = metrics();
    int frames = ((List<Object>) ((Map<String, Object>) browser.executeScript(READ)).get("frames")).size();
    double tasks = (end.getOrDefault("TaskDuration", 0.0) - probed.getOrDefault("TaskDuration", 0.0)) * 1000;
    return new Idle(passes / seconds, tasks / Math.max(1, frames));
  }

  /** Call while the page is idle, just before the load starts; with {@code profile}, the page's JavaScript is profiled too. */
  void loadStarting(boolean profile) {
    browser.executeScript(INSTALL);
    if (profile) {
      browser.executeCdpCommand("Profiler.enable", Map.of());
      browser.executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 500));
      browser.executeCdpCommand("Profiler.start", Map.of());
      profiling = true;
    }
    metricsAtStart = metrics();
    loadStarted = System.currentTimeMillis();
  }

  /** Writes the page's JavaScript profile (a .cpuprofile for Chrome DevTools) when one was taken. */
  @SuppressWarnings("unchecked")
  void saveProfile(Path file) {
    if (!profiling) return;
    Object profile = browser.executeCdpCommand("Profiler.stop", Map.of()).get("profile");
    try {
      Files.writeString(file, new io.vertx.core.json.JsonObject((Map<String, Object>) profile).encode());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Call once the load has stopped; {@code from} and {@code to} (ms since the epoch) bound the
   * measured interval. Waits for the page to catch up.
   */
  @SuppressWarnings("unchecked")
  Frames loadStopped(long from, long to) {
    Map<String, Object> probe = (Map<String, Object>) browser.executeScript(READ);
    Map<String, Double> end = metrics();
    double answered = ((Number) probe.get("now")).doubleValue();
    List<Double> all = new ArrayList<>();
    for (Object t : (List<Object>) probe.get("frames")) all.add(((Number) t).doubleValue());
    List<Double> frames = all.stream().filter(t -> t >= from && t <= to).toList();
    double seconds = (to - from) / 1000.0;
    // The gaps in the interval, counting from its start and to its end, so a page that draws nothing shows it.
    List<Double> edges = new ArrayList<>();
    edges.add((double) from);
    edges.addAll(frames);
    edges.add((double) to);
    double[] gaps = new double[edges.size() - 1];
    for (int i = 1; i < edges.size(); i++) gaps[i - 1] = edges.get(i) - edges.get(i - 1);
    java.util.Arrays.sort(gaps);
    // Work: everything the page did from the start of the load until it had caught up, per frame drawn meanwhile.
    long framesDuringLoad = all.stream().filter(t -> t >= loadStarted && t <= answered).count();
    double script = delta(end, "ScriptDuration") * 1000;
    double layoutAndStyle = (delta(end, "LayoutDuration") + delta(end, "RecalcStyleDuration")) * 1000;
    double longTaskMs = 0;
    for (Object o : (List<Object>) probe.get("longTasks")) {
      List<Object> task = (List<Object>) o;
      double start = ((Number) task.get(0)).doubleValue();
      double duration = ((Number) task.get(1)).doubleValue();
      longTaskMs += Math.max(0, Math.min(to, start + duration) - Math.max(from, start));
    }
    long perFrame = Math.max(1, framesDuringLoad);
    return new Frames(frames.size() / seconds, percentile(gaps, 50), percentile(gaps, 95), gaps[gaps.length - 1],
        (script + layoutAndStyle) / perFrame, script / perFrame, layoutAndStyle / perFrame,
        delta(end, "TaskDuration") * 1000 / perFrame, longTaskMs / 10 / seconds,
        Math.max(0, (answered - to) / 1000), frames.size(), seconds);
  }

  /** How many cards on the page show a text the load tool wrote (it starts with "L", the sender's number and a dot). */
  long cardsShowingEdits() {
    return ((Number) browser.executeScript(
        "return [...document.querySelectorAll('.circle-board__card .circle-board__text')]"
            + ".filter(p => /^L[0-9]+[.]/.test(p.textContent)).length;")).longValue();
  }

  /** Whether the page still says it is connected (it kept up rather than being cut off as a slow reader). */
  boolean connected() {
    return browser.findElement(By.cssSelector(".circle-board__status")).getText().contains("Connected");
  }

  @Override
  public void close() {
    browser.quit();
  }

  /** Like {@link Browsers#open()}, but patient: a page that cannot keep up may take minutes to answer. */
  private static ChromeDriver chromium() {
    try {
      Path profile = Files.createTempDirectory("circle-bench-chromium");
      ChromeOptions options = new ChromeOptions().setBinary(Browsers.CHROMIUM)
          .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--no-first-run", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
      ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(Browsers.CHROMEDRIVER))
          .usingAnyFreePort().build();
      ChromeDriver browser = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(PATIENCE));
      // ChromeDriver waits for the renderer as long as the page-load timeout allows.
      browser.manage().timeouts().scriptTimeout(PATIENCE).pageLoadTimeout(PATIENCE);
      return browser;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
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
