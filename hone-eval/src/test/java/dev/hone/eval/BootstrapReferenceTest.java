package dev.hone.eval;

import static dev.hone.eval.Reference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bootstrap against an independent one: {@code make_reference.py} draws resampling index
 * arrays with numpy, recomputes every metric with scikit-learn on each resample, and takes {@code
 * numpy.percentile(valid, [2.5, 97.5])}. Fed the same index arrays, the Java bootstrap must give
 * the same per-round replicates, the same count of defined resamples and the same interval, to
 * {@link Reference#TOL}.
 */
class BootstrapReferenceTest {

  static Stream<Arguments> cases() {
    return Reference.cases("bootstrap_cases").stream()
        .map(c -> Arguments.of(c.get("name").asText(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void replicatesMatchSklearnOnTheSameResamples(String name, JsonNode c) {
    TaskType task = Reference.task(c);
    double[] labels = Reference.labels(c);
    Predictions preds = Reference.predictions(c);
    int[][] indices = Reference.intMatrix(c.get("indices"));
    BootstrapKernel kernel = BootstrapKernel.of(task, labels, preds);
    double[][] reps = Evaluator.replicates(kernel, indices);
    List<Metric> metrics = kernel.metrics();
    for (int j = 0; j < metrics.size(); j++) {
      double[] expected = Reference.doubles(c.get("replicates").get(metrics.get(j).metricName()));
      assertEquals(indices.length, expected.length);
      for (int b = 0; b < expected.length; b++) {
        assertClose(expected[b], reps[j][b], name + " " + metrics.get(j) + " round " + b);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void intervalsMatchNumpyPercentiles(String name, JsonNode c) {
    int[][] indices = Reference.intMatrix(c.get("indices"));
    EvaluationResult r =
        Evaluator.evaluateWithIndices(
            Reference.task(c),
            Reference.labels(c),
            Reference.predictions(c),
            Reference.classNames(c),
            indices);
    for (MetricValue v : r.metrics()) {
      JsonNode e = c.get("intervals").get(v.name());
      assertEquals(indices.length, v.bootstrapRounds());
      assertEquals(e.get("valid").intValue(), v.bootstrapValid(), name + " " + v.name() + " valid");
      assertClose(Reference.num(e.get("ci_lower")), v.ciLower(), name + " " + v.name() + " lower");
      assertClose(Reference.num(e.get("ci_upper")), v.ciUpper(), name + " " + v.name() + " upper");
      assertClose(
          Reference.num(c.get("expected").get(v.name())), v.value(), name + " " + v.name());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rareCaseReallySkipsResamples(String name, JsonNode c) {
    if (!name.contains("rare")) {
      return;
    }
    EvaluationResult r =
        Evaluator.evaluateWithIndices(
            Reference.task(c),
            Reference.labels(c),
            Reference.predictions(c),
            Reference.classNames(c),
            Reference.intMatrix(c.get("indices")));
    MetricValue auc = r.find("roc_auc").orElseThrow();
    assertTrue(auc.bootstrapValid() < auc.bootstrapRounds(), "some resamples lack a positive");
    assertTrue(auc.bootstrapValid() > auc.bootstrapRounds() / 2);
    assertEquals(auc.bootstrapRounds(), r.find("log_loss").orElseThrow().bootstrapValid());
  }
}
