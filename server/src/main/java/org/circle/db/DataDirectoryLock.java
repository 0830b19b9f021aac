package org.circle.db;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Proves that one live Circle server owns a data directory. The operating system releases the
 * lock when its process dies, however it dies (kill -9 included), so a held lock always means a
 * live owner; the file also names the owner's process id, for the message to whoever is refused.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "server.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** The lock, or empty when a live server holds it (its pid is then in {@link #owner}). */
  static Optional<DataDirectoryLock> tryAcquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
    channel.force(true);
    return Optional.of(new DataDirectoryLock(channel, lock));
  }

  /** The process id the lock file names, when it can be read. */
  static Optional<Long> owner(Path dataDir) {
    try {
      return Optional.of(Long.parseLong(Files.readString(dataDir.resolve(FILE_NAME)).strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the process is letting go of the directory; the OS releases the lock with the channel anyway
    }
  }
}
