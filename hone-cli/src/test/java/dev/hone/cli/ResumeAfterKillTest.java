package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.store.StudyInfo;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import dev.hone.store.sqlite.SqliteStudyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code hone train} with SIGKILL while trial 10 of a 30-trial study runs, then runs the same
 * command again: the study resumes and ends with exactly 30 COMPLETE trials; the trials finished
 * before the kill are kept as they were (not re-run) and the killed one is marked FAIL.
 */
class ResumeAfterKillTest {
  @TempDir Path dir;

  /** A table large enough that one trial takes a noticeable time. */
  private static void writeData(Path file) throws IOException {
    SplittableRandom r = new SplittableRandom(99);
    StringBuilder sb = new StringBuilder("a,b,c,d,e,f,y\n");
    for (int i = 0; i < 60_000; i++) {
      double[] x = new double[6];
      double s = 0;
      for (int j = 0; j < 6; j++) {
        x[j] = r.nextGaussian();
        s += (j + 1) * x[j] * (j % 2 == 0 ? 1 : -1);
      }
      s += 2 * x[0] * x[1] + r.nextGaussian() * 3;
      sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f,%.5f,%.5f,%s%n",
          x[0], x[1], x[2], x[3], x[4], x[5], s > 0 ? "yes" : "no"));
    }
    Files.writeString(file, sb.toString());
  }

  /** The study's trials; empty while the study does not exist yet. */
  private static List<TrialRecord> trials(Path db) {
    try (SqliteStudyStore store = SqliteStudyStore.open(db)) {
      return store.findStudy("killed").map(info -> store.trials(info.id())).orElse(List.of());
    }
  }

  @Test
  void killDuringTrialTenThenResume() throws Exception {
    Path data = dir.resolve("data.csv");
    writeData(data);
    Path out = dir.resolve("runs/killed");
    Path db = dir.resolve("runs/hone.db");
    String[] args = {
      "train", "--data", data.toString(), "--target", "y", "--trials", "30", "--seed", "5",
      "--out", out.toString(), "--threads", "1"
    };

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(
        List.of(java, "-cp", System.getProperty("java.class.path"), HoneCli.class.getName()));
    cmd.addAll(List.of(args));
    trials(dir.resolve("warm-up.db")); // load the SQLite driver before timing matters
    Path childLog = dir.resolve("child.log");
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(childLog.toFile()).start();
    boolean killed = false;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
    while (p.isAlive() && System.nanoTime() < deadline) {
      List<TrialRecord> now;
      try {
        // open the database only once the child has opened it and run a trial: two first opens
        // at once can meet SQLITE_BUSY while one of them switches the file to WAL mode
        boolean childStarted =
            Files.exists(childLog) && Files.readString(childLog).contains("trial 0 ");
        now = childStarted && Files.exists(db) ? trials(db) : List.of();
      } catch (dev.hone.core.error.UserInputException busy) {
        // the child holds the write lock while it creates or migrates the schema: look again
        now = List.of();
      }
      if (now.size() >= 11 && now.get(10).state() == TrialState.RUNNING) {
        p.destroyForcibly(); // SIGKILL: no shutdown hooks, nothing closed
        killed = true;
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertTrue(killed, "the child reached trial 10: " + Files.readString(childLog));

    List<TrialRecord> before = trials(db);
    long completeBefore = before.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    assertEquals(10, completeBefore, "trials 0-9 finished before the kill");
    assertEquals(11, before.size(), "trial 10 had started");
    assertEquals(TrialState.RUNNING, before.get(10).state(), "killed during trial 10");
    assertTrue(!Files.exists(out.resolve("model")), "no model written by the killed run");

    CliRunner.Result r = CliRunner.run(args);
    assertEquals(0, r.exitCode(), r.err());

    List<TrialRecord> after = trials(db);
    assertEquals(30, after.stream().filter(t -> t.state() == TrialState.COMPLETE).count());
    List<TrialRecord> failed = after.stream().filter(t -> t.state() == TrialState.FAIL).toList();
    assertEquals(1, failed.size(), "the trial cut off by the kill is FAIL");
    assertEquals(10, failed.get(0).number());
    assertEquals(31, after.size(), "30 COMPLETE + 1 FAIL: nothing ran twice");
    for (int i = 0; i < 10; i++) {
      assertEquals(before.get(i), after.get(i), "trial " + i + " kept as it was, not re-run");
    }
    for (int i = 0; i < after.size(); i++) {
      assertEquals(i, after.get(i).number(), "dense trial numbers");
    }
    // trials.csv lists every trial exactly once
    List<String> csv = Files.readAllLines(out.resolve("trials.csv"));
    assertEquals(after.size() + 1, csv.size());
  }
}
