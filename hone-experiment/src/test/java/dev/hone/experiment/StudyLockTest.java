package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyLockTest {
  @TempDir Path dir;

  @Test
  void oneHolderPerStudy() {
    String url = "jdbc:sqlite:" + dir.resolve("hone.db");
    try (StudyLock a = StudyLock.acquire(url, "adult")) {
      assertNotNull(a);
      UserInputException e =
          assertThrows(UserInputException.class, () -> StudyLock.acquire(url, "adult"));
      assertTrue(e.getMessage().contains("in use by another hone process"), e.getMessage());
      assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
      try (StudyLock other = StudyLock.acquire(url, "other-study")) {
        assertNotNull(other, "another study in the same storage is independent");
      }
    }
    try (StudyLock again = StudyLock.acquire(url, "adult")) {
      assertNotNull(again, "released on close");
    }
    assertNull(StudyLock.acquire("jdbc:sqlite::memory:", "x"));
  }
}
