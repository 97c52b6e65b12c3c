package dev.hone.experiment;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes outputs so that an interrupted run never leaves a half-written file or model directory in
 * place of a good one: everything is written to a temporary sibling first and then renamed.
 */
final class AtomicFiles {
  private AtomicFiles() {}

  /** A body that writes into a path. */
  interface Writer {
    void write(Path target) throws IOException;
  }

  /** Writes {@code file} through a temporary sibling and an atomic rename. */
  static void writeFile(Path file, Writer body) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path tmp = parent.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
          + System.nanoTime() + ".tmp");
      try {
        body.write(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw wrap(file, e);
    }
  }

  /**
   * Replaces directory {@code dir} with one filled by {@code body}: the new content is written to a
   * temporary sibling and swapped in only when complete.
   */
  static void replaceDirectory(Path dir, Writer body) {
    Path parent = dir.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
      Path tmp =
          Files.createDirectory(
              parent.resolve("." + dir.getFileName() + "-new-" + ProcessHandle.current().pid()
                  + "-" + System.nanoTime()));
      try {
        body.write(tmp);
        Path old = null;
        if (Files.exists(dir)) {
          old = parent.resolve("." + dir.getFileName() + "-old-" + System.nanoTime());
          Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        if (old != null) {
          deleteTree(old);
        }
      } finally {
        if (Files.exists(tmp)) {
          deleteTree(tmp);
        }
      }
    } catch (IOException e) {
      throw wrap(dir, e);
    }
  }

  /** Checks early that {@code dir} can be created and written, before any long work starts. */
  static void checkWritableDirectory(Path dir, String option) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createFile(dir.resolve(".write-check-" + System.nanoTime()));
      Files.delete(probe);
    } catch (IOException e) {
      throw new UserInputException(
          option + " " + dir + " is not a writable directory (" + e.getMessage()
              + "); choose another path");
    }
  }

  static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      s.sorted(Comparator.reverseOrder()).forEach(AtomicFiles::deleteQuietly);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RuntimeException wrap(Path p, IOException e) {
    if (e instanceof AccessDeniedException || e instanceof FileSystemException) {
      return new UserInputException("cannot write " + p + ": " + e.getMessage()
          + "; check permissions or choose another --out");
    }
    return new HoneException("cannot write " + p + ": " + e.getMessage(), e);
  }
}
