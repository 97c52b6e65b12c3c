package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** reference.json, written by make_reference.py (scikit-learn, NumPy, SciPy). */
final class Reference {
  private Reference() {}

  private static JsonNode root;

  static synchronized JsonNode get(String key) {
    if (root == null) {
      try (InputStream in = Reference.class.getResourceAsStream("reference.json")) {
        if (in == null) {
          fail("reference.json is missing; run make_reference.py");
        }
        root = Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root.get(key);
  }

  static double[] vector(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }

  static double[][] matrix(JsonNode n) {
    double[][] out = new double[n.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = vector(n.get(i));
    }
    return out;
  }
}
