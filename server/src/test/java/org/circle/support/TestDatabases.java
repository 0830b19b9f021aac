package org.circle.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.circle.config.DatabaseSettings;
import org.circle.db.EmbeddedDatabase;

/**
 * One real embedded PostgreSQL for the whole test run; each test gets a fresh, empty database in
 * it so tests never see each other's rows.
 */
public final class TestDatabases {
  private static final AtomicInteger counter = new AtomicInteger();
  private static EmbeddedDatabase shared;

  private TestDatabases() {}

  public static synchronized EmbeddedDatabase server() {
    if (shared == null) {
      try {
        shared = EmbeddedDatabase.start(Files.createTempDirectory("circle-test-pg"));
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
    }
    return shared;
  }

  /** A new empty database on the shared server. */
  public static DatabaseSettings fresh() {
    DatabaseSettings admin = server().settings();
    String name = "test_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
    execute(admin, "CREATE DATABASE " + name);
    return new DatabaseSettings(admin.host(), admin.port(), name, admin.user(), admin.password());
  }

  public static void execute(DatabaseSettings db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String url(DatabaseSettings db) {
    return "postgresql://" + db.user() + "@" + db.host() + ":" + db.port() + "/" + db.database();
  }

  public static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
