package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads {@code reference_metrics.json}, written by {@code make_reference.py} in the same resource
 * folder (scikit-learn and numpy are the oracles), and compares numbers with the tolerance the
 * tests state.
 */
final class Reference {
  /**
   * Tolerance for every comparison against the reference: {@code |actual − expected| <= TOL ·
   * max(1, |expected|)}, i.e. relative 1e-12 for values above 1 in magnitude and absolute 1e-12
   * below (metrics in [0, 1] are compared absolutely so that values near 0 are not held to
   * relative precision the float64 summations of either side cannot give).
   */
  static final double TOL = 1e-12;

  private static JsonNode root;

  private Reference() {}

  static synchronized JsonNode root() {
    if (root == null) {
      root = JsonRef.load(Reference.class, "reference_metrics.json");
    }
    return root;
  }

  static List<JsonNode> cases(String field) {
    return JsonRef.list(root(), field);
  }

  static double num(JsonNode node) {
    return JsonRef.num(node);
  }

  static double[] doubles(JsonNode node) {
    return JsonRef.doubles(node);
  }

  static int[] ints(JsonNode node) {
    return JsonRef.ints(node);
  }

  static double[][] matrix(JsonNode node) {
    return JsonRef.matrix(node);
  }

  static int[][] intMatrix(JsonNode node) {
    return JsonRef.intMatrix(node);
  }

  static TaskType task(JsonNode c) {
    return TaskType.parse(c.get("task").asText());
  }

  /** Labels as the double[] target column the evaluator takes. */
  static double[] labels(JsonNode c) {
    return doubles(c.get("y"));
  }

  static Predictions predictions(JsonNode c) {
    TaskType task = task(c);
    return task.isClassification()
        ? new Predictions(task, matrix(c.get("proba")), null)
        : new Predictions(task, null, doubles(c.get("yhat")));
  }

  static List<String> classNames(JsonNode c) {
    List<String> names = new ArrayList<>();
    if (c.has("n_classes")) {
      for (int k = 0; k < c.get("n_classes").intValue(); k++) {
        names.add("class" + k);
      }
    }
    return names;
  }

  static void assertClose(double expected, double actual, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN but was " + actual);
      return;
    }
    double bound = TOL * Math.max(1.0, Math.abs(expected));
    assertTrue(
        Math.abs(actual - expected) <= bound,
        what + ": expected " + expected + " but was " + actual + " (|diff| = "
            + Math.abs(actual - expected) + " > " + bound + ")");
  }

  static void assertSameInts(int[] expected, int[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], what + " at " + i);
    }
  }
}
