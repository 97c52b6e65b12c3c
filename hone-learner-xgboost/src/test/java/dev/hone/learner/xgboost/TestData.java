package dev.hone.learner.xgboost;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded synthetic data sets and request builders shared by the tests. */
final class TestData {
  private TestData() {}

  /** Features and labels. */
  record Set(FeatureMatrix x, double[] y) {}

  /** Train and validation parts of one synthetic problem. */
  record Split(Set train, Set valid, TaskType task, int nClasses) {}

  static List<String> names(int f) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < f; j++) {
      names.add("x" + j);
    }
    return names;
  }

  /**
   * A synthetic problem with a known signal: a linear score of the first features plus an
   * interaction, turned into labels by task; {@code missing} is the fraction of NaN cells.
   */
  static Split problem(
      TaskType task, int nTrain, int nValid, int f, double labelNoise, double missing, long seed) {
    int k = task == TaskType.MULTICLASS ? 3 : task == TaskType.BINARY ? 2 : 0;
    Set train = make(task, nTrain, f, labelNoise, missing, Seeds.rng(seed, "train", 0));
    Set valid = make(task, nValid, f, labelNoise, missing, Seeds.rng(seed, "valid", 0));
    return new Split(train, valid, task, k);
  }

  private static Set make(
      TaskType task, int n, int f, double noise, double missing, SplittableRandom rng) {
    float[] x = new float[n * f];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < f; j++) {
        float v = (float) (rng.nextDouble() * 4 - 2);
        x[i * f + j] = v;
        if (j < 4) {
          s += v * (j + 1) * 0.5;
        }
      }
      s += x[i * f] * x[i * f + 1];
      double e = gaussian(rng) * noise;
      y[i] =
          switch (task) {
            case BINARY -> s + e > 0 ? 1 : 0;
            case MULTICLASS -> s + e < -1 ? 0 : (s + e < 1.5 ? 1 : 2);
            case REGRESSION -> s + e;
          };
      for (int j = 0; j < f; j++) {
        if (missing > 0 && rng.nextDouble() < missing) {
          x[i * f + j] = Float.NaN;
        }
      }
    }
    return new Set(new FeatureMatrix(x, n, names(f)), y);
  }

  static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  static ParamSet params(Map<String, ?> given) {
    return ParamSet.resolve(XGBoostParams.all(), given);
  }

  static FitRequest request(Split s, Map<String, ?> params, long seed, ReportSink sink) {
    return new FitRequest(
        s.train().x(), s.train().y(), s.valid().x(), s.valid().y(), s.task(), s.nClasses(),
        params(params), seed, 1, sink);
  }

  static FitRequest requestNoValidation(Split s, Map<String, ?> params, long seed) {
    return new FitRequest(
        s.train().x(), s.train().y(), null, null, s.task(), s.nClasses(), params(params), seed, 1,
        null);
  }
}
