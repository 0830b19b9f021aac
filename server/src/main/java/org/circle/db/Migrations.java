package org.circle.db;

import org.circle.config.ConfigException;
import org.circle.config.DatabaseSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the SQL files of {@code migrations/} in order, recording them in Flyway's history
 * table. Flyway holds a PostgreSQL advisory lock while it migrates, so two nodes starting at once
 * do not both migrate: the second waits and then finds nothing left to do.
 * Blocking (JDBC): runs before the verticles are deployed.
 */
public final class Migrations {
  public static final String DEFAULT_LOCATION = "classpath:db/migration";
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static MigrateResult apply(DatabaseSettings db, String location) {
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .locations(location)
        .connectRetries(0)
        .validateMigrationNaming(true)
        .load();
    try {
      MigrateResult result = flyway.migrate();
      log.info("Database schema is at version {} ({} migration(s) applied now)",
          result.targetSchemaVersion == null ? flyway.info().current().getVersion() : result.targetSchemaVersion,
          result.migrationsExecuted);
      return result;
    } catch (FlywayMigrateException e) {
      String file = e.getMigration() == null ? "a migration" : e.getMigration().getScript();
      throw new ConfigException("Database migration " + file + " failed: " + firstLine(causeMessage(e))
          + ". Fix that file in migrations/ and start again.");
    } catch (FlywayException e) {
      throw new ConfigException(describe(e, db));
    }
  }

  private static String describe(FlywayException e, DatabaseSettings db) {
    String message = causeMessage(e);
    if (message.contains("Connection") || message.contains("connect") || message.contains("authentication")
        || message.contains("does not exist")) {
      return "Cannot use the database " + db.describe() + ": " + firstLine(message)
          + ". Check DATABASE_URL (or PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) and that PostgreSQL is running.";
    }
    return "Database migration failed: " + firstLine(message) + ". Fix the files in migrations/ and start again.";
  }

  private static String causeMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t.getMessage();
    return message == null ? t.getClass().getSimpleName() : message;
  }

  private static String firstLine(String message) {
    String line = message.strip().lines().findFirst().orElse(message);
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
