package dev.hone.store.postgres;

import dev.hone.search.execution.ProcessHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one PostgreSQL study (see {@link ProcessHarness}): two worker processes of
 * two threads each share the trials of one study; a worker process killed with SIGKILL at random
 * moments and resumed each time still ends with exactly the target of COMPLETE trials.
 */
class PostgresMultiProcessTest {
  @TempDir Path dir;
  String url;

  String url() {
    if (url == null) {
      url = PostgresTestSupport.freshSchemaUrl();
    }
    return url;
  }

  @AfterEach
  void drop() {
    if (url != null) {
      PostgresTestSupport.dropSchema(url);
    }
  }

  @Test
  void twoProcessesOfTwoThreadsShareThreeHundredTrials() throws Exception {
    ProcessHarness.manyWorkers(() -> PostgresStudyStore.open(url()),
        PostgresStudyStore.class.getName(), url(), dir, 2, 300, 30);
  }

  /** The full size: 1000 trials. */
  @Test
  @Tag("slow")
  void twoProcessesOfTwoThreadsShareOneThousandTrials() throws Exception {
    ProcessHarness.manyWorkers(() -> PostgresStudyStore.open(url()),
        PostgresStudyStore.class.getName(), url(), dir, 2, 1000, 50);
  }

  @Test
  void killedAndResumedEightTimes() throws Exception {
    ProcessHarness.crashAndResume(() -> PostgresStudyStore.open(url()),
        PostgresStudyStore.class.getName(), url(), dir, 8, 40, 7);
  }

  /** The full harness: at least 50 kills of a 200-trial study. */
  @Test
  @Tag("slow")
  void killedAndResumedFiftyTimes() throws Exception {
    ProcessHarness.crashAndResume(() -> PostgresStudyStore.open(url()),
        PostgresStudyStore.class.getName(), url(), dir, 50, 200, 19);
  }
}
