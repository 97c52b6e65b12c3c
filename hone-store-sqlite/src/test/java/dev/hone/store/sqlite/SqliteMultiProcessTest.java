package dev.hone.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hone.search.execution.ProcessHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one SQLite study (see {@link ProcessHarness}): two worker processes of two
 * threads each share 1000 trials; a worker process killed with SIGKILL at random moments and
 * resumed each time still ends with exactly the target of COMPLETE trials, each queued
 * configuration evaluated once, and the sampler giving every trial what seed and history imply.
 */
class SqliteMultiProcessTest {
  @TempDir Path dir;

  String url() {
    return "jdbc:sqlite:" + dir.resolve("shared.db");
  }

  @Test
  void twoProcessesOfTwoThreadsShareThreeHundredTrials() throws Exception {
    ProcessHarness.manyWorkers(() -> SqliteStudyStore.open(url()),
        SqliteStudyStore.class.getName(), url(), dir, 2, 300, 30);
    assertEquals(List.of("ok"),
        SqliteStudyStoreTest.query(dir.resolve("shared.db"), "PRAGMA integrity_check"));
  }

  /** The full size: 1000 trials (about 30 s on 2 cores). */
  @Test
  @Tag("slow")
  void twoProcessesOfTwoThreadsShareOneThousandTrials() throws Exception {
    ProcessHarness.manyWorkers(() -> SqliteStudyStore.open(url()),
        SqliteStudyStore.class.getName(), url(), dir, 2, 1000, 50);
    assertEquals(List.of("ok"),
        SqliteStudyStoreTest.query(dir.resolve("shared.db"), "PRAGMA integrity_check"));
  }

  @Test
  void killedAndResumedEightTimes() throws Exception {
    ProcessHarness.crashAndResume(() -> SqliteStudyStore.open(url()),
        SqliteStudyStore.class.getName(), url(), dir, 8, 40, 5);
    assertEquals(List.of("ok"),
        SqliteStudyStoreTest.query(dir.resolve("shared.db"), "PRAGMA integrity_check"));
  }

  /** The full harness: at least 50 kills of a 200-trial study (several minutes). */
  @Test
  @Tag("slow")
  void killedAndResumedFiftyTimes() throws Exception {
    ProcessHarness.crashAndResume(() -> SqliteStudyStore.open(url()),
        SqliteStudyStore.class.getName(), url(), dir, 50, 200, 17);
    assertEquals(List.of("ok"),
        SqliteStudyStoreTest.query(dir.resolve("shared.db"), "PRAGMA integrity_check"));
  }
}
