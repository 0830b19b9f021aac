package org.circle.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server process running on a data directory, as named by its
 * {@code postmaster.pid}. Only a process that is alive and is a {@code postgres} started on that
 * directory counts: a stale file, or a process id since reused by another program, does not.
 */
record Postmaster(ProcessHandle process, Path directory) {
  private static final long FAST_SHUTDOWN_SECONDS = 60;
  private static final long IMMEDIATE_SHUTDOWN_SECONDS = 15;

  static Optional<Postmaster> runningOn(Path directory) {
    List<String> lines;
    try {
      lines = Files.readAllLines(directory.resolve("postmaster.pid"));
    } catch (IOException noneOrUnreadable) {
      return Optional.empty();
    }
    if (lines.isEmpty()) return Optional.empty();
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).strip());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> isPostgresOn(p, directory))
        .map(p -> new Postmaster(p, directory));
  }

  private static boolean isPostgresOn(ProcessHandle process, Path directory) {
    ProcessHandle.Info info = process.info();
    boolean postgres = info.command().map(c -> Path.of(c).getFileName().toString())
        .map(name -> name.equals("postgres") || name.equals("postgres.exe"))
        .orElse(false);
    boolean onDirectory = info.arguments()
        .map(args -> List.of(args).contains(directory.toString()))
        .orElse(true);
    return postgres && onDirectory;
  }

  long pid() {
    return process.pid();
  }

  /**
   * Fast shutdown (SIGINT: sessions are ended, a checkpoint is written), then immediate shutdown
   * (SIGQUIT) if it does not end in time. Blocking. True when the process is gone.
   */
  boolean stop() {
    return signal("INT") && waitForExit(FAST_SHUTDOWN_SECONDS)
        || signal("QUIT") && waitForExit(IMMEDIATE_SHUTDOWN_SECONDS)
        || !process.isAlive();
  }

  private boolean signal(String name) {
    try {
      return new ProcessBuilder("kill", "-" + name, String.valueOf(pid()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start().waitFor() == 0 || !process.isAlive();
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean waitForExit(long seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception timedOut) {
      return !process.isAlive();
    }
  }
}
