package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XGBoostLearnerTest {
  private final XGBoostLearner learner = new XGBoostLearner();

  private static final TestData.Split BINARY =
      TestData.problem(TaskType.BINARY, 600, 300, 8, 0.8, 0.0, 11);

  /** Noisy labels, deep trees and a large step: validation loss turns upwards early. */
  private static final TestData.Split OVERFIT =
      TestData.problem(TaskType.BINARY, 300, 300, 8, 4.0, 0.0, 12);

  private static final Map<String, Object> OVERFIT_PARAMS =
      Map.of("learning_rate", 0.5, "max_depth", 8, "min_child_weight", 0.01, "n_estimators", 200,
          "early_stopping_rounds", 5);

  @Test
  void isFoundThroughServiceLoader() {
    List<String> names = new ArrayList<>();
    for (Learner l : ServiceLoader.load(Learner.class)) {
      names.add(l.name());
    }
    assertTrue(names.contains("xgboost"), names.toString());
    assertEquals(XGBoostParams.all(), learner.paramSpecs());
  }

  @Test
  void engineVersionComesFromTheJarOnTheClassPath() throws Exception {
    // independent source: the version in the jar's file name, xgboost4j_2.12-<version>.jar
    Path jar = Path.of(XGBoost.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Matcher m = Pattern.compile("xgboost4j_2\\.12-(.+)\\.jar").matcher(jar.getFileName().toString());
    assertTrue(m.matches(), jar.toString());
    assertEquals(Map.of("xgboost4j", m.group(1)), learner.engineVersions());
  }

  @Test
  void sameSeedGivesIdenticalPredictions() {
    Map<String, Object> p = Map.of("subsample", 0.7, "colsample_bytree", 0.7, "n_estimators", 30);
    try (XGBoostModel a = learner.fit(TestData.request(BINARY, p, 5, null));
        XGBoostModel b = learner.fit(TestData.request(BINARY, p, 5, null));
        XGBoostModel c = learner.fit(TestData.request(BINARY, p, 6, null))) {
      double[] pa = a.predict(BINARY.valid().x()).positiveScores();
      assertArrayEquals(pa, b.predict(BINARY.valid().x()).positiveScores());
      assertFalse(
          java.util.Arrays.equals(pa, c.predict(BINARY.valid().x()).positiveScores()),
          "a different seed must change a subsampled model");
    }
  }

  @Test
  void earlyStoppingStopsAfterPatienceRoundsWithoutImprovement() {
    List<Double> seen = new ArrayList<>();
    try (XGBoostModel m =
        learner.fit(
            TestData.request(
                OVERFIT, OVERFIT_PARAMS, 1, (step, v) -> seen.add(v) || true))) {
      Map<String, Object> info = m.fitInfo();
      int best = (Integer) info.get("best_iteration");
      int rounds = (Integer) info.get("rounds_trained");
      assertEquals("early_stopping", info.get("stopped_by"));
      assertTrue(rounds < 200, "rounds " + rounds);
      assertEquals(best + 5 + 1, rounds);
      assertEquals(rounds, seen.size());
      // best is the first minimum of the reported values, and its value is recorded
      int argmin = 0;
      for (int r = 1; r < seen.size(); r++) {
        if (seen.get(r) < seen.get(argmin)) {
          argmin = r;
        }
      }
      assertEquals(argmin, best);
      assertEquals(seen.get(best), (Double) info.get("best_validation_score"));
      assertEquals(best, m.bestIteration());
      assertEquals(StopReason.EARLY_STOPPING, m.stopReason());
      // the loss did increase after the best round
      assertTrue(seen.get(rounds - 1) > seen.get(best));
    }
  }

  @Test
  void modelUsesRoundsUpToBestIterationOnly() {
    try (XGBoostModel stopped = learner.fit(TestData.request(OVERFIT, OVERFIT_PARAMS, 1, null))) {
      int best = stopped.bestIteration();
      assertTrue(best + 1 < stopped.roundsTrained());
      Map<String, Object> exact = new HashMap<>(OVERFIT_PARAMS);
      exact.put("n_estimators", best + 1);
      try (XGBoostModel reference =
          learner.fit(TestData.requestNoValidation(OVERFIT, exact, 1))) {
        assertEquals(best + 1, reference.roundsTrained());
        for (var x : List.of(OVERFIT.valid().x(), OVERFIT.train().x())) {
          double[] want = reference.predict(x).positiveScores();
          assertArrayEquals(want, stopped.predict(x).positiveScores());
          assertArrayEquals(want, stopped.predict(x, best + 1).positiveScores());
          assertFalse(
              java.util.Arrays.equals(
                  want, stopped.predict(x, stopped.roundsTrained()).positiveScores()),
              "all rounds must differ from the truncated model, or this test proves nothing");
        }
      }
    }
  }

  @Test
  void sinkReturningFalseStopsTraining() {
    List<Integer> steps = new ArrayList<>();
    FitRequest r =
        TestData.request(
            BINARY, Map.of("n_estimators", 100), 1,
            (step, v) -> {
              steps.add(step);
              return step < 5;
            });
    try (XGBoostModel m = learner.fit(r)) {
      assertEquals(6, m.roundsTrained());
      assertEquals(List.of(0, 1, 2, 3, 4, 5), steps);
      assertEquals("sink", m.fitInfo().get("stopped_by"));
      assertTrue(m.bestIteration() <= 5);
    }
  }

  @Test
  void withoutValidationTheSinkSeesEveryRoundAsNaNAndCanStopTraining() {
    List<Integer> steps = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    TestData.Split s = BINARY;
    FitRequest r = new FitRequest(
        s.train().x(), s.train().y(), null, null, s.task(), s.nClasses(),
        TestData.params(Map.of("n_estimators", 40)), 1, 1,
        (step, v) -> {
          steps.add(step);
          values.add(v);
          return step < 6; // a deadline reached after round 6
        });
    try (XGBoostModel m = learner.fit(r)) {
      assertEquals(7, m.roundsTrained());
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), steps);
      assertTrue(values.stream().allMatch(v -> Double.isNaN(v)), values.toString());
      assertEquals("sink", m.fitInfo().get("stopped_by"));
    }
  }

  @Test
  void anExceptionFromTheSinkPropagatesUnchanged() {
    IllegalStateException boom = new IllegalStateException("pruned");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                learner.fit(
                    TestData.request(
                        BINARY, Map.of("n_estimators", 10), 1,
                        (step, v) -> {
                          if (step == 2) {
                            throw boom;
                          }
                          return true;
                        })));
    assertTrue(e == boom);
  }

  @Test
  void withoutValidationTrainsExactlyNEstimatorsAndReportsEachRoundAsNaN(@TempDir Path dir) {
    List<Integer> steps = new ArrayList<>();
    FitRequest r =
        new FitRequest(
            BINARY.train().x(), BINARY.train().y(), null, null, TaskType.BINARY, 2,
            TestData.params(Map.of("n_estimators", 17, "early_stopping_rounds", 1)), 3, 1,
            (step, v) -> steps.add(step));
    try (XGBoostModel m = learner.fit(r)) {
      assertEquals(17, m.roundsTrained());
      assertEquals(16, m.bestIteration());
      assertEquals("max_rounds", m.fitInfo().get("stopped_by"));
      assertTrue(Double.isNaN(m.bestValidationScore()));
      assertEquals(17, steps.size()); // the sink may stop a refit at a deadline
      assertEquals(16, steps.get(16));
      m.save(dir);
      try (XGBoostModel back = learner.load(dir, 1)) {
        assertTrue(Double.isNaN(back.bestValidationScore()));
        assertEquals(StopReason.MAX_ROUNDS, back.stopReason());
        assertArrayEquals(
            m.predict(BINARY.valid().x()).positiveScores(),
            back.predict(BINARY.valid().x()).positiveScores());
      }
    }
  }

  @Test
  void earlyStoppingOffKeepsEveryRound() {
    List<Double> seen = new ArrayList<>();
    Map<String, Object> p = new HashMap<>(OVERFIT_PARAMS);
    p.put("early_stopping_rounds", 0);
    p.put("n_estimators", 40);
    try (XGBoostModel m = learner.fit(TestData.request(OVERFIT, p, 1, (s, v) -> seen.add(v)))) {
      assertEquals(40, m.roundsTrained());
      assertEquals(39, m.bestIteration());
      assertEquals(seen.get(39), m.bestValidationScore());
      assertEquals("max_rounds", m.fitInfo().get("stopped_by"));
    }
  }

  /** Binary cross-entropy, clipped like XGBoost's evaluator (eps 1e-16). */
  private static double logloss(double[] y, double[][] p) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      double q = Math.min(Math.max(p[i][(int) y[i]], 1e-16), 1 - 1e-16);
      s -= Math.log(q);
    }
    return s / y.length;
  }

  private static double rmse(double[] y, double[] yhat) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += (y[i] - yhat[i]) * (y[i] - yhat[i]);
    }
    return Math.sqrt(s / y.length);
  }

  @Test
  void everyReportedValueIsTheMetricOfThatRoundsPredictions() {
    for (TaskType task : TaskType.values()) {
      TestData.Split s = TestData.problem(task, 400, 200, 6, 1.0, 0.1, 21);
      List<Double> seen = new ArrayList<>();
      Map<String, Object> p = Map.of("n_estimators", 25, "max_depth", 4);
      try (XGBoostModel m = learner.fit(TestData.request(s, p, 4, (st, v) -> seen.add(v)))) {
        assertEquals(25, seen.size(), task.toString());
        for (int r = 0; r < seen.size(); r++) {
          Predictions pr = m.predict(s.valid().x(), r + 1);
          double mine =
              task == TaskType.REGRESSION
                  ? rmse(s.valid().y(), pr.values())
                  : logloss(s.valid().y(), pr.probabilities());
          assertEquals(mine, seen.get(r), 1e-5, task + " round " + r);
        }
      }
    }
  }

  /**
   * Every booster parameter reaches XGBoost under its declared name: setting it to a non-default
   * value must change the model (XGBoost silently ignores names it does not know).
   */
  @Test
  void everyBoosterParameterChangesTheModel() {
    TestData.Split s = TestData.problem(TaskType.REGRESSION, 500, 100, 6, 1.0, 0.0, 31);
    Map<String, Object> base = Map.of("n_estimators", 10);
    Map<String, Object> changed = new HashMap<>();
    changed.put("learning_rate", 0.1);
    changed.put("max_depth", 2);
    changed.put("min_child_weight", 40.0);
    changed.put("subsample", 0.6);
    changed.put("colsample_bytree", 0.5);
    changed.put("reg_lambda", 50.0);
    changed.put("reg_alpha", 50.0);
    changed.put("gamma", 20.0);
    changed.put("tree_method", "exact");
    changed.put("max_bin", 4);
    assertEquals(
        XGBoostParams.boosterParams(TestData.params(Map.of())).keySet(), changed.keySet());
    double[] ref;
    try (XGBoostModel m = learner.fit(TestData.requestNoValidation(s, base, 1))) {
      ref = m.predict(s.valid().x()).values();
    }
    for (var e : changed.entrySet()) {
      Map<String, Object> p = new HashMap<>(base);
      p.put(e.getKey(), e.getValue());
      try (XGBoostModel m = learner.fit(TestData.requestNoValidation(s, p, 1))) {
        assertFalse(
            java.util.Arrays.equals(ref, m.predict(s.valid().x()).values()),
            e.getKey() + " had no effect");
      }
    }
  }

  /**
   * The aliases Hone uses are XGBoost's canonical parameters: training through XGBoost4J directly
   * with {@code eta}, {@code lambda}, {@code alpha} and {@code min_split_loss} gives the same
   * model.
   */
  @Test
  void aliasesMatchXgboostsCanonicalNames() throws Exception {
    TestData.Split s = TestData.problem(TaskType.BINARY, 400, 100, 5, 1.0, 0.0, 41);
    Map<String, Object> ours =
        Map.of("learning_rate", 0.07, "reg_lambda", 3.0, "reg_alpha", 0.5, "gamma", 0.2,
            "n_estimators", 12);
    double[] mine;
    try (XGBoostModel m = learner.fit(TestData.requestNoValidation(s, ours, 9))) {
      mine = m.predict(s.valid().x()).positiveScores();
    }
    Map<String, Object> raw = new HashMap<>();
    raw.put("objective", "binary:logistic");
    raw.put("eval_metric", "logloss");
    raw.put("eta", 0.07);
    raw.put("lambda", 3.0);
    raw.put("alpha", 0.5);
    raw.put("min_split_loss", 0.2);
    raw.put("nthread", 1);
    raw.put("seed", Seeds.nativeSeed(9, "xgboost", 0));
    float[] y = new float[s.train().y().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) s.train().y()[i];
    }
    DMatrix d = new DMatrix(s.train().x().data(), s.train().x().nRows(), 5, Float.NaN);
    Booster b = null;
    try {
      d.setLabel(y);
      b = XGBoost.train(d, raw, 12, Map.of(), null, null);
      var x = s.valid().x();
      float[][] p = b.inplace_predict(x.data(), x.nRows(), x.nCols(), Float.NaN);
      for (int i = 0; i < p.length; i++) {
        assertEquals(p[i][0], mine[i], 0.0, "row " + i);
      }
      raw.put("eta", 0.3);
      b.dispose();
      b = XGBoost.train(d, raw, 12, Map.of(), null, null);
      float[][] q = b.inplace_predict(x.data(), x.nRows(), x.nCols(), Float.NaN);
      assertTrue(q[0][0] != p[0][0], "eta must matter, or this test proves nothing");
    } finally {
      d.dispose();
      if (b != null) {
        b.dispose();
      }
    }
  }

  @Test
  void exactWithUnlimitedDepthIsRejectedBeforeTraining() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () ->
                learner.fit(
                    TestData.request(
                        BINARY, Map.of("tree_method", "exact", "max_depth", 0), 1, null)));
    assertTrue(e.getMessage().contains("max_depth"));
  }

  @Test
  void invalidLabelsNameTheRow() {
    double[] y = BINARY.train().y().clone();
    y[7] = 2;
    FitRequest r =
        new FitRequest(
            BINARY.train().x(), y, null, null, TaskType.BINARY, 2, TestData.params(Map.of()), 1,
            1, null);
    DataValidationException e = assertThrows(DataValidationException.class, () -> learner.fit(r));
    assertTrue(e.getMessage().contains("row 7"), e.getMessage());

    double[] yr = BINARY.train().y().clone();
    yr[3] = Double.NaN;
    FitRequest reg =
        new FitRequest(
            BINARY.train().x(), yr, null, null, TaskType.REGRESSION, 0, TestData.params(Map.of()),
            1, 1, null);
    DataValidationException e2 =
        assertThrows(DataValidationException.class, () -> learner.fit(reg));
    assertTrue(e2.getMessage().contains("row 3"), e2.getMessage());
  }

  @Test
  void missingValuesTrainAndPredict() {
    TestData.Split s = TestData.problem(TaskType.MULTICLASS, 500, 200, 6, 0.5, 0.3, 51);
    try (XGBoostModel m =
        learner.fit(TestData.request(s, Map.of("n_estimators", 30), 2, null))) {
      float[] allMissing = new float[6];
      java.util.Arrays.fill(allMissing, Float.NaN);
      var x = new dev.hone.core.model.FeatureMatrix(allMissing, 1, TestData.names(6));
      for (Predictions p : List.of(m.predict(s.valid().x()), m.predict(x))) {
        for (double[] row : p.probabilities()) {
          double sum = 0;
          for (double v : row) {
            assertTrue(Double.isFinite(v) && v > 0 && v < 1);
            sum += v;
          }
          assertEquals(1.0, sum, 1e-6);
        }
      }
      // and the model learned something despite 30% missing cells
      int[] cls = m.predict(s.valid().x()).predictedClasses();
      int ok = 0;
      for (int i = 0; i < cls.length; i++) {
        ok += cls[i] == (int) s.valid().y()[i] ? 1 : 0;
      }
      assertTrue(ok > 0.6 * cls.length, "accuracy " + ok + "/" + cls.length);
    }
  }

  @Test
  void fitInfoHasTheDocumentedKeys() {
    try (XGBoostModel m =
        learner.fit(TestData.request(BINARY, Map.of("n_estimators", 5), 1, null))) {
      Map<String, Object> info = m.fitInfo();
      assertEquals(
          List.of("best_iteration", "rounds_trained", "best_validation_score", "stopped_by",
              "eval_metric", "objective"),
          new ArrayList<>(info.keySet()));
      assertEquals("logloss", info.get("eval_metric"));
      assertEquals("binary:logistic", info.get("objective"));
      assertNotNull(m.toString());
    }
  }
}
