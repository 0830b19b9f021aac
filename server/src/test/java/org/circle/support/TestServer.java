package org.circle.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.circle.app.Application;
import org.circle.config.Config;
import org.circle.config.DatabaseSettings;

/** A whole Circle server for a test: real HTTP port, real PostgreSQL, real migrations. */
public final class TestServer implements AutoCloseable {
  private final Application app;
  private final DatabaseSettings db;

  private TestServer(Application app, DatabaseSettings db) {
    this.app = app;
    this.db = db;
  }

  private TestServer(Application app) {
    this(app, app.embeddedDatabase().orElseThrow().settings());
  }

  /** A server on a fresh database of the shared test PostgreSQL. */
  public static TestServer start() {
    return start(TestDatabases.fresh(), Map.of());
  }

  public static TestServer start(DatabaseSettings db, Map<String, String> extra) {
    Map<String, String> env = environment(extra);
    env.put("DATABASE_URL", TestDatabases.url(db));
    return new TestServer(Application.start(Config.fromEnvironment(env)), db);
  }

  /** A server with no database configured: it starts its own embedded PostgreSQL in dataDir. */
  public static TestServer startEmbedded(Path dataDir) {
    Map<String, String> env = environment(Map.of());
    env.put("CIRCLE_DATA_DIR", dataDir.toString());
    return new TestServer(Application.start(Config.fromEnvironment(env)));
  }

  /** Port 0: the server binds any free port and reports it, so no port is picked before it is bound. */
  public static Map<String, String> environment(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>();
    env.put("CIRCLE_HTTP_PORT", "0");
    env.putAll(extra);
    return env;
  }

  /** The database this server uses, for fixtures written straight into it. */
  public DatabaseSettings db() {
    return db;
  }

  public Application app() {
    return app;
  }

  /** The port the server is listening on. */
  public int port() {
    return app.config().httpPort();
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  public String origin() {
    return baseUrl();
  }

  @Override
  public void close() {
    app.stop();
  }
}
