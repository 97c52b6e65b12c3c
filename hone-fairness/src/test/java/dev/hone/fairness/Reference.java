package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The values written by {@code make_reference.py} ({@code reference_fairness.json}). */
final class Reference {
  private static JsonNode root;

  private Reference() {}

  static synchronized JsonNode json() {
    if (root == null) {
      try (InputStream in = Reference.class.getResourceAsStream("reference_fairness.json")) {
        if (in == null) {
          fail("reference_fairness.json is missing; run make_reference.py");
        }
        root = Json.mapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  static String[] strings(JsonNode a) {
    String[] out = new String[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).isNull() ? null : a.get(i).asText();
    }
    return out;
  }
}
