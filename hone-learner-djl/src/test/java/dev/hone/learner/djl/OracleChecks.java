package dev.hone.learner.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Checks shared by the network tests: finite differences, tolerances and oracle JSON readers. */
final class OracleChecks {
  private OracleChecks() {}

  static double[] differences(double[] x, double[] scale, ToDoubleFunction<double[]> f) {
    double[] g = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      double h = 1e-2 * scale[j];
      double[] up = x.clone();
      double[] down = x.clone();
      up[j] = (float) (x[j] + h);
      down[j] = (float) (x[j] - h);
      g[j] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (up[j] - down[j]);
    }
    return g;
  }

  static void assertRelative(double[] expected, double[] actual, String what) {
    double num = 0;
    double den = 0;
    for (int j = 0; j < expected.length; j++) {
      num += Math.pow(actual[j] - expected[j], 2);
      den += expected[j] * expected[j];
    }
    assertTrue(den > 1e-12, what + ": the finite-difference gradient is zero, the test is void");
    assertTrue(Math.sqrt(num) <= 1e-2 * Math.sqrt(den) + 1e-4,
        what + ": |g - fd| = " + Math.sqrt(num) + ", |fd| = " + Math.sqrt(den));
  }

  static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-5 + 1e-4 * Math.abs(expected), what);
  }

  static float[] flat(JsonNode n) {
    List<Float> out = new ArrayList<>();
    if (n.get(0).isArray()) {
      for (JsonNode r : n) {
        for (JsonNode v : r) {
          out.add((float) v.asDouble());
        }
      }
    } else {
      for (JsonNode v : n) {
        out.add((float) v.asDouble());
      }
    }
    float[] f = new float[out.size()];
    for (int i = 0; i < f.length; i++) {
      f[i] = out.get(i);
    }
    return f;
  }

  static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(n.get(i));
    }
    return out;
  }

  static double[] vector(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).isNull() ? Double.NaN : n.get(i).asDouble();
    }
    return out;
  }
}
