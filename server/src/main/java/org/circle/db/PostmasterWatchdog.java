package org.circle.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * pg_ctl starts PostgreSQL as a daemon, so it outlives a server that is killed (kill -9, OOM
 * killer, power to the JVM cut). This small shell process waits on a pipe from the server; the
 * kernel closes the pipe when the server dies, however it dies, and the watchdog then asks the
 * postmaster for a fast shutdown. It runs in its own session (setsid) so that a signal sent to
 * the server's whole process group does not take the watchdog with it. It only signals the
 * postmaster it was made for, and only while {@code postmaster.pid} still names it, so it can
 * never stop a PostgreSQL that a later server started on the same directory.
 */
final class PostmasterWatchdog implements AutoCloseable {
  private static final String SCRIPT =
      "read -r ignored; [ \"$(head -n 1 \"$1/postmaster.pid\" 2>/dev/null)\" = \"$2\" ] && kill -INT \"$2\"";
  private static final Path SH = Path.of("/bin/sh");
  private static final Path[] SETSID = {Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")};

  private final Process process;

  private PostmasterWatchdog(Process process) {
    this.process = process;
  }

  /** Empty where the platform has no POSIX shell (the postmaster then outlives a killed server). */
  static Optional<PostmasterWatchdog> watch(Postmaster postmaster) throws IOException {
    if (!Files.isExecutable(SH)) return Optional.empty();
    List<String> command = new ArrayList<>();
    for (Path setsid : SETSID) {
      if (Files.isExecutable(setsid)) {
        command.add(setsid.toString());
        break;
      }
    }
    command.addAll(List.of(SH.toString(), "-c", SCRIPT, "circle-postgres-watchdog",
        postmaster.directory().toString(), String.valueOf(postmaster.pid())));
    Process process = new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.PIPE)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    return Optional.of(new PostmasterWatchdog(process));
  }

  long pid() {
    return process.pid();
  }

  /** Called before an orderly stop of PostgreSQL: the watchdog ends without touching it. */
  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
