package dev.hone.search.bench;

import dev.hone.search.pruner.HyperbandPruner;
import dev.hone.search.pruner.MedianPruner;
import dev.hone.search.pruner.PruneDecision;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.pruner.SuccessiveHalvingPruner;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Pruner benchmark (bench/pruners.sh runs it beside bench/pruners/optuna_pruners.py).
 *
 * <p>(a) Overhead: a study with N finished trials of 100 reported steps each; each timed trial
 * reports 100 steps and asks the pruner after each (never stopped: its values are the best).
 * Prints the median wall and thread-CPU microseconds per report + decision.
 *
 * <p>(b) Effectiveness: a synthetic learning-curve objective over (x, y) in [0,1]², 81 steps,
 * whose curves cross (configurations with a larger x converge more slowly); random sampling, so
 * only the pruner differs; per pruner and seed, 60 trials. Prints the mean over seeds of the steps
 * trained and of the best final loss.
 *
 * <p>Usage: {@code PrunerBench [seeds] [N...]}.
 */
public final class PrunerBench {
  private PrunerBench() {}

  static final int STEPS = 81;

  /** The learning curve: the same formula as optuna_pruners.py. */
  static double curve(double x, double y, int step) {
    double fin = (x - 0.3) * (x - 0.3) + 0.5 * (y - 0.6) * (y - 0.6);
    return fin + 0.5 * (x + 0.5) / Math.sqrt(step + 1.0) + 0.01 * Math.sin(1000 * x + 37 * step);
  }

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int[] ns = args.length > 1
        ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {100, 1000};
    for (int n : ns) {
      overhead("median", new MedianPruner(5, 0, 1, 1), n);
      overhead("hyperband", new HyperbandPruner(1, 100, 3), n);
    }
    quality("none", () -> Pruner.NONE, seeds);
    quality("median", () -> new MedianPruner(5, 0, 1, 1), seeds);
    quality("successive_halving", () -> new SuccessiveHalvingPruner(1, 3, 0, 0), seeds);
    quality("hyperband", () -> new HyperbandPruner(1, STEPS, 3), seeds);
  }

  static void overhead(String name, Pruner pruner, int n) {
    InMemoryStudyStore store = new InMemoryStudyStore();
    Study study = Study.createOrLoad(store, "bench", Direction.MINIMIZE, new RandomSampler(),
        pruner, 1);
    for (int i = 0; i < n; i++) {
      Trial t = study.ask();
      double x = t.suggestFloat("x", 0, 1, false);
      for (int s = 0; s < 100; s++) {
        t.report(s, 1 + x + 1.0 / (s + 1)); // worse than the timed trials: they never stop
      }
      study.tell(t, 1 + x);
    }
    java.lang.management.ThreadMXBean mx =
        java.lang.management.ManagementFactory.getThreadMXBean();
    int warm = 2;
    int reps = 5;
    double[] wall = new double[reps];
    double[] cpu = new double[reps];
    for (int r = 0; r < warm + reps; r++) {
      Trial t = study.ask();
      t.suggestFloat("x", 0, 1, false);
      long w0 = System.nanoTime();
      long c0 = mx.getCurrentThreadCpuTime();
      for (int s = 0; s < 100; s++) {
        if (t.report(s, 0.0) != PruneDecision.CONTINUE) {
          throw new IllegalStateException("the timed trial must not be stopped");
        }
      }
      long c1 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      study.tell(t, TrialState.FAIL); // keeps N finished COMPLETE trials
      if (r >= warm) {
        wall[r - warm] = (w1 - w0) / 1e3 / 100;
        cpu[r - warm] = (c1 - c0) / 1e3 / 100;
      }
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT, "hone overhead %s N=%d: %.1f us wall (%.1f us cpu) per report%n",
        name, n, wall[reps / 2], cpu[reps / 2]);
  }

  static void quality(String name, Supplier<Pruner> pruner, int seeds) {
    double steps = 0;
    double best = 0;
    int pruned = 0;
    for (int seed = 0; seed < seeds; seed++) {
      AtomicLong used = new AtomicLong();
      Objective obj =
          trial -> {
            double x = trial.suggestFloat("x", 0, 1, false);
            double y = trial.suggestFloat("y", 0, 1, false);
            double v = Double.NaN;
            for (int s = 0; s < STEPS; s++) {
              v = curve(x, y, s);
              used.incrementAndGet();
              if (trial.report(s, v) == PruneDecision.STOP) {
                throw new TrialPrunedException();
              }
            }
            return v;
          };
      Study study = Study.createOrLoad(new InMemoryStudyStore(), "q", Direction.MINIMIZE,
          new RandomSampler(), pruner.get(), 1000 + seed);
      study.optimize(obj, StopCondition.trials(60), StudyListener.NONE);
      steps += used.get();
      best += study.bestTrial().map(TrialRecord::value).orElse(Double.NaN);
      pruned += study.countTrials().get(TrialState.PRUNED);
    }
    System.out.printf(Locale.ROOT,
        "hone quality %s: mean steps %.0f, mean best final loss %.4f, mean pruned %.1f of 60%n",
        name, steps / seeds, best / seeds, (double) pruned / seeds);
  }
}
