package dev.hone.eval.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.model.FeatureMatrix;
import java.util.List;

/**
 * Loads {@code reference_diagnostics.json}, written by {@code make_reference.py} in the same
 * resource folder (numpy, scikit-learn and statsmodels are the oracles).
 */
final class Ref {
  private static JsonNode root;

  private Ref() {}

  static synchronized JsonNode root() {
    if (root == null) {
      root = dev.hone.eval.JsonRef.load(Ref.class, "reference_diagnostics.json");
    }
    return root;
  }

  static List<JsonNode> list(String field) {
    return dev.hone.eval.JsonRef.list(root(), field);
  }

  static double num(JsonNode node) {
    return dev.hone.eval.JsonRef.num(node);
  }

  static double[] doubles(JsonNode node) {
    return dev.hone.eval.JsonRef.doubles(node);
  }

  static int[] ints(JsonNode node) {
    return dev.hone.eval.JsonRef.ints(node);
  }

  static double[][] matrix(JsonNode node) {
    return dev.hone.eval.JsonRef.matrix(node);
  }

  static int[][] intMatrix(JsonNode node) {
    return dev.hone.eval.JsonRef.intMatrix(node);
  }

  static List<String> strings(JsonNode node) {
    return dev.hone.eval.JsonRef.strings(node);
  }

  /** A float feature matrix from {@code [n][p]} doubles (exactly representable as floats). */
  static FeatureMatrix features(JsonNode x, JsonNode names) {
    double[][] m = matrix(x);
    List<String> cols = strings(names);
    float[] data = new float[m.length * cols.size()];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < cols.size(); j++) {
        data[i * cols.size() + j] = (float) m[i][j];
      }
    }
    return new FeatureMatrix(data, m.length, cols);
  }

  /**
   * {@code |actual − expected| <= tol·max(1, |expected|)}; NaN must meet NaN.
   */
  static void close(double expected, double actual, double tol, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN but was " + actual);
      return;
    }
    double bound = tol * Math.max(1.0, Math.abs(expected));
    assertTrue(
        Math.abs(actual - expected) <= bound,
        what + ": expected " + expected + " but was " + actual + " (|diff| "
            + Math.abs(actual - expected) + " > " + bound + ")");
  }
}
