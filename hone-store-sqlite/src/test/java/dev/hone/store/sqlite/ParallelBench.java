package dev.hone.store.sqlite;

import dev.hone.search.execution.ExecutionPlan;
import dev.hone.search.execution.ExecutionResult;
import dev.hone.search.execution.ThreadPoolTrialExecutor;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hone side of {@code bench/parallel/run.sh}: {@link ThreadPoolTrialExecutor} with a cheap
 * objective (two suggestions, 5 ms of sleep, random sampler), in memory and on SQLite, with 1, 2
 * and 4 concurrent trials; prints {@code hone STORE JOBS TRIALS WALL_MS} per measurement. Not a
 * test: run by the benchmark script.
 */
public final class ParallelBench {
  private ParallelBench() {}

  static long once(String store, int jobs, int trials) throws Exception {
    Path dir = Files.createTempDirectory("hone-bench");
    StudyStore s = store.equals("memory") ? new InMemoryStudyStore()
        : SqliteStudyStore.open(dir.resolve("b.db"));
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      Study study = Study.createOrLoad(s, "b", Direction.MINIMIZE, new RandomSampler(), 1);
      long t0 = System.nanoTime();
      ExecutionResult r = new ThreadPoolTrialExecutor(pool, jobs).run(study, t -> {
        double x = t.suggestFloat("x", -3, 3, false);
        long k = t.suggestInt("k", 1, 50, false);
        Thread.sleep(5);
        return x * x + k / 100.0;
      }, ExecutionPlan.builder().targetTrials(trials).build(), StudyListener.NONE);
      long wall = (System.nanoTime() - t0) / 1_000_000;
      if (r.complete() != trials) {
        throw new IllegalStateException("ran " + r);
      }
      return wall;
    } finally {
      pool.shutdownNow();
      s.close();
    }
  }

  public static void main(String[] args) throws Exception {
    int trials = Integer.parseInt(args[0]);
    int repeats = Integer.parseInt(args[1]);
    for (String store : new String[] {"memory", "sqlite"}) {
      for (int jobs : new int[] {1, 2, 4}) {
        once(store, jobs, trials); // warm-up
        for (int i = 0; i < repeats; i++) {
          System.out.println("hone " + store + " " + jobs + " " + trials + " "
              + once(store, jobs, trials));
        }
      }
    }
  }
}
