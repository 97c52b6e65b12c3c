package dev.hone.experiment;

import dev.hone.core.error.UserInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-wide lock on one study of a file-based storage, so that two {@code hone
 * train} processes never drive the same study at once (the second would count and mark the first
 * one's trials). The lock is an operating-system file lock on {@code .hone-locks/<db>.<study>.lock}
 * beside the database: it is released when the process ends, even by {@code kill -9}, so a crashed
 * run never leaves a stale lock.
 */
final class StudyLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private StudyLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @return the held lock, or {@code null} when the storage is not a local SQLite file
   * @throws UserInputException when another process holds the study
   */
  static StudyLock acquire(String storageUrl, String study) {
    if (!storageUrl.startsWith("jdbc:sqlite:") || storageUrl.contains(":memory:")) {
      return null;
    }
    Path db = Path.of(storageUrl.substring("jdbc:sqlite:".length())).toAbsolutePath().normalize();
    Path dir = db.getParent().resolve(".hone-locks");
    Path file =
        dir.resolve(db.getFileName() + "." + study.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
    FileChannel ch = null;
    try {
      Files.createDirectories(dir);
      ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
        ch.close();
        throw new UserInputException(
            "study '" + study + "' in " + storageUrl + " is in use by another hone process"
                + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                + "; wait for it to finish, or use another --study (or --out)");
      }
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(
          Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
      return new StudyLock(ch, l);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // already failing
      }
      throw new UserInputException(
          "cannot lock study '" + study + "' beside " + db + " (" + e.getMessage()
              + "); check that the folder is writable or choose another --storage");
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the lock is released with the channel or the process anyway
    }
  }
}
