package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Evaluator}: seeded determinism, sanity of the intervals, JSON, speed and input checks. */
class EvaluatorTest {

  @Test
  void sameSeedSameResultOtherSeedOtherIntervals() {
    for (Synthetic d :
        List.of(
            Synthetic.binary(500, 2, 1), Synthetic.multiclass(400, 4, 2),
            Synthetic.regression(300, 3))) {
      EvaluationResult a = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 200, 42L);
      EvaluationResult b = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 200, 42L);
      EvaluationResult c = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 200, 43L);
      assertEquals(a, b, d.task.toString());
      assertNotEquals(a.metrics(), c.metrics(), d.task.toString());
      for (int j = 0; j < a.metrics().size(); j++) {
        assertEquals(a.metrics().get(j).value(), c.metrics().get(j).value(), 0.0);
      }
    }
  }

  @Test
  void seededRunEqualsExplicitIndicesDrawnFromTheSameStream() {
    Synthetic d = Synthetic.binary(120, 1, 9);
    int rounds = 50;
    java.util.SplittableRandom rng = Seeds.rng(7L, Evaluator.BOOTSTRAP_STREAM, 0);
    int[][] idx = new int[rounds][120];
    for (int b = 0; b < rounds; b++) {
      for (int i = 0; i < 120; i++) {
        idx[b][i] = rng.nextInt(120);
      }
    }
    assertEquals(
        Evaluator.evaluateWithIndices(d.task, d.labels, d.preds, d.classNames(), idx),
        Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), rounds, 7L));
  }

  @Test
  void intervalsContainThePointEstimateOnTypicalData() {
    for (Synthetic d :
        List.of(
            Synthetic.binary(2000, 3, 4), Synthetic.multiclass(1500, 3, 5),
            Synthetic.regression(1000, 6))) {
      EvaluationResult r = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 500, 1L);
      for (MetricValue v : r.metrics()) {
        assertEquals(500, v.bootstrapRounds());
        assertEquals(500, v.bootstrapValid(), v.name());
        assertTrue(v.ciLower() < v.ciUpper(), v.toString());
        assertTrue(v.ciLower() <= v.value() && v.value() <= v.ciUpper(), v.toString());
      }
    }
  }

  @Test
  void accuracyIntervalHasTheBinomialWidth() {
    // accuracy is a mean of Bernoulli(p) indicators: the 95% interval is about ±1.96·sqrt(p(1-p)/n)
    int n = 1000;
    java.util.SplittableRandom rng = new java.util.SplittableRandom(21);
    double[] y = new double[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextInt(2);
      boolean correct = rng.nextDouble() < 0.8;
      double p1 = (y[i] == 1) == correct ? 0.9 : 0.1;
      p[i] = new double[] {1 - p1, p1};
    }
    EvaluationResult r =
        Evaluator.evaluate(
            TaskType.BINARY, y, new Predictions(TaskType.BINARY, p, null), List.of("a", "b"),
            2000, 5L);
    MetricValue acc = r.find("accuracy").orElseThrow();
    double a = acc.value();
    double half = 1.959964 * Math.sqrt(a * (1 - a) / n);
    double width = acc.ciUpper() - acc.ciLower();
    assertEquals(2 * half, width, 0.15 * 2 * half, acc.toString());
    assertEquals(a, (acc.ciUpper() + acc.ciLower()) / 2, 0.25 * half, acc.toString());
  }

  @Test
  void roundTripsThroughJson() {
    for (Synthetic d :
        List.of(
            Synthetic.binary(200, 1, 1), Synthetic.multiclass(150, 3, 2),
            Synthetic.regression(100, 3))) {
      EvaluationResult r = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 100, 3L);
      String json = Json.write(r);
      assertEquals(r, Json.read(json, EvaluationResult.class));
      assertTrue(json.contains("\"higherIsBetter\""), json);
    }
    Synthetic d = Synthetic.regression(10, 4);
    EvaluationResult none = Evaluator.evaluate(d.task, d.labels, d.preds, null, 0, 3L);
    String json = Json.write(none);
    assertTrue(json.contains("\"ciLower\" : \"NaN\""), json);
    assertEquals(none, Json.read(json, EvaluationResult.class));
  }

  @Test
  void confusionMatrixCountsEveryRow() {
    Synthetic d = Synthetic.multiclass(300, 4, 8);
    ConfusionMatrix cm =
        Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 0, 1L).confusion();
    assertEquals(300, cm.total());
    long diagonal = 0;
    for (int k = 0; k < 4; k++) {
      diagonal += cm.count(k, k);
    }
    assertEquals(Metric.ACCURACY.compute(d.labels, d.preds), diagonal / 300.0, 1e-15);
    long[][] counts = cm.counts();
    counts[0][0] = -99; // the record keeps its own copy
    assertNotEquals(-99, cm.count(0, 0));
  }

  @Test
  void oneClassSplitGivesNanRankingMetricsAndNoValidResamples() {
    double[] y = {0, 0, 0, 0};
    double[][] p = {{0.9, 0.1}, {0.8, 0.2}, {0.6, 0.4}, {0.7, 0.3}};
    EvaluationResult r =
        Evaluator.evaluate(
            TaskType.BINARY, y, new Predictions(TaskType.BINARY, p, null), List.of("no", "yes"),
            100, 1L);
    MetricValue auc = r.find("roc_auc").orElseThrow();
    assertTrue(Double.isNaN(auc.value()));
    assertEquals(0, auc.bootstrapValid());
    assertTrue(Double.isNaN(auc.ciLower()) && Double.isNaN(auc.ciUpper()));
    MetricValue acc = r.find("accuracy").orElseThrow();
    assertEquals(1.0, acc.value(), 0.0);
    assertEquals(100, acc.bootstrapValid());
  }

  @Test
  void bootstrapOverSixteenThousandRowsKeepsEveryResample() {
    // speed is measured in bench/, not asserted here
    Synthetic d = Synthetic.binary(16_000, 3, 77);
    EvaluationResult r = Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), 1000, 2L);
    assertEquals(1000, r.metrics().get(0).bootstrapValid());
  }

  @Test
  void rejectsBadInput() {
    Synthetic d = Synthetic.binary(20, 1, 1);
    InvalidParameterException rounds =
        assertThrows(
            InvalidParameterException.class,
            () -> Evaluator.evaluate(d.task, d.labels, d.preds, d.classNames(), -1, 1L));
    assertEquals(
        "bootstrap rounds was -1 but must be >= 0 (0 turns it off)", rounds.getMessage());
    assertThrows(
        DataValidationException.class,
        () ->
            Evaluator.evaluate(
                TaskType.BINARY, new double[0],
                new Predictions(TaskType.BINARY, new double[0][], null), List.of("a", "b"), 10,
                1L));
    assertThrows(
        IllegalArgumentException.class,
        () -> Evaluator.evaluate(d.task, d.labels, d.preds, List.of("only"), 10, 1L));
    assertThrows(
        IllegalArgumentException.class,
        () -> Evaluator.evaluate(TaskType.MULTICLASS, d.labels, d.preds, d.classNames(), 10, 1L));
    double[] withNan = d.labels.clone();
    withNan[5] = Double.NaN;
    DataValidationException nan =
        assertThrows(
            DataValidationException.class,
            () -> Evaluator.evaluate(d.task, withNan, d.preds, d.classNames(), 10, 1L));
    assertTrue(nan.getMessage().contains("row 5"), nan.getMessage());
  }
}
