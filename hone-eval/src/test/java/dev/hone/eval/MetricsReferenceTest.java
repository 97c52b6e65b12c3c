package dev.hone.eval;

import static dev.hone.eval.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every metric against scikit-learn on the seeded cases of {@code reference_metrics.json}
 * (generator: {@code make_reference.py}), to the tolerance of {@link Reference#TOL}: through the
 * raw {@link Metrics} functions, through {@link Metric#compute}, through the bootstrap kernel with
 * all weights 1, and through {@link Evaluator} (confusion matrix and residual summary too).
 */
class MetricsReferenceTest {

  static Stream<Arguments> cases() {
    return Reference.cases("cases").stream().map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rawFunctionsMatchSklearn(String name, JsonNode c) {
    JsonNode expected = c.get("expected");
    switch (Reference.task(c)) {
      case BINARY: {
        int[] y = Reference.ints(c.get("y"));
        double[][] proba = Reference.matrix(c.get("proba"));
        double[] p1 = new double[proba.length];
        for (int i = 0; i < p1.length; i++) {
          p1[i] = proba[i][1];
        }
        int[] pred = Reference.ints(c.get("pred"));
        assertClose(num(expected, "roc_auc"), Metrics.rocAuc(y, p1), name + " roc_auc");
        assertClose(num(expected, "pr_auc"), Metrics.averagePrecision(y, p1), name + " pr_auc");
        assertClose(num(expected, "log_loss"), Metrics.logLoss(y, proba), name + " log_loss");
        assertClose(num(expected, "brier"), Metrics.brierScore(y, p1), name + " brier");
        assertClose(num(expected, "accuracy"), Metrics.accuracy(y, pred), name + " accuracy");
        assertClose(num(expected, "f1"), Metrics.f1(y, pred), name + " f1");
        break;
      }
      case MULTICLASS: {
        int[] y = Reference.ints(c.get("y"));
        double[][] proba = Reference.matrix(c.get("proba"));
        int[] pred = Reference.ints(c.get("pred"));
        int k = c.get("n_classes").intValue();
        assertClose(num(expected, "accuracy"), Metrics.accuracy(y, pred), name + " accuracy");
        assertClose(num(expected, "macro_f1"), Metrics.macroF1(y, pred, k), name + " macro_f1");
        assertClose(num(expected, "log_loss"), Metrics.logLoss(y, proba), name + " log_loss");
        break;
      }
      case REGRESSION: {
        double[] y = Reference.doubles(c.get("y"));
        double[] yhat = Reference.doubles(c.get("yhat"));
        assertClose(num(expected, "rmse"), Metrics.rmse(y, yhat), name + " rmse");
        assertClose(num(expected, "mae"), Metrics.mae(y, yhat), name + " mae");
        assertClose(num(expected, "r2"), Metrics.r2(y, yhat), name + " r2");
        break;
      }
      default:
        throw new AssertionError();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hardPredictionsMatchTheScript(String name, JsonNode c) {
    if (!Reference.task(c).isClassification()) {
      return;
    }
    Predictions preds = Reference.predictions(c);
    Reference.assertSameInts(
        Reference.ints(c.get("pred")), Metric.Inputs.hardPredictions(preds), name + " pred");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void metricComputeAndKernelMatchSklearn(String name, JsonNode c) {
    TaskType task = Reference.task(c);
    double[] labels = Reference.labels(c);
    Predictions preds = Reference.predictions(c);
    List<Metric> metrics = Metric.forTask(task);
    assertEquals(c.get("expected").size(), metrics.size(), name + ": metrics per task");

    BootstrapKernel kernel = BootstrapKernel.of(task, labels, preds);
    assertEquals(metrics, kernel.metrics());
    int[] ones = new int[labels.length];
    java.util.Arrays.fill(ones, 1);
    double[] viaKernel = new double[metrics.size()];
    kernel.evaluate(ones, viaKernel);

    for (int j = 0; j < metrics.size(); j++) {
      Metric m = metrics.get(j);
      double expected = num(c.get("expected"), m.metricName());
      assertClose(expected, m.compute(labels, preds), name + " compute " + m);
      assertClose(expected, viaKernel[j], name + " kernel " + m);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evaluatorReportsSklearnValuesConfusionAndResiduals(String name, JsonNode c) {
    TaskType task = Reference.task(c);
    EvaluationResult r =
        Evaluator.evaluate(
            task, Reference.labels(c), Reference.predictions(c), Reference.classNames(c), 0, 1L);
    assertEquals(task.name().toLowerCase(java.util.Locale.ROOT), r.task());
    assertEquals(c.get("y").size(), r.n());
    for (MetricValue v : r.metrics()) {
      assertClose(num(c.get("expected"), v.name()), v.value(), name + " " + v.name());
      assertEquals(0, v.bootstrapRounds());
      assertEquals(Double.NaN, v.ciLower());
      assertEquals(Double.NaN, v.ciUpper());
    }
    if (task.isClassification()) {
      assertNull(r.residuals());
      assertNotNull(r.confusion());
      assertEquals(Reference.classNames(c), r.confusion().labels());
      long[][] counts = r.confusion().counts();
      JsonNode cm = c.get("confusion");
      assertEquals(cm.size(), counts.length);
      for (int t = 0; t < counts.length; t++) {
        for (int p = 0; p < counts.length; p++) {
          assertEquals(cm.get(t).get(p).longValue(), counts[t][p], name + " confusion " + t + "," + p);
        }
      }
    } else {
      assertNull(r.confusion());
      ResidualSummary s = r.residuals();
      JsonNode e = c.get("residuals");
      assertClose(num(e, "mean"), s.mean(), name + " mean");
      assertClose(num(e, "std"), s.std(), name + " std");
      assertClose(num(e, "min"), s.min(), name + " min");
      assertClose(num(e, "q05"), s.q05(), name + " q05");
      assertClose(num(e, "q25"), s.q25(), name + " q25");
      assertClose(num(e, "median"), s.median(), name + " median");
      assertClose(num(e, "q75"), s.q75(), name + " q75");
      assertClose(num(e, "q95"), s.q95(), name + " q95");
      assertClose(num(e, "max"), s.max(), name + " max");
      assertClose(num(e, "meanAbs"), s.meanAbs(), name + " meanAbs");
    }
  }

  private static double num(JsonNode object, String field) {
    JsonNode v = object.get(field);
    assertNotNull(v, "reference has no field " + field);
    return Reference.num(v);
  }
}
