package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metric;
import dev.hone.explain.PermutationImportance.CorrelatedPair;
import dev.hone.explain.PermutationImportance.FeatureImportance;
import dev.hone.explain.PermutationImportance.PermutationImportanceResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {

  static double[] linear(double[] row, double[] coef, double intercept) {
    return new double[] {dot(row, coef) + intercept};
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * Oracle: scikit-learn's permutation_importance on the same fixed model and data, replaying the
   * row permutations scikit-learn applied (recorded by make_reference.py). Per-repeat importances,
   * mean and std agree to 1e-12.
   */
  @Test
  void matchesScikitLearnWithTheSamePermutations() {
    check("permutation_r2", Metric.R2, TaskType.REGRESSION);
    check("permutation_roc_auc", Metric.ROC_AUC, TaskType.BINARY);
    check("permutation_log_loss", Metric.LOG_LOSS, TaskType.BINARY);
  }

  private void check(String key, Metric metric, TaskType task) {
    JsonNode ref = Reference.get(key);
    double[][] x = Reference.matrix(ref.get("X"));
    double[] y = Reference.vector(ref.get("y"));
    double[] coef = Reference.vector(ref.get("coef"));
    double b = ref.get("intercept").asDouble();
    int reps = ref.get("n_repeats").asInt();
    int p = coef.length;
    Function<double[][], Predictions> model =
        rows -> {
          if (task == TaskType.REGRESSION) {
            double[] v = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
              v[i] = dot(rows[i], coef) + b;
            }
            return new Predictions(task, null, v);
          }
          double[][] pr = new double[rows.length][];
          for (int i = 0; i < rows.length; i++) {
            double p1 = 1 / (1 + Math.exp(-(dot(rows[i], coef) + b)));
            pr[i] = new double[] {1 - p1, p1};
          }
          return new Predictions(task, pr, null);
        };
    Map<String, List<int[]>> perms = new HashMap<>();
    for (JsonNode e : ref.get("permutations")) {
      int[] perm = new int[x.length];
      for (int i = 0; i < perm.length; i++) {
        perm[i] = e.get("permutation").get(i).asInt();
      }
      perms.computeIfAbsent("x" + e.get("column").asInt(), k -> new ArrayList<>()).add(perm);
    }
    PermutationImportanceResult r =
        PermutationImportance.compute(
            ScoreFunction.of(metric, y, model), x, TestFunctions.names(p), null,
            PermutationImportance.Options.defaults(0).withRepeats(reps),
            (name, repeat, n) -> perms.get(name).get(repeat));
    double[][] imp = Reference.matrix(ref.get("importances"));
    double[] mean = Reference.vector(ref.get("importances_mean"));
    double[] std = Reference.vector(ref.get("importances_std"));
    for (int j = 0; j < p; j++) {
      FeatureImportance fi = r.get("x" + j);
      for (int k = 0; k < reps; k++) {
        assertEquals(imp[j][k], fi.values()[k], 1e-12, key + " x" + j + " repeat " + k);
      }
      assertEquals(mean[j], fi.mean(), 1e-12);
      assertEquals(std[j], fi.std(), 1e-12);
      assertTrue(fi.ciLow() <= fi.mean() && fi.mean() <= fi.ciHigh());
    }
    assertEquals(metric.metricName(), r.metric());
    // sorted by decreasing mean
    for (int i = 1; i < r.features().size(); i++) {
      assertTrue(r.features().get(i - 1).mean() >= r.features().get(i).mean());
    }
  }

  /**
   * Analytic oracle: for a noise-free linear model and the mean squared error, the expected
   * importance of feature j over random permutations is exactly 2·w_j²·var(x_j) (population
   * variance of the column). The mean over 200 repeats is within 4% of it (the permutation noise
   * of one repeat is about sqrt(2/n) ≈ 7% relative at n = 400, so 4% is over 8 standard errors).
   * The ignored feature has importance exactly 0.
   */
  @Test
  void linearModelMatchesTheAnalyticExpectation() {
    SplittableRandom rng = Seeds.rng(51, "linear", 0);
    int n = 400;
    int p = 4;
    double[] w = {2.0, -1.0, 0.5, 0.0};
    double[][] x = new double[n][p];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        x[i][j] = rng.nextDouble() * (j + 1);
      }
      y[i] = dot(x[i], w);
    }
    ScoreFunction mse =
        ScoreFunction.of(
            "mse", false,
            rows -> {
              double s = 0;
              for (int i = 0; i < rows.length; i++) {
                double d = dot(rows[i], w) - y[i];
                s += d * d;
              }
              return s / rows.length;
            });
    PermutationImportanceResult r =
        PermutationImportance.compute(
            mse, x, TestFunctions.names(p), null, PermutationImportance.Options.defaults(3).withRepeats(200));
    for (int j = 0; j < p; j++) {
      double[] col = Matrices.column(x, j);
      double m = 0;
      for (double v : col) {
        m += v / n;
      }
      double var = 0;
      for (double v : col) {
        var += (v - m) * (v - m) / n;
      }
      double expected = 2 * w[j] * w[j] * var;
      FeatureImportance fi = r.get("x" + j);
      if (w[j] == 0) {
        assertEquals(0.0, fi.mean(), 0.0);
        assertEquals(0.0, fi.std(), 0.0);
      } else {
        assertEquals(expected, fi.mean(), 0.04 * expected, "x" + j);
      }
    }
    assertEquals(0.0, r.baselineScore(), 1e-20);
    assertEquals("x0", r.features().get(0).name());
  }

  /**
   * Grouped permutation: the columns of a group move together, so a one-hot block stays a valid
   * one-hot block; a group of one column equals the ungrouped column with the same seed.
   */
  @Test
  void groupsArePermutedJointly() {
    SplittableRandom rng = Seeds.rng(52, "group", 0);
    int n = 100;
    double[][] x = new double[n][5];
    for (double[] r : x) {
      r[0] = rng.nextDouble();
      r[1] = rng.nextDouble();
      int level = rng.nextInt(3);
      for (int l = 0; l < 3; l++) {
        r[2 + l] = l == level ? 1 : 0;
      }
    }
    List<String> names = List.of("a", "b", "c=red", "c=green", "c=blue");
    Map<String, String> groups = Map.of("c=red", "c", "c=green", "c", "c=blue", "c");
    double[] coef = {1, 2, 0.5, -0.5, 1.5};
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = dot(x[i], coef) + 0.1 * rng.nextDouble();
    }
    ScoreFunction score =
        ScoreFunction.of(
            Metric.RMSE, y,
            rows -> {
              double[] v = new double[rows.length];
              for (int i = 0; i < rows.length; i++) {
                double sum = rows[i][2] + rows[i][3] + rows[i][4];
                assertEquals(1.0, sum, 0.0, "a permuted one-hot block must stay one-hot");
                v[i] = dot(rows[i], coef);
              }
              return new Predictions(TaskType.REGRESSION, null, v);
            });
    PermutationImportanceResult grouped =
        PermutationImportance.compute(score, x, names, groups, PermutationImportance.Options.defaults(9));
    assertEquals(3, grouped.features().size());
    assertEquals(List.of("c=red", "c=green", "c=blue"), grouped.get("c").columns());
    ScoreFunction plain =
        ScoreFunction.of(
            Metric.RMSE, y,
            rows -> {
              double[] v = new double[rows.length];
              for (int i = 0; i < rows.length; i++) {
                v[i] = dot(rows[i], coef);
              }
              return new Predictions(TaskType.REGRESSION, null, v);
            });
    PermutationImportanceResult single =
        PermutationImportance.compute(plain, x, names, null, PermutationImportance.Options.defaults(9));
    assertEquals(5, single.features().size());
    assertTrue(java.util.Arrays.equals(grouped.get("a").values(), single.get("a").values()));
    assertTrue(java.util.Arrays.equals(grouped.get("b").values(), single.get("b").values()));
    // a raw per-column permutation would break the one-hot invariant
    assertThrows(
        org.opentest4j.AssertionFailedError.class,
        () -> PermutationImportance.compute(score, x, names, null, PermutationImportance.Options.defaults(9)));
    // JSON round trip
    PermutationImportanceResult back = Json.read(Json.write(grouped), PermutationImportanceResult.class);
    assertEquals(grouped.get("c").mean(), back.get("c").mean(), 0.0);
  }

  /** Oracle: numpy.corrcoef; pairs at or above the threshold are flagged, strongest first. */
  @Test
  void correlatedPairsAreFlagged() {
    JsonNode ref = Reference.get("correlation");
    double[][] x = Reference.matrix(ref.get("X"));
    double[][] c = Reference.matrix(ref.get("corrcoef"));
    List<CorrelatedPair> pairs = PermutationImportance.correlatedPairs(x, TestFunctions.names(4), null, 0.8);
    int expected = 0;
    for (int a = 0; a < 4; a++) {
      for (int b = a + 1; b < 4; b++) {
        if (Math.abs(c[a][b]) >= 0.8) {
          expected++;
        }
      }
    }
    assertEquals(2, expected);
    assertEquals(expected, pairs.size());
    for (CorrelatedPair p : pairs) {
      int a = Integer.parseInt(p.featureA().substring(1));
      int b = Integer.parseInt(p.featureB().substring(1));
      assertEquals(c[a][b], p.correlation(), 1e-12);
    }
    assertTrue(Math.abs(pairs.get(0).correlation()) >= Math.abs(pairs.get(1).correlation()));
    // the same pair inside one group is not flagged
    assertEquals(
        1, PermutationImportance.correlatedPairs(x, TestFunctions.names(4), Map.of("x2", "g", "x3", "g"), 0.8).size());
  }

  /** Oracle: scipy.stats.t.ppf(0.975, df). */
  @Test
  void studentTQuantilesMatchScipy() {
    JsonNode ref = Reference.get("t_quantiles");
    ref.fieldNames()
        .forEachRemaining(
            df -> assertEquals(
                ref.get(df).asDouble(), Stats.studentTQuantile(0.975, Double.parseDouble(df)), 1e-9, "df " + df));
  }
}
