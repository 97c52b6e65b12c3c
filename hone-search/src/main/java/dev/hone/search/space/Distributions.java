package dev.hone.search.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hone.core.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON codec for {@link Distribution}s, used by stores to persist the distribution a trial sampled
 * each parameter from. The format is a flat object with a {@code "type"} tag:
 *
 * <pre>
 * {"type":"float","low":0.001,"high":1.0,"log":true,"step":null}
 * {"type":"int","low":1,"high":10,"log":false,"step":1}
 * {"type":"categorical","choices":["gbtree","dart"]}
 * </pre>
 *
 * Decoding re-runs each record's constructor validation, so a stored distribution that is no
 * longer valid is rejected rather than silently used.
 */
public final class Distributions {
  private Distributions() {}

  /** Encodes {@code d} as compact JSON (the format above). */
  public static String toJson(Distribution d) {
    ObjectNode o = Json.mapper().createObjectNode();
    if (d instanceof FloatDistribution f) {
      o.put("type", "float");
      o.put("low", f.low());
      o.put("high", f.high());
      o.put("log", f.log());
      if (f.step() == null) {
        o.putNull("step");
      } else {
        o.put("step", f.step());
      }
    } else if (d instanceof IntDistribution i) {
      o.put("type", "int");
      o.put("low", i.low());
      o.put("high", i.high());
      o.put("log", i.log());
      o.put("step", i.step());
    } else {
      CategoricalDistribution c = (CategoricalDistribution) d;
      o.put("type", "categorical");
      ArrayNode a = o.putArray("choices");
      c.choices().forEach(a::add);
    }
    return o.toString();
  }

  /**
   * Decodes the output of {@link #toJson(Distribution)}.
   *
   * @throws IllegalArgumentException if {@code json} is malformed, has an unknown type, or
   *     describes an invalid distribution
   */
  public static Distribution fromJson(String json) {
    JsonNode o;
    try {
      o = Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("malformed distribution JSON: " + json, e);
    }
    String type = o == null ? null : o.path("type").asText(null);
    if (type == null) {
      throw new IllegalArgumentException("distribution JSON has no \"type\": " + json);
    }
    return switch (type) {
      case "float" -> {
        JsonNode step = o.path("step");
        yield new FloatDistribution(
            requireNumber(o, "low", json).doubleValue(),
            requireNumber(o, "high", json).doubleValue(),
            o.path("log").asBoolean(false),
            step.isNumber() ? Double.valueOf(step.doubleValue()) : null);
      }
      case "int" -> new IntDistribution(
          requireNumber(o, "low", json).longValue(),
          requireNumber(o, "high", json).longValue(),
          o.path("log").asBoolean(false),
          o.path("step").asLong(1));
      case "categorical" -> {
        List<String> choices = new ArrayList<>();
        for (JsonNode c : o.path("choices")) {
          choices.add(c.asText());
        }
        yield new CategoricalDistribution(choices);
      }
      default -> throw new IllegalArgumentException(
          "unknown distribution type '" + type + "' in " + json);
    };
  }

  private static Number requireNumber(JsonNode o, String field, String json) {
    JsonNode n = o.path(field);
    if (!n.isNumber()) {
      throw new IllegalArgumentException("distribution JSON lacks numeric \"" + field + "\": " + json);
    }
    return n.numberValue();
  }
}
