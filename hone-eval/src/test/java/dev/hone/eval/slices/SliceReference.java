package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Loads {@code reference_slices.json}, written by {@code make_reference.py} in the same resource
 * folder (statsmodels, scipy, scikit-learn and a direct DeLong implementation are the oracles).
 */
final class SliceReference {
  private static JsonNode root;

  private SliceReference() {}

  static synchronized JsonNode root() {
    if (root == null) {
      root = dev.hone.eval.JsonRef.load(SliceReference.class, "reference_slices.json");
    }
    return root;
  }

  static List<JsonNode> cases(String field) {
    return dev.hone.eval.JsonRef.list(root(), field);
  }

  static double num(JsonNode node) {
    return dev.hone.eval.JsonRef.num(node);
  }

  static double[] doubles(JsonNode array) {
    return dev.hone.eval.JsonRef.doubles(array);
  }

  static int[] ints(JsonNode array) {
    return dev.hone.eval.JsonRef.ints(array);
  }

  /** {@code |actual − expected| <= rel · max(|expected|, tiny)}, NaN equal to NaN. */
  static void assertRel(double expected, double actual, double rel, String what) {
    if (Double.isNaN(expected)) {
      assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
      return;
    }
    double tol = rel * Math.max(Math.abs(expected), 1e-300);
    assertEquals(expected, actual, tol, what);
  }
}
