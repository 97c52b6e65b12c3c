package dev.hone.eval;

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
 * Reads the reference-value JSON files the test packages share the format of: written by a
 * {@code make_reference.py} next to them, non-finite numbers as the strings {@code "NaN"}, {@code
 * "Infinity"} and {@code "-Infinity"}.
 */
public final class JsonRef {
  private JsonRef() {}

  /** Parses resource {@code name} next to {@code anchor}; fails the test when it is missing. */
  public static JsonNode load(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        fail("resource " + anchor.getPackageName().replace('.', '/') + "/" + name
            + " is missing: run the make_reference.py beside it");
      }
      return Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The elements of array {@code field} of {@code root}; fails when it is empty. */
  public static List<JsonNode> list(JsonNode root, String field) {
    List<JsonNode> out = new ArrayList<>();
    root.get(field).forEach(out::add);
    assertTrue(out.size() > 0, "no cases under " + field);
    return out;
  }

  public static double num(JsonNode node) {
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

  public static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = num(node.get(i));
    }
    return out;
  }

  public static int[] ints(JsonNode node) {
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).intValue();
    }
    return out;
  }

  public static double[][] matrix(JsonNode node) {
    double[][] out = new double[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubles(node.get(i));
    }
    return out;
  }

  public static int[][] intMatrix(JsonNode node) {
    int[][] out = new int[node.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = ints(node.get(i));
    }
    return out;
  }

  public static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }
}
