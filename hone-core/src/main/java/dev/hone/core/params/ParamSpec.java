package dev.hone.core.params;

import dev.hone.core.error.InvalidParameterException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One hyperparameter, declared once: its native name, documentation, type, default, valid range
 * and default search range. From this single declaration come validation, CLI help, the default
 * search space and the provenance entry, so no default or range is ever stated twice.
 *
 * @param name native name passed to the engine, e.g. {@code max_depth}
 * @param doc one-sentence description with units
 * @param type value type
 * @param defaultValue default ({@code Double}, {@code Long} or {@code String} by type)
 * @param min smallest valid value (numeric types)
 * @param minInclusive whether {@code min} itself is valid
 * @param max largest valid value (numeric types)
 * @param maxInclusive whether {@code max} itself is valid
 * @param choices valid strings for {@link ParamType#CHOICE}
 * @param search default search range, or {@code null} when the parameter is not searched by default
 */
public record ParamSpec(
    String name,
    String doc,
    ParamType type,
    Object defaultValue,
    double min,
    boolean minInclusive,
    double max,
    boolean maxInclusive,
    List<String> choices,
    SearchHint search) {

  public ParamSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (type == ParamType.CHOICE && choices.isEmpty()) {
      throw new IllegalArgumentException(name + ": a choice parameter needs choices");
    }
  }

  /** A float parameter with range {@code [min, max]} (inclusivity given). */
  public static ParamSpec floatParam(
      String name, String doc, double dflt, double min, boolean minIncl, double max,
      boolean maxIncl, SearchHint search) {
    return new ParamSpec(
        name, doc, ParamType.FLOAT, dflt, min, minIncl, max, maxIncl, List.of(), search);
  }

  /** An integer parameter with range {@code [min, max]} inclusive. */
  public static ParamSpec intParam(
      String name, String doc, long dflt, long min, long max, SearchHint search) {
    return new ParamSpec(name, doc, ParamType.INT, dflt, min, true, max, true, List.of(), search);
  }

  /** A parameter taking one of {@code choices}. */
  public static ParamSpec choiceParam(
      String name, String doc, String dflt, List<String> choices, SearchHint search) {
    return new ParamSpec(name, doc, ParamType.CHOICE, dflt, 0, true, 0, true, choices, search);
  }

  /** Human-readable range, e.g. {@code (0, 1]} or {@code {gbtree, dart}}. */
  public String rangeText() {
    if (type == ParamType.CHOICE) {
      return "{" + String.join(", ", choices) + "}";
    }
    return (minInclusive ? "[" : "(") + fmt(min) + ", " + fmt(max) + (maxInclusive ? "]" : ")");
  }

  private static String fmt(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : String.format(Locale.ROOT, "%s", v);
  }

  /**
   * Converts and checks a value, from a number, a string or the right Java type.
   *
   * @return a {@code Double}, {@code Long} or {@code String} by {@link #type()}
   * @throws InvalidParameterException naming the parameter, the value and the valid range
   */
  public Object validate(Object value) {
    switch (type) {
      case CHOICE -> {
        String s = String.valueOf(value);
        if (!choices.contains(s)) {
          throw new InvalidParameterException(
              name + " was '" + s + "' but must be one of " + rangeText());
        }
        return s;
      }
      case INT -> {
        double d = toDouble(value);
        if (d != Math.rint(d)) {
          throw new InvalidParameterException(name + " was " + value + " but must be an integer");
        }
        checkRange(d, value);
        return (long) d;
      }
      default -> {
        double d = toDouble(value);
        checkRange(d, value);
        return d;
      }
    }
  }

  private double toDouble(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(value).trim());
    } catch (NumberFormatException e) {
      throw new InvalidParameterException(name + " was '" + value + "' but must be a number");
    }
  }

  private void checkRange(double d, Object raw) {
    boolean ok =
        !Double.isNaN(d)
            && (minInclusive ? d >= min : d > min)
            && (maxInclusive ? d <= max : d < max);
    if (!ok) {
      throw new InvalidParameterException(name + " was " + raw + " but must be in " + rangeText());
    }
  }
}
