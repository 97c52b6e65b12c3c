package dev.hone.explain.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.random.Seeds;
import dev.hone.explain.ContributionExplainer;
import dev.hone.explain.ContributionSource;
import dev.hone.explain.Explanation;
import dev.hone.explain.Matrices;
import dev.hone.explain.RealData;
import dev.hone.learner.xgboost.XGBoostModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oracle: XGBoost itself (XGBoost4J {@code predictMargin} and {@code predictContrib}). The parsed
 * ensemble's margin and Hone's path-dependent TreeSHAP must equal the engine's to {@code 1e-5 ·
 * max(1, |value|)} — the engine computes in float32 (about 7 significant digits) and sums over
 * tens of trees, while Hone computes in double.
 */
class XGBoostCrossCheckTest {
  static final double TOL = 1e-5;

  @TempDir Path dir;

  /** The adapter the application wires (see ContributionSource). */
  static ContributionSource source(XGBoostModel model) {
    int k = model.task() == TaskType.MULTICLASS ? model.nClasses() : 1;
    return new ContributionSource() {
      @Override
      public List<String> featureNames() {
        return model.featureNames();
      }

      @Override
      public int nOutputs() {
        return k;
      }

      @Override
      public double[][] contributions(double[][] x, int output) {
        return model.predictContrib(Matrices.toFeatureMatrix(x, featureNames()), output);
      }

      @Override
      public double[][] margins(double[][] x) {
        return model.predictMargin(Matrices.toFeatureMatrix(x, featureNames()));
      }
    };
  }

  /** Compares margins, TreeSHAP values and base values on {@code rows} of {@code x}. */
  void crossCheck(XGBoostModel model, FeatureMatrix x, int[] rows, String what) {
    Path saved = dir.resolve(what);
    model.save(saved);
    TreeEnsemble e = XGBoostJson.parse(saved.resolve("model.json"), model.bestIteration() + 1);
    FeatureMatrix sub = x.select(rows);
    double[][] xs = Matrices.toRows(sub);
    double[][] engineMargin = model.predictMargin(sub);
    double[][] ours = e.predictMargin(xs);
    int groups = e.nGroups();
    for (int r = 0; r < rows.length; r++) {
      for (int g = 0; g < groups; g++) {
        assertEquals(
            engineMargin[r][g], ours[r][g], TOL * Math.max(1, Math.abs(engineMargin[r][g])),
            what + " margin row " + r + " group " + g);
      }
    }
    TreeShap shap = new TreeShap(e);
    List<Explanation> hone = shap.explain(xs, null);
    List<Explanation> engine = new ContributionExplainer(source(model)).explain(xs, null);
    assertEquals(groups, hone.size());
    assertEquals(groups, engine.size());
    double worst = 0;
    for (int g = 0; g < groups; g++) {
      Explanation h = hone.get(g);
      Explanation n = engine.get(g);
      for (int r = 0; r < rows.length; r++) {
        double scale = Math.max(1, Math.abs(n.predictions()[r]));
        for (int j = 0; j < e.nFeatures(); j++) {
          double d = Math.abs(h.values()[r][j] - n.values()[r][j]);
          worst = Math.max(worst, d / scale);
          assertTrue(
              d <= TOL * scale,
              what + " row " + r + " feature " + e.featureNames().get(j) + ": hone "
                  + h.values()[r][j] + " xgboost " + n.values()[r][j]);
        }
        assertEquals(n.baseValues()[r], h.baseValues()[r], TOL * scale, what + " base value");
        // Hone's TreeSHAP: exact efficiency against the parsed ensemble's margin
        assertTrue(Math.abs(h.efficiencyGap(r)) <= 1e-9 * scale, what + " efficiency");
        // the engine's: efficiency to float rounding against its own margin
        assertTrue(Math.abs(n.efficiencyGap(r)) <= TOL * scale, what + " engine efficiency");
      }
    }
    assertTrue(worst < TOL);
  }

  /** Synthetic data with 20% missing values: binary, regression and 3-class models. */
  @Test
  void syntheticModelsWithMissingValues() {
    for (TaskType task : TaskType.values()) {
      SplittableRandom rng = Seeds.rng(41, task.name(), 0);
      int n = 1500;
      int f = 8;
      float[] data = new float[n * f];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        float[] v = new float[f];
        for (int j = 0; j < f; j++) {
          v[j] = (float) (rng.nextDouble() * 4 - 2);
          data[i * f + j] = rng.nextDouble() < 0.2 ? Float.NaN : v[j];
          s += (j < 4 ? (j + 1) * 0.5 : 0.1) * v[j];
        }
        s += v[0] * 0.8 * v[1];
        s += rng.nextDouble() - 0.5;
        y[i] =
            switch (task) {
              case BINARY -> s > 0 ? 1 : 0;
              case MULTICLASS -> s < -1 ? 0 : s < 1.5 ? 1 : 2;
              case REGRESSION -> s;
            };
      }
      FeatureMatrix x = new FeatureMatrix(data, n, RealDataNames.names(f));
      int k = task == TaskType.MULTICLASS ? 3 : task == TaskType.BINARY ? 2 : 0;
      try (XGBoostModel model =
          RealData.fit(x, y, task, k, Map.of("n_estimators", 30L, "max_depth", 5L), 7)) {
        int[] rows = new int[200];
        for (int i = 0; i < rows.length; i++) {
          rows[i] = i * 7;
        }
        crossCheck(model, x, rows, task.name());
      }
    }
  }

  /**
   * Adult (binary; one-hot categoricals, missing values as '?'): fitted on 12,000 of the 32,561
   * training rows to keep the suite fast, checked on 250 rows spread over the file.
   */
  @Test
  void adult() {
    RealData.Prepared d = RealData.load("adult", dir.resolve("cache"));
    int[] train = every(d.x().nRows(), 12_000);
    double[] y = Arrays.stream(train).mapToDouble(i -> d.y()[i]).toArray();
    try (XGBoostModel model =
        RealData.fit(d.x().select(train), y, d.task(), d.nClasses(), Map.of("n_estimators", 30L, "max_depth", 6L), 3)) {
      crossCheck(model, d.x(), every(d.x().nRows(), 250), "adult");
    }
  }

  /**
   * California housing (regression; target in units of 100,000 USD; missing total_bedrooms,
   * one-hot ocean_proximity): fitted on 12,000 of the 20,640 rows.
   */
  @Test
  void californiaHousing() {
    RealData.Prepared d = RealData.load("california_housing", dir.resolve("cache"));
    int[] train = every(d.x().nRows(), 12_000);
    double[] y = Arrays.stream(train).mapToDouble(i -> d.y()[i] / 100_000).toArray();
    try (XGBoostModel model =
        RealData.fit(d.x().select(train), y, d.task(), 0, Map.of("n_estimators", 30L, "max_depth", 6L), 4)) {
      crossCheck(model, d.x(), every(d.x().nRows(), 250), "california_housing");
    }
  }

  static int[] every(int n, int count) {
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      rows[i] = (int) ((long) i * n / count);
    }
    return rows;
  }

  /** Column names for synthetic data. */
  static final class RealDataNames {
    static List<String> names(int f) {
      String[] n = new String[f];
      for (int j = 0; j < f; j++) {
        n[j] = "x" + j;
      }
      return List.of(n);
    }
  }
}
