package org.circle.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
  private final DataDirectoryLock lock;
  private final Optional<PostmasterWatchdog> watchdog;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory, DataDirectoryLock lock,
                           Optional<PostmasterWatchdog> watchdog) {
    this.postgres = postgres;
    this.directory = directory;
    this.lock = lock;
    this.watchdog = watchdog;
  }

  /** Blocking: call before any event loop depends on it. */
  public static EmbeddedDatabase start(Path dataDir) {
    return start(dataDir, 0);
  }

  /**
   * Only a live server holding the data directory's lock makes this fail. A PostgreSQL left
   * running by a server that died (kill -9 before its watchdog could act, or the watchdog killed
   * with it) is stopped first, then started again with this server's settings.
   */
  public static EmbeddedDatabase start(Path dataDir, int port) {
    Path directory = dataDir.resolve("postgres");
    DataDirectoryLock lock = null;
    try {
      Files.createDirectories(directory);
      lock = DataDirectoryLock.tryAcquire(dataDir).orElse(null);
      if (lock == null) {
        String owner = DataDirectoryLock.owner(dataDir).map(pid -> "Circle server process " + pid + " is using it")
            .orElse("another Circle server is using it");
        throw new ConfigException(refusal(directory, owner));
      }
      stopOrphan(directory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .setServerConfig("full_page_writes", "on")
          .setServerConfig("max_connections", "100");
      if (port > 0) builder.setPort(port);
      EmbeddedPostgres postgres = builder.start();
      Optional<Postmaster> started = Postmaster.runningOn(directory);
      Optional<PostmasterWatchdog> watchdog = started.isPresent() ? PostmasterWatchdog.watch(started.get()) : Optional.empty();
      if (watchdog.isEmpty()) log.warn("No watchdog for the embedded PostgreSQL: it will outlive this server if the server is killed");
      log.info("Embedded PostgreSQL is running on port {} with data in {}", postgres.getPort(), directory);
      return new EmbeddedDatabase(postgres, directory, lock, watchdog);
    } catch (ConfigException e) {
      if (lock != null) lock.close();
      throw e;
    } catch (IOException | RuntimeException e) {
      if (lock != null) lock.close();
      throw new ConfigException(refusal(directory, rootMessage(e)));
    }
  }

  private static String refusal(Path directory, String reason) {
    return "Could not start the embedded PostgreSQL in " + directory + " (" + reason
        + "). Is another Circle server using this data directory? Stop it or set CIRCLE_DATA_DIR.";
  }

  /** Called holding the directory's lock, so no live server owns a postmaster found here. */
  private static void stopOrphan(Path directory) {
    Optional<Postmaster> orphan = Postmaster.runningOn(directory);
    if (orphan.isEmpty()) return;
    log.warn("A PostgreSQL (process {}) left running by a server that stopped without shutting it down is using {}: stopping it",
        orphan.get().pid(), directory);
    if (!orphan.get().stop()) {
      throw new ConfigException("A PostgreSQL left running by an earlier Circle server (process " + orphan.get().pid()
          + ") did not stop. Stop it, then start Circle again.");
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
    watchdog.ifPresent(PostmasterWatchdog::close);
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    } finally {
      lock.close();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
