package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.Predictions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
      try (InputStream in = Reference.class.getResourceAsStream("reference_metrics.json")) {
        if (in == null) {
          fail("test resource dev/hone/eval/reference_metrics.json is missing: run make_reference.py");
        }
        root = Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static List<JsonNode> cases(String field) {
    List<JsonNode> out = new ArrayList<>();
    root().get(field).forEach(out::add);
    assertTrue(out.size() > 0, "no cases under " + field);
    return out;
  }

  static double num(JsonNode node) {
    if (node.isTextual()) {
      switch (node.asText()) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          throw new IllegalArgumentException("not a number: " + node);
      }
    }
    return node.doubleValue();
  }

  static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(node.get(i));
    }
    return out;
  }

  static int[] ints(JsonNode node) {
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).intValue();
    }
    return out;
  }

  static double[][] matrix(JsonNode node) {
    double[][] out = new double[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(node.get(i));
    }
    return out;
  }

  static int[][] intMatrix(JsonNode node) {
    int[][] out = new int[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(node.get(i));
    }
    return out;
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
