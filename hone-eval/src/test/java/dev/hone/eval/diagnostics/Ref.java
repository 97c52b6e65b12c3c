package dev.hone.eval.diagnostics;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
      try (InputStream in = Ref.class.getResourceAsStream("reference_diagnostics.json")) {
        if (in == null) {
          fail("resource dev/hone/eval/diagnostics/reference_diagnostics.json is missing: run"
              + " make_reference.py");
        }
        root = Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static List<JsonNode> list(String field) {
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

  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
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
