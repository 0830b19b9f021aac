package org.circle.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the server reads from its environment. Each variable is documented in README.md;
 * a value that cannot be used ends start-up with a {@link ConfigException} naming it.
 */
public record Config(
    String httpHost,
    int httpPort,
    URI publicUrl,
    Set<String> allowedOrigins,
    Path dataDir,
    Optional<DatabaseSettings> database,
    Optional<DatabaseSettings> sponsorDatabase,
    Optional<SmtpSettings> smtp,
    int wsOpsPerSecond,
    int wsOpsBurst,
    int apiRequestsPerSecond,
    int apiRequestsBurst,
    int eventLoops,
    TrustedProxies trustedProxies,
    Optional<String> metricsToken,
    Optional<ClusterSettings> cluster) {

  /** A person never edits faster than this; a load test may raise it, nothing may switch it off. */
  public static final int DEFAULT_WS_OPS_PER_SECOND = 20;
  public static final int DEFAULT_WS_OPS_BURST = 60;
  /** API requests per caller: a page load is a handful; a load test's set-up may raise it. */
  public static final int DEFAULT_API_REQUESTS_PER_SECOND = 20;
  public static final int DEFAULT_API_REQUESTS_BURST = 100;

  public static Config fromEnvironment(Map<String, String> env) {
    String host = env.getOrDefault("CIRCLE_HTTP_HOST", "127.0.0.1");
    int port = parsePort("CIRCLE_HTTP_PORT", env.getOrDefault("CIRCLE_HTTP_PORT", "8080"));
    URI publicUrl = parsePublicUrl(env.getOrDefault("CIRCLE_PUBLIC_URL", "http://localhost:" + port));
    Set<String> origins = parseOrigins(env.get("CIRCLE_ALLOWED_ORIGINS"), publicUrl);
    Path dataDir = Path.of(env.getOrDefault("CIRCLE_DATA_DIR", "data")).toAbsolutePath();
    Optional<DatabaseSettings> database = DatabaseSettings.fromEnvironment(env);
    Optional<ClusterSettings> cluster = ClusterSettings.fromEnvironment(env, database.isPresent());
    return new Config(host, port, publicUrl, origins, dataDir, database,
        sponsorDatabase(env), SmtpSettings.fromEnvironment(env),
        positive(env, "CIRCLE_WS_OPS_PER_SECOND", DEFAULT_WS_OPS_PER_SECOND),
        positive(env, "CIRCLE_WS_OPS_BURST", DEFAULT_WS_OPS_BURST),
        positive(env, "CIRCLE_API_REQUESTS_PER_SECOND", DEFAULT_API_REQUESTS_PER_SECOND),
        positive(env, "CIRCLE_API_REQUESTS_BURST", DEFAULT_API_REQUESTS_BURST),
        positive(env, "CIRCLE_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()),
        TrustedProxies.parse("CIRCLE_TRUSTED_PROXIES", env.get("CIRCLE_TRUSTED_PROXIES")),
        metricsToken(env.get("CIRCLE_METRICS_TOKEN")), cluster);
  }

  /**
   * The same settings with the port the server actually listens on, for CIRCLE_HTTP_PORT=0
   * (any free port, chosen when binding). The default public URL and origin follow it.
   */
  public Config withHttpPort(int actualPort) {
    if (actualPort == httpPort) return this;
    boolean defaultUrl = publicUrl.getPort() == httpPort && "localhost".equals(publicUrl.getHost());
    if (!defaultUrl) {
      return new Config(httpHost, actualPort, publicUrl, allowedOrigins, dataDir, database, sponsorDatabase, smtp, wsOpsPerSecond,
          wsOpsBurst, apiRequestsPerSecond, apiRequestsBurst, eventLoops, trustedProxies, metricsToken, cluster);
    }
    URI url = URI.create(publicUrl.getScheme() + "://localhost:" + actualPort);
    Set<String> origins = allowedOrigins.equals(Set.of(originOf(publicUrl))) ? Set.of(originOf(url)) : allowedOrigins;
    return new Config(httpHost, actualPort, url, origins, dataDir, database, sponsorDatabase, smtp, wsOpsPerSecond, wsOpsBurst,
        apiRequestsPerSecond, apiRequestsBurst, eventLoops, trustedProxies, metricsToken, cluster);
  }

  /** A bearer token for /metrics from other machines; short tokens are refused, being guessable. */
  private static Optional<String> metricsToken(String value) {
    if (value == null || value.isBlank()) return Optional.empty();
    String token = value.strip();
    if (token.length() < 16 || !token.matches("[\\x21-\\x7e]+")) {
      throw new ConfigException("CIRCLE_METRICS_TOKEN must be at least 16 visible characters without spaces, such as the output of 'openssl rand -hex 32'.");
    }
    return Optional.of(token);
  }

  /** Keeps the metrics token out of anything that prints the settings. */
  @Override
  public String toString() {
    return "Config[" + httpHost + ":" + httpPort + ", " + publicUrl + ", metrics token " + (metricsToken.isPresent() ? "set" : "unset") + "]";
  }

  /** A login role an operator created for the sponsor's routes; without it Circle creates its own. */
  private static Optional<DatabaseSettings> sponsorDatabase(Map<String, String> env) {
    String url = env.get("CIRCLE_SPONSOR_DATABASE_URL");
    if (url == null || url.isBlank()) return Optional.empty();
    try {
      return Optional.of(DatabaseSettings.parseUrl(url.trim()));
    } catch (ConfigException e) {
      throw new ConfigException(e.getMessage().replace("DATABASE_URL", "CIRCLE_SPONSOR_DATABASE_URL"));
    }
  }

  /** The address a person opens in their browser. */
  public String browserUrl() {
    String url = publicUrl.toString();
    return url.endsWith("/") ? url : url + "/";
  }

  private static int positive(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 1 && n <= 100_000) return n;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException(name + " must be a whole number from 1 to 100000 (found '" + value + "').");
  }

  static int parsePort(String name, String value) {
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new ConfigException(name + " must be a port number between 0 and 65535 (found '" + value + "').");
  }

  private static URI parsePublicUrl(String value) {
    try {
      URI uri = new URI(value.trim());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) return uri;
    } catch (URISyntaxException ignored) {
      // reported below
    }
    throw new ConfigException("CIRCLE_PUBLIC_URL must be an http:// or https:// address such as https://circle.example.org (found '" + value + "').");
  }

  private static Set<String> parseOrigins(String value, URI publicUrl) {
    if (value == null || value.isBlank()) return Set.of(originOf(publicUrl));
    Set<String> origins = Arrays.stream(value.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(s -> {
          try {
            return originOf(new URI(s));
          } catch (URISyntaxException | IllegalArgumentException e) {
            throw new ConfigException("CIRCLE_ALLOWED_ORIGINS has an entry that is not an origin such as https://circle.example.org: '" + s + "'.");
          }
        })
        .collect(Collectors.toCollection(LinkedHashSet::new));
    return Set.copyOf(origins);
  }

  /** scheme://host[:port] with the default port left out, as browsers send it in the Origin header. */
  static String originOf(URI uri) {
    if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("not an origin");
    String scheme = uri.getScheme().toLowerCase();
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    return scheme + "://" + uri.getHost().toLowerCase() + (defaultPort ? "" : ":" + port);
  }

  public boolean tlsPublicUrl() {
    return "https".equals(publicUrl.getScheme());
  }
}
