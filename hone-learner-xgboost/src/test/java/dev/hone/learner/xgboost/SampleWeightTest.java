package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Row weights. Oracle: for integer weights, XGBoost's weighted gradient statistics equal those of
 * the data with every row repeated {@code w} times (exact arithmetic), so a weighted fit and a fit
 * on the duplicated rows must predict the same; they differ only by the order in which float sums
 * are accumulated, hence the tolerance of 1e-5 on probabilities. Sampling is off (subsample = 1,
 * colsample = 1), and with 200 rows every feature has fewer distinct values than {@code max_bin},
 * so the histogram cuts are the distinct values in both fits.
 */
class SampleWeightTest {
  private static final double TOL = 1e-5;
  private final XGBoostLearner learner = new XGBoostLearner();

  private static final Map<String, Object> PARAMS =
      Map.of("n_estimators", 25, "max_depth", 3, "learning_rate", 0.3, "subsample", 1.0,
          "colsample_bytree", 1.0, "min_child_weight", 1.0, "reg_lambda", 1.0);

  @ParameterizedTest
  @CsvSource({"hist, BINARY", "exact, BINARY", "hist, REGRESSION"})
  void integerWeightsEqualDuplicatedRows(String treeMethod, TaskType task) {
    TestData.Split s = TestData.problem(task, 200, 100, 5, 0.7, 0.0, 41);
    int n = s.train().x().nRows();
    SplittableRandom rng = Seeds.rng(41, "weights", 0);
    double[] w = new double[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 1 + rng.nextInt(3); // 1, 2 or 3
      total += (int) w[i];
    }
    int[] idx = new int[total];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < (int) w[i]; r++) {
        idx[k++] = i;
      }
    }
    FeatureMatrix dupX = s.train().x().select(idx);
    double[] dupY = new double[total];
    for (int j = 0; j < total; j++) {
      dupY[j] = s.train().y()[idx[j]];
    }
    Map<String, Object> params = new java.util.HashMap<>(PARAMS);
    params.put("tree_method", treeMethod);
    int nClasses = s.nClasses();
    double[] weighted;
    double[] duplicated;
    double[] plain;
    try (XGBoostModel m =
        learner.fit(new FitRequest(s.train().x(), s.train().y(), null, null, task, nClasses,
            TestData.params(params), 5, 1, null, w))) {
      weighted = scores(m, s.valid().x(), task);
    }
    try (XGBoostModel m =
        learner.fit(new FitRequest(dupX, dupY, null, null, task, nClasses,
            TestData.params(params), 5, 1, null))) {
      duplicated = scores(m, s.valid().x(), task);
    }
    try (XGBoostModel m =
        learner.fit(new FitRequest(s.train().x(), s.train().y(), null, null, task, nClasses,
            TestData.params(params), 5, 1, null))) {
      plain = scores(m, s.valid().x(), task);
    }
    double tol = task == TaskType.REGRESSION ? TOL * 10 : TOL;
    for (int i = 0; i < weighted.length; i++) {
      assertEquals(duplicated[i], weighted[i], tol, "row " + i);
    }
    // the weights matter: the unweighted fit differs clearly
    double maxDiff = 0;
    for (int i = 0; i < plain.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(plain[i] - weighted[i]));
    }
    assertTrue(maxDiff > 1e-2, "weights changed nothing: max difference " + maxDiff);
  }

  @Test
  void unitWeightsEqualNoWeights() {
    TestData.Split s = TestData.problem(TaskType.BINARY, 200, 100, 5, 0.7, 0.0, 42);
    double[] ones = new double[s.train().x().nRows()];
    Arrays.fill(ones, 1.0);
    double[] a;
    double[] b;
    try (XGBoostModel m = learner.fit(new FitRequest(s.train().x(), s.train().y(), null, null,
        TaskType.BINARY, 2, TestData.params(PARAMS), 5, 1, null, ones))) {
      a = scores(m, s.valid().x(), TaskType.BINARY);
    }
    try (XGBoostModel m = learner.fit(new FitRequest(s.train().x(), s.train().y(), null, null,
        TaskType.BINARY, 2, TestData.params(PARAMS), 5, 1, null))) {
      b = scores(m, s.valid().x(), TaskType.BINARY);
    }
    for (int i = 0; i < a.length; i++) {
      assertEquals(b[i], a[i], 0.0, "row " + i);
    }
  }

  @Test
  void allZeroWeightsAreRefused() {
    TestData.Split s = TestData.problem(TaskType.BINARY, 50, 20, 3, 0.7, 0.0, 43);
    double[] zeros = new double[50];
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> learner.fit(new FitRequest(s.train().x(), s.train().y(), null, null,
            TaskType.BINARY, 2, TestData.params(PARAMS), 5, 1, null, zeros)));
    assertTrue(e.getMessage().contains("weight"), e.getMessage());
  }

  private static double[] scores(XGBoostModel m, FeatureMatrix x, TaskType task) {
    var p = m.predict(x);
    return task == TaskType.REGRESSION ? p.values() : p.positiveScores();
  }
}
