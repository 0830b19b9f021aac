package org.circle.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.circle.config.ConfigException;
import org.circle.config.DatabaseSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL started inside the server's process tree when no database is configured.
 * Its data directory persists between runs. The library turns fsync and synchronous_commit off
 * for speed; every durability promise of this product depends on them, so they are turned on.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final Path directory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
    this.postgres = postgres;
    this.directory = directory;
  }

  /** Blocking: call before any event loop depends on it. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, 0);
  }

  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path directory = dataDir.resolve("postgres");
    try {
      Files.createDirectories(directory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "100");
      if (port > 0) builder.setPort(port);
      EmbeddedPostgres postgres = builder.start();
      log.info("Embedded PostgreSQL is running on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(postgres, directory);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("Could not start the embedded PostgreSQL in " + directory
          + " (" + rootMessage(e) + "). Is another Circle server using this data directory? Stop it or set CIRCLE_DATA_DIR.");
    }
  }

  public DatabaseSettings settings() {
    return new DatabaseSettings("localhost", postgres.getPort(), "postgres", "postgres", "");
  }

  public int port() {
    return postgres.getPort();
  }

  public Path directory() {
    return directory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
