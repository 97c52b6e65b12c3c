package dev.hone.experiment;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Repeatability of {@link DeploymentMetrics.LatencyProbe}: fits one model per XGBoost family on a
 * seeded synthetic binary problem (20,000 x 50, 2 threads), then measures the p95 single-row
 * latency of the same model {@code measurements} times with the default probe and prints each
 * value, the ratio max/min and the spread relative to the median. Run through {@code
 * bench/family_latency.sh}; arguments: measurements (default 5).
 */
public final class LatencyRepeatabilityBench {
  private LatencyRepeatabilityBench() {}

  public static void main(String[] args) {
    int measurements = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int n = 20_000;
    int f = 50;
    SplittableRandom rng = Seeds.rng(7, "bench", 0);
    float[] x = new float[n * f];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < f; j++) {
        float v = (float) rng.nextGaussian();
        x[i * f + j] = v;
        s += j < 5 ? v * (j + 1) : 0;
      }
      y[i] = s + rng.nextGaussian() > 0 ? 1 : 0;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      names.add("x" + j);
    }
    int nt = n * 3 / 4;
    FeatureMatrix train = new FeatureMatrix(java.util.Arrays.copyOf(x, nt * f), nt, names);
    FeatureMatrix valid = new FeatureMatrix(
        java.util.Arrays.copyOfRange(x, nt * f, n * f), n - nt, names);
    double[] ytr = java.util.Arrays.copyOf(y, nt);
    double[] yva = java.util.Arrays.copyOfRange(y, nt, n);
    Map<String, Map<String, Object>> params = Map.of(
        "gbtree", Map.of("n_estimators", 200L, "early_stopping_rounds", 0L),
        "dart", Map.of("n_estimators", 100L, "early_stopping_rounds", 0L, "rate_drop", 0.1),
        "gblinear", Map.of("n_estimators", 100L),
        "rf", Map.of("num_parallel_tree", 100L));
    DeploymentMetrics.LatencyProbe probe = DeploymentMetrics.LatencyProbe.DEFAULTS;
    for (String fam : List.of("gbtree", "dart", "gblinear", "rf")) {
      Learner l = FamilySpace.select(fam, Learners.all()).families().get(0).learner();
      ParamSet p = ParamSet.resolve(l.paramSpecs(), params.get(fam));
      try (Model m = l.fit(new FitRequest(train, ytr, valid, yva, TaskType.BINARY, 2, p, 1, 2,
          null))) {
        double[] v = new double[measurements];
        for (int r = 0; r < measurements; r++) {
          v[r] = probe.p95Millis(m, valid);
        }
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        double med = DeploymentMetrics.median(v);
        System.out.printf(Locale.ROOT,
            "%-9s p95 ms per measurement %s  max/min %.2f  (max-min)/median %.0f%%  bytes %d%n",
            fam, java.util.Arrays.toString(round(v)), s[s.length - 1] / s[0],
            100 * (s[s.length - 1] - s[0]) / med, DeploymentMetrics.savedBytes(m));
      }
    }
  }

  private static double[] round(double[] v) {
    double[] o = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      o[i] = Math.round(v[i] * 1000) / 1000.0;
    }
    return o;
  }
}
