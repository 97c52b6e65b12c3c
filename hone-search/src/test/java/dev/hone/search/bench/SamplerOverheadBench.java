package dev.hone.search.bench;

import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.StudyInfo;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Study;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Sampler overhead per suggestion (bench/samplers.sh runs it beside optuna_overhead.py): a
 * history of N finished trials with random values in a 10-parameter mixed space is written once
 * into an in-memory store; then each timed step is {@code ask()}, the 10 suggestions and {@code
 * tell}. Prints one line per (sampler, N): median and mean wall milliseconds, and median and
 * minimum thread-CPU milliseconds, over the timed steps (CPU time is the robust figure on a
 * shared machine).
 *
 * <p>Usage: {@code SamplerOverheadBench [warmup] [repeats] [N...]}.
 */
public final class SamplerOverheadBench {
  private SamplerOverheadBench() {}

  /** The 10-parameter mixed space, the same as in optuna_overhead.py. */
  public static final SearchSpace SPACE = SearchSpace.builder()
      .add("x0", FloatDistribution.of(-5, 5))
      .add("x1", FloatDistribution.of(0, 1))
      .add("lr", FloatDistribution.logOf(1e-5, 1))
      .add("q", FloatDistribution.stepped(0, 1, 0.05))
      .add("depth", IntDistribution.of(1, 12))
      .add("leaves", IntDistribution.logOf(2, 512))
      .add("bins", new IntDistribution(16, 256, false, 16))
      .add("n", IntDistribution.of(0, 100))
      .add("booster", CategoricalDistribution.of("gbtree", "dart", "gblinear"))
      .add("loss", CategoricalDistribution.of("a", "b", "c", "d", "e"))
      .build();

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int[] sizes = args.length > 2
        ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
        : new int[] {100, 1000, 5000};
    for (int n : sizes) {
      for (String mode : new String[] {"independent", "multivariate"}) {
        TpeSampler.Options o = TpeSampler.Options.defaults();
        if (mode.equals("multivariate")) {
          o = o.withMultivariate(true, false);
        }
        double[][] r = time(new TpeSampler(o), n, warmup, repeats);
        double[] ms = r[0];
        double[] cpu = r[1];
        Arrays.sort(ms);
        Arrays.sort(cpu);
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        System.out.printf(Locale.ROOT,
            "hone tpe-%s n=%d median_ms=%.3f mean_ms=%.3f cpu_median_ms=%.3f cpu_min_ms=%.3f%n",
            mode, n, ms[ms.length / 2], mean, cpu[cpu.length / 2], cpu[0]);
      }
    }
  }

  /** Wall and thread-CPU milliseconds of each timed step: {@code [0]} wall, {@code [1]} CPU. */
  static double[][] time(Sampler sampler, int n, int warmup, int repeats) {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    InMemoryStudyStore store = new InMemoryStudyStore();
    StudyInfo info = store.createStudyIfAbsent("bench", Direction.MINIMIZE, 1);
    SplittableRandom rng = new SplittableRandom(7);
    for (int t = 0; t < n; t++) {
      TrialRecord r = store.createTrial(info.id(), Instant.EPOCH);
      SPACE.distributions().forEach((name, d) -> store.setTrialParam(info.id(), r.number(), name,
          dev.hone.search.sampler.RandomSampler.sample(d, rng), d));
      store.finishTrial(info.id(), r.number(), TrialState.COMPLETE, rng.nextDouble(),
          Instant.EPOCH);
    }
    Study study = Study.createOrLoad(store, "bench", Direction.MINIMIZE, sampler, 1);
    double[] out = new double[repeats];
    double[] cpu = new double[repeats];
    for (int i = 0; i < warmup + repeats; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      Trial trial = study.ask();
      trial.suggestAll(SPACE);
      study.tell(trial, rng.nextDouble());
      long t1 = System.nanoTime();
      long c1 = mx.getCurrentThreadCpuTime();
      if (i >= warmup) {
        out[i - warmup] = (t1 - t0) / 1e6;
        cpu[i - warmup] = (c1 - c0) / 1e6;
      }
    }
    return new double[][] {out, cpu};
  }
}
