package org.circle.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** Where an external PostgreSQL lives and how to sign in to it. */
public record DatabaseSettings(String host, int port, String database, String user, String password) {

  public DatabaseSettings {
    if (host == null || host.isBlank()) throw new ConfigException("The database host is empty: set it in DATABASE_URL or PGHOST.");
    if (port < 1 || port > 65535) throw new ConfigException("The database port " + port + " is not between 1 and 65535.");
    if (database == null || database.isBlank()) throw new ConfigException("The database name is empty: add it to DATABASE_URL (…/name) or set PGDATABASE.");
    if (user == null || user.isBlank()) throw new ConfigException("The database user is empty: add it to DATABASE_URL (user@host) or set PGUSER.");
  }

  public String jdbcUrl() {
    // A short connect timeout so a wrong address fails start-up in seconds, not minutes.
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?connectTimeout=5&socketTimeout=60";
  }

  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  /** DATABASE_URL first, then the standard libpq variables; empty when neither is set. */
  static Optional<DatabaseSettings> fromEnvironment(Map<String, String> env) {
    String url = env.get("DATABASE_URL");
    if (url != null && !url.isBlank()) return Optional.of(parseUrl(url.trim()));
    if (env.containsKey("PGHOST") || env.containsKey("PGDATABASE")) {
      return Optional.of(new DatabaseSettings(
          env.getOrDefault("PGHOST", "localhost"),
          Config.parsePort("PGPORT", env.getOrDefault("PGPORT", "5432")),
          env.getOrDefault("PGDATABASE", env.getOrDefault("PGUSER", "postgres")),
          env.getOrDefault("PGUSER", "postgres"),
          env.getOrDefault("PGPASSWORD", "")));
    }
    return Optional.empty();
  }

  static DatabaseSettings parseUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("DATABASE_URL is not a valid URL; expected postgresql://user:password@host:5432/database.");
    }
    if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
      throw new ConfigException("DATABASE_URL must start with postgresql:// (found '" + uri.getScheme() + "'); expected postgresql://user:password@host:5432/database.");
    }
    if (uri.getHost() == null) {
      throw new ConfigException("DATABASE_URL has no host; expected postgresql://user:password@host:5432/database.");
    }
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    return new DatabaseSettings(uri.getHost(), uri.getPort() == -1 ? 5432 : uri.getPort(), decode(path), user, password);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    // Never print the password, even by accident in a log line.
    return "DatabaseSettings[" + describe() + "]";
  }
}
