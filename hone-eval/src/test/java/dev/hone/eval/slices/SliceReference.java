package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
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
      try (InputStream in = SliceReference.class.getResourceAsStream("reference_slices.json")) {
        if (in == null) {
          fail("test resource dev/hone/eval/slices/reference_slices.json is missing: run"
              + " make_reference.py");
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
          fail("not a number: " + node);
      }
    }
    return node.asDouble();
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(array.get(i));
    }
    return out;
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
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
