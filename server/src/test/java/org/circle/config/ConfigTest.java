package org.circle.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigTest {

  @Test
  @DisplayName("With nothing set, the server listens on localhost:8080 and uses the embedded database")
  void defaults() {
    Config config = Config.fromEnvironment(Map.of());
    assertEquals(8080, config.httpPort());
    assertEquals("http://localhost:8080/", config.browserUrl());
    assertEquals(Set.of("http://localhost:8080"), config.allowedOrigins());
    assertTrue(config.database().isEmpty());
  }

  @Test
  @DisplayName("DATABASE_URL is read with its user, password, port and name")
  void databaseUrl() {
    DatabaseSettings db = Config.fromEnvironment(Map.of("DATABASE_URL", "postgresql://circle:s%40cret@db.internal:6543/circle"))
        .database().orElseThrow();
    assertEquals("db.internal", db.host());
    assertEquals(6543, db.port());
    assertEquals("circle", db.database());
    assertEquals("circle", db.user());
    assertEquals("s@cret", db.password());
    assertFalse(db.toString().contains("s@cret"), "the password never appears in toString");
  }

  @Test
  @DisplayName("The standard PG variables work when DATABASE_URL is absent")
  void pgVariables() {
    DatabaseSettings db = Config.fromEnvironment(Map.of("PGHOST", "pg", "PGUSER", "app", "PGDATABASE", "circle"))
        .database().orElseThrow();
    assertEquals("pg", db.host());
    assertEquals(5432, db.port());
    assertEquals("app", db.user());
  }

  @Test
  @DisplayName("Unusable values are refused with a message naming the variable")
  void badValues() {
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("DATABASE_URL", "mysql://x/y")))
        .getMessage().contains("DATABASE_URL"));
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("DATABASE_URL", "postgresql://:::")))
        .getMessage().contains("DATABASE_URL"));
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_HTTP_PORT", "eighty")))
        .getMessage().contains("CIRCLE_HTTP_PORT"));
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_PUBLIC_URL", "ftp://x")))
        .getMessage().contains("CIRCLE_PUBLIC_URL"));
  }

  @Test
  @DisplayName("The WebSocket operation rate keeps its default unless raised, and cannot be switched off")
  void operationRate() {
    assertEquals(20, Config.fromEnvironment(Map.of()).wsOpsPerSecond());
    assertEquals(500, Config.fromEnvironment(Map.of("CIRCLE_WS_OPS_PER_SECOND", "500")).wsOpsPerSecond());
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_WS_OPS_PER_SECOND", "0")))
        .getMessage().contains("CIRCLE_WS_OPS_PER_SECOND"));
  }

  @Test
  @DisplayName("The server runs one event loop per core unless told otherwise; a count that cannot work is named")
  void eventLoops() {
    assertEquals(Runtime.getRuntime().availableProcessors(), Config.fromEnvironment(Map.of()).eventLoops());
    assertEquals(3, Config.fromEnvironment(Map.of("CIRCLE_EVENT_LOOPS", "3")).eventLoops());
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_EVENT_LOOPS", "none")))
        .getMessage().contains("CIRCLE_EVENT_LOOPS"));
  }

  @Test
  @DisplayName("Allowed origins are normalised as browsers send them")
  void origins() {
    Config config = Config.fromEnvironment(Map.of(
        "CIRCLE_PUBLIC_URL", "https://circle.example.org/",
        "CIRCLE_ALLOWED_ORIGINS", "https://circle.example.org:443, http://LOCALHOST:8080"));
    assertEquals(Set.of("https://circle.example.org", "http://localhost:8080"), config.allowedOrigins());
  }

  @Test
  @DisplayName("Trusted proxies are addresses or ranges; anything else, and a guessable metrics token, is refused by name")
  void proxiesAndMetricsToken() {
    Config config = Config.fromEnvironment(Map.of("CIRCLE_TRUSTED_PROXIES", "10.0.0.0/8, ::1",
        "CIRCLE_METRICS_TOKEN", "0123456789abcdef0123"));
    assertTrue(config.trustedProxies().trusts("10.1.2.3"));
    assertTrue(config.trustedProxies().trusts("::1"));
    assertFalse(config.trustedProxies().trusts("11.0.0.1"));
    assertFalse(Config.fromEnvironment(Map.of()).trustedProxies().trusts("127.0.0.1"), "no proxy is trusted unless configured");
    assertFalse(config.toString().contains("0123456789abcdef0123"), "the token never appears in toString");
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_TRUSTED_PROXIES", "proxy.internal")))
        .getMessage().contains("CIRCLE_TRUSTED_PROXIES"));
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_TRUSTED_PROXIES", "10.0.0.0/40")))
        .getMessage().contains("CIRCLE_TRUSTED_PROXIES"));
    assertTrue(assertThrows(ConfigException.class, () -> Config.fromEnvironment(Map.of("CIRCLE_METRICS_TOKEN", "secret")))
        .getMessage().contains("CIRCLE_METRICS_TOKEN"));
  }
}
