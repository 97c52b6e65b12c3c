package dev.hone.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real crash: a child JVM writes trials as fast as it can and is killed with SIGKILL (kill -9)
 * at an arbitrary point, three times over the same file. After each kill the database must pass
 * SQLite's integrity check, every COMPLETE trial must be fully recorded (its three params, its
 * intermediate values, its attribute, and the value its params imply), numbers must be dense, and
 * at most one trial may be left RUNNING, which {@code Study.createOrLoad} then marks FAIL.
 */
class SqliteCrashTest {
  @TempDir Path dir;

  @Test
  void killMinusNineLeavesAConsistentDatabase() throws Exception {
    Path db = dir.resolve("crash.db");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    int killAfter = 15;
    for (int round = 0; round < 3; round++) {
      Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          CrashWriter.class.getName(), db.toString())
          .redirectErrorStream(true)
          .start();
      int finished = 0;
      StringBuilder output = new StringBuilder();
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while (finished < killAfter && (line = r.readLine()) != null) {
          output.append(line).append('\n');
          if (line.matches("\\d+")) {
            finished++;
          }
        }
        p.destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no close()
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      }
      assertEquals(killAfter, finished, "child output:\n" + output);
      verify(db, round);
    }
  }

  private static void verify(Path db, int round) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
    try (SqliteStudyStore store = SqliteStudyStore.open(db)) {
      long id = store.findStudy("crash").orElseThrow().id();
      List<TrialRecord> before = store.trials(id);
      long running = before.stream().filter(t -> t.state() == TrialState.RUNNING).count();
      assertTrue(running <= 1, "round " + round + ": " + running + " RUNNING trials");
      for (int i = 0; i < before.size(); i++) {
        TrialRecord t = before.get(i);
        assertEquals(i, t.number());
        if (t.state() == TrialState.COMPLETE) {
          assertEquals(List.of("x", "k", "c"), List.copyOf(t.params().keySet()));
          double expected = CrashWriter.value((Double) t.params().get("x"),
              (Long) t.params().get("k"), (String) t.params().get("c"));
          assertEquals(expected, t.value(), 0.0);
          assertEquals(2, t.intermediateValues().size());
          assertTrue(t.intermediateValues().get(0).isNaN());
          assertEquals("trial " + t.number(), t.userAttributes().get("note"));
        } else {
          assertTrue(t.state() == TrialState.RUNNING || t.state() == TrialState.FAIL,
              "trial " + i + " is " + t.state());
        }
      }
      Study.createOrLoad(store, "crash", Direction.MINIMIZE, new RandomSampler(), 1);
      assertEquals(0, store.trials(id).stream()
          .filter(t -> t.state() == TrialState.RUNNING).count());
    }
  }
}
