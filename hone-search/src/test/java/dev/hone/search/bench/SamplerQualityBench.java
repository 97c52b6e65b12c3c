package dev.hone.search.bench;

import dev.hone.search.sampler.GpSampler;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Optimisation quality (bench/samplers.sh runs it beside optuna_quality.py): mean and standard
 * deviation over seeds 0..S-1 of the best value after a fixed budget, per task and sampler. The
 * tasks and budgets are defined identically in optuna_quality.py.
 *
 * <p>Usage: {@code SamplerQualityBench SEEDS [sampler ...]} with samplers among {@code tpe,
 * tpe-mv, gp, random}.
 */
public final class SamplerQualityBench {
  private SamplerQualityBench() {}

  record Task(String name, int budget, Objective objective) {}

  static double branin(double x1, double x2) {
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    double u = x2 - b * x1 * x1 + c * x1 - 6;
    return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
  static final double[][] A = {{10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14},
      {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  static final double[][] P = {{1312, 1696, 5569, 124, 8283, 5886},
      {2329, 4135, 8307, 3736, 1004, 9991}, {2348, 1451, 3522, 2883, 3047, 6650},
      {4047, 8828, 8732, 5743, 1091, 381}};

  static final List<Task> TASKS = List.of(
      new Task("branin", 60, t -> branin(t.suggestFloat("x1", -5, 10, false),
          t.suggestFloat("x2", 0, 15, false))),
      new Task("hartmann6", 100, t -> {
        double s = 0;
        double[] x = new double[6];
        for (int j = 0; j < 6; j++) {
          x[j] = t.suggestFloat("x" + j, 0, 1, false);
        }
        for (int i = 0; i < 4; i++) {
          double in = 0;
          for (int j = 0; j < 6; j++) {
            in += A[i][j] * (x[j] - P[i][j] * 1e-4) * (x[j] - P[i][j] * 1e-4);
          }
          s += ALPHA[i] * Math.exp(-in);
        }
        return -s;
      }),
      new Task("rosenbrock10", 100, t -> {
        double[] x = new double[10];
        for (int j = 0; j < 10; j++) {
          x[j] = t.suggestFloat("x" + j, -2.048, 2.048, false);
        }
        double s = 0;
        for (int i = 0; i < 9; i++) {
          s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
        }
        return s;
      }),
      new Task("conditional", 80, t -> {
        String kind = t.suggestCategorical("kind", List.of("quad", "branin"));
        if (kind.equals("quad")) {
          double x = t.suggestFloat("x", -3, 3, false);
          long n = t.suggestInt("n", 1, 20, false);
          double lr = t.suggestFloat("lr", 1e-4, 1, true);
          return (x - 1) * (x - 1) + (n - 7) * (n - 7) / 20.0
              + Math.pow(Math.log10(lr) + 2, 2);
        }
        return branin(t.suggestFloat("a", -5, 10, false), t.suggestFloat("b", 0, 15, false));
      }));

  static Map<String, Supplier<Sampler>> samplers() {
    Map<String, Supplier<Sampler>> m = new LinkedHashMap<>();
    m.put("tpe", TpeSampler::new);
    m.put("tpe-mv", () -> new TpeSampler(
        TpeSampler.Options.defaults().withMultivariate(true, true)));
    m.put("gp", GpSampler::new);
    m.put("random", RandomSampler::new);
    return m;
  }

  public static void main(String[] args) {
    int seeds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    List<String> which = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      which.add(args[i]);
    }
    Map<String, Supplier<Sampler>> all = samplers();
    for (Task task : TASKS) {
      for (Map.Entry<String, Supplier<Sampler>> s : all.entrySet()) {
        if (!which.isEmpty() && !which.contains(s.getKey())) {
          continue;
        }
        double[] best = new double[seeds];
        long t0 = System.nanoTime();
        for (int seed = 0; seed < seeds; seed++) {
          Study study = Study.createOrLoad(new InMemoryStudyStore(), task.name(),
              Direction.MINIMIZE, s.getValue().get(), seed);
          study.optimize(task.objective(), StopCondition.trials(task.budget()),
              StudyListener.NONE);
          best[seed] = study.trials().stream().filter(r -> r.state() == TrialState.COMPLETE)
              .mapToDouble(TrialRecord::value).min().orElse(Double.NaN);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double mean = java.util.Arrays.stream(best).average().orElse(Double.NaN);
        double sd = Math.sqrt(java.util.Arrays.stream(best).map(b -> (b - mean) * (b - mean))
            .sum() / Math.max(1, seeds - 1));
        System.out.printf(Locale.ROOT, "hone %s %s budget=%d seeds=%d mean_best=%.6g sd=%.3g"
            + " seconds=%.1f%n", task.name(), s.getKey(), task.budget(), seeds, mean, sd, secs);
      }
    }
  }
}
