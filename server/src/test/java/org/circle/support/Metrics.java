package org.circle.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a test server's Prometheus page the way a scraper does. */
public final class Metrics {
  private static final HttpClient http = HttpClient.newHttpClient();

  private Metrics() {}

  public static String scrape(TestServer server) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) throw new IllegalStateException("/metrics answered " + response.statusCode());
      return response.body();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sum of every sample of {@code name} whose labels contain {@code labels} (e.g.
   * {@code reason="invalid"}), or 0 when there is none.
   */
  public static double value(String page, String name, String labels) {
    Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? ([-+0-9.eE]+|NaN)$", Pattern.MULTILINE);
    Matcher m = line.matcher(page);
    double sum = 0;
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1);
      if (labels == null || found.contains(labels)) sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  public static double value(TestServer server, String name, String labels) {
    return value(scrape(server), name, labels);
  }
}
