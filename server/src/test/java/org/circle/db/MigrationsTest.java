package org.circle.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.circle.app.Application;
import org.circle.config.Config;
import org.circle.config.ConfigException;
import org.circle.config.DatabaseSettings;
import org.circle.support.TestDatabases;
import org.circle.support.TestServer;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  @DisplayName("Start-up applies every migration and records it in the history table")
  void startUpMigrates() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    try (TestServer server = TestServer.start(db, java.util.Map.of())) {
      List<String> versions = query(db, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank");
      assertTrue(versions.contains("1"), "history holds version 1: " + versions);
      // The sponsor's database role's password is kept beside the facts of the installation (db.SponsorRole).
      assertEquals(List.of("created_at", "sponsor_role_password"), query(db, "SELECT name FROM instance_setting ORDER BY name"));
    }
  }

  @Test
  @DisplayName("Two nodes migrating one empty database at once apply each migration exactly once")
  void concurrentNodesMigrateOnce() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Callable<MigrateResult> migrate = () -> Migrations.apply(db, Migrations.DEFAULT_LOCATION);
      Future<MigrateResult> a = pool.submit(migrate);
      Future<MigrateResult> b = pool.submit(migrate);
      int executed = a.get().migrationsExecuted + b.get().migrationsExecuted;
      List<String> versions = query(db, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL");
      assertEquals(versions.size(), versions.stream().distinct().count(), "no version twice: " + versions);
      assertEquals(versions.size(), executed, "only one of the two nodes ran the migrations");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("A failing migration stops start-up with a message naming the file")
  void failingMigrationNamesTheFile() throws Exception {
    DatabaseSettings db = TestDatabases.fresh();
    var env = TestServer.environment(java.util.Map.of("DATABASE_URL", TestDatabases.url(db)));
    ConfigException e = assertThrows(ConfigException.class,
        () -> Application.start(Config.fromEnvironment(env), "classpath:broken-migrations"));
    assertTrue(e.getMessage().contains("V2__broken.sql"), e.getMessage());
    assertTrue(e.getMessage().contains("failed"), e.getMessage());
    assertEquals(List.of("1"), query(db, "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL"),
        "the good migration before it stays applied");
  }

  static List<String> query(DatabaseSettings db, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    }
  }
}
