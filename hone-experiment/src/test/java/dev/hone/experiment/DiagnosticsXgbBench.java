package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.core.params.ParamSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Times {@link Diagnostics#compute} — the whole diagnostics suite at its defaults — with a real
 * XGBoost model (300 trees of depth 6, 2 threads) on a 30,000-row, 20-feature table (test split =
 * the same rows), regression and binary, and reports the share of time spent in the model's
 * predictions. Run through {@code bench/eval_diagnostics.sh}; arguments: warm-up rounds, counted
 * rounds.
 */
public final class DiagnosticsXgbBench {
  private DiagnosticsXgbBench() {}

  /** Delegates to a model and accumulates the time and rows of its predictions. */
  static final class TimedModel implements Model {
    final Model inner;
    long nanos;
    long rows;

    TimedModel(Model inner) {
      this.inner = inner;
    }

    @Override
    public String learnerName() {
      return inner.learnerName();
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
      long t = System.nanoTime();
      Predictions p = inner.predict(x);
      nanos += System.nanoTime() - t;
      rows += x.nRows();
      return p;
    }

    @Override
    public void save(Path dir) {
      inner.save(dir);
    }

    @Override
    public Map<String, Object> fitInfo() {
      return inner.fitInfo();
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) {
    int warmups = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int n = 30_000;
    int p = 20;
    SplittableRandom rng = new SplittableRandom(42);
    float[] data = new float[n * p];
    String[] names = new String[p];
    for (int j = 0; j < p; j++) {
      names[j] = "f" + j;
    }
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (rng.nextDouble() * 4 - 2);
    }
    FeatureMatrix x = new FeatureMatrix(data, n, List.of(names));
    double[] yReg = new double[n];
    double[] yBin = new double[n];
    for (int i = 0; i < n; i++) {
      double z = Math.sin(x.get(i, 0)) * 2 + x.get(i, 1) * x.get(i, 2) + 0.5 * x.get(i, 3);
      yReg[i] = z + 0.3 * (rng.nextDouble() - 0.5);
      yBin[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    Learner learner = Learners.byName("xgboost");
    ParamSet params = ParamSet.resolve(learner.paramSpecs(),
        Map.of("n_estimators", 300L, "max_depth", 6L, "learning_rate", 0.1));
    System.out.printf(Locale.ROOT, "%d rows x %d features, XGBoost 300 trees depth 6, 2 threads,"
        + " %d warm-up + %d counted rounds%n", n, p, warmups, repeats);
    System.out.printf(Locale.ROOT, "%-12s %10s %12s %12s %10s%n", "task", "median_ms",
        "predict_ms", "pred_rows", "share_%");
    for (TaskType task : List.of(TaskType.REGRESSION, TaskType.BINARY)) {
      double[] y = task == TaskType.REGRESSION ? yReg : yBin;
      try (Model model = learner.fit(new FitRequest(x, y, null, null, task,
          task == TaskType.REGRESSION ? 0 : 2, params, 1, 2, null))) {
        Predictions pred = model.predict(x);
        double[] wall = new double[repeats];
        double[] inside = new double[repeats];
        long rows = 0;
        for (int r = 0; r < warmups + repeats; r++) {
          TimedModel timed = new TimedModel(model);
          long t0 = System.nanoTime();
          Diagnostics.Result res = Diagnostics.compute(task, y, pred, x, x, timed, 7);
          long t1 = System.nanoTime();
          if (res.sobol() == null) {
            throw new AssertionError();
          }
          if (r >= warmups) {
            wall[r - warmups] = (t1 - t0) / 1e6;
            inside[r - warmups] = timed.nanos / 1e6;
            rows = timed.rows;
          }
        }
        double w = median(wall);
        double in = median(inside);
        System.out.printf(Locale.ROOT, "%-12s %10.0f %12.0f %12d %10.1f%n",
            task.name().toLowerCase(Locale.ROOT), w, in, rows, 100 * in / w);
      }
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
