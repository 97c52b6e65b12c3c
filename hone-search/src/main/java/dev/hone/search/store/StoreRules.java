package dev.hone.search.store;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The argument rules of the {@link StudyStore} contract, in one place so that every implementation
 * enforces them identically. Each method throws {@link IllegalArgumentException} with a message
 * naming the study, trial and offending argument.
 */
public final class StoreRules {
  private StoreRules() {}

  /** Checks a study name: non-null and non-blank. */
  public static void checkStudyName(String name) {
    Objects.requireNonNull(name, "study name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("study name must not be blank");
    }
  }

  /** Checks a parameter write: non-blank name, non-null distribution containing {@code value}. */
  public static void checkParam(int number, String name, Object value, Distribution d) {
    Objects.requireNonNull(name, "param name");
    Objects.requireNonNull(d, "distribution");
    if (name.isBlank()) {
      throw new IllegalArgumentException("trial " + number + ": param name must not be blank");
    }
    if (!d.contains(value)) {
      throw new IllegalArgumentException(
          "trial " + number + ": param '" + name + "' value " + value + " is not in " + d);
    }
  }

  /** Checks an intermediate-value write: {@code step >= 0}. */
  public static void checkStep(int number, int step) {
    if (step < 0) {
      throw new IllegalArgumentException(
          "trial " + number + ": intermediate step must be >= 0, got " + step);
    }
  }

  /** Checks a user attribute: non-null key and value. */
  public static void checkAttribute(String key, String value) {
    Objects.requireNonNull(key, "attribute key");
    Objects.requireNonNull(value, "attribute value");
  }

  /** Checks a finish: a finished state and a value allowed for it. */
  public static void checkFinish(int number, TrialState state, Double value) {
    checkFinish(number, state, value == null ? List.of() : List.of(value));
  }

  /**
   * Checks a finish: a finished state and values allowed for it (COMPLETE: at least one, none
   * NaN; PRUNED: at most one; FAIL: none); no null element.
   */
  public static void checkFinish(int number, TrialState state, List<Double> values) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(values, "values");
    for (Double v : values) {
      if (v == null) {
        throw new IllegalArgumentException("trial " + number + ": values must not hold null");
      }
    }
    switch (state) {
      case RUNNING, WAITING -> throw new IllegalArgumentException(
          "trial " + number + ": cannot finish a trial as " + state);
      case COMPLETE -> {
        if (values.isEmpty() || values.stream().anyMatch(v -> v.isNaN())) {
          throw new IllegalArgumentException(
              "trial " + number + ": COMPLETE needs non-NaN values, got " + values);
        }
      }
      case FAIL -> {
        if (!values.isEmpty()) {
          throw new IllegalArgumentException(
              "trial " + number + ": FAIL carries no value, got " + values);
        }
      }
      case PRUNED -> {
        if (values.size() > 1) {
          throw new IllegalArgumentException(
              "trial " + number + ": PRUNED carries at most one value, got " + values);
        }
      }
    }
  }

  /** Checks study directions: non-null, non-empty, no null element. */
  public static void checkDirections(List<Direction> directions) {
    Objects.requireNonNull(directions, "directions");
    if (directions.isEmpty() || directions.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException(
          "a study needs one non-null direction per objective, got " + directions);
    }
  }

  /** Checks a trial limit for {@link StudyStore#startTrial}: {@code >= 1}. */
  public static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("trial limit must be >= 1, got " + limit);
    }
  }

  /**
   * Normalises an enqueued configuration: {@code Integer}, {@code Short}, {@code Byte} become
   * {@code Long}; {@code Float} becomes {@code Double}; {@code Long}, {@code Double} and {@code
   * String} stay. Order is kept.
   *
   * @return an unmodifiable copy
   * @throws IllegalArgumentException naming the parameter if a name is blank, a value is null, a
   *     non-finite number, or of another type
   */
  public static Map<String, Object> normalizeFixedParams(Map<String, ?> params) {
    Objects.requireNonNull(params, "params");
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : params.entrySet()) {
      String name = e.getKey();
      Object v = e.getValue();
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("enqueued param names must not be blank");
      }
      Object norm;
      if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
        norm = ((Number) v).longValue();
      } else if (v instanceof Double || v instanceof Float) {
        double d = ((Number) v).doubleValue();
        if (!Double.isFinite(d)) {
          throw new IllegalArgumentException(
              "enqueued param '" + name + "' must be a finite number, got " + d);
        }
        norm = d;
      } else if (v instanceof String str) {
        norm = str;
      } else {
        throw new IllegalArgumentException(
            "enqueued param '" + name + "' must be a number or a string, got "
                + (v == null ? "null" : v.getClass().getSimpleName() + " " + v));
      }
      out.put(name, norm);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * An enqueued value in the Java type of {@code d}: a {@code Long} becomes a {@code Double} for a
   * float distribution (and its decimal string for a categorical one); an integral {@code Double}
   * becomes a {@code Long} for an int distribution. Other values are returned as they are (and
   * then fail {@code d.contains}).
   */
  public static Object coerceFixed(Object v, Distribution d) {
    if (d instanceof FloatDistribution && v instanceof Long l) {
      return l.doubleValue();
    }
    if (d instanceof IntDistribution && v instanceof Double x && x == Math.rint(x)
        && Math.abs(x) <= IntDistribution.MAX_ABS) {
      return (long) x.doubleValue();
    }
    if (d instanceof CategoricalDistribution && v instanceof Long l) {
      return l.toString();
    }
    return v;
  }

  /** Storage kind of an enqueued value: {@code FLOAT}, {@code INT} or {@code STRING}. */
  public static String fixedKind(Object v) {
    if (v instanceof Double) {
      return "FLOAT";
    }
    if (v instanceof Long) {
      return "INT";
    }
    if (v instanceof String) {
      return "STRING";
    }
    throw new IllegalArgumentException("not a normalised enqueued value: " + v);
  }

  /** Storage text of an enqueued value; {@link #parseFixed} restores it exactly (-0.0 too). */
  public static String fixedText(Object v) {
    return v instanceof Double d ? Double.toString(d) : v.toString();
  }

  /**
   * Restores an enqueued value from its storage kind and text.
   *
   * @throws IllegalStateException if the kind is unknown or the text does not parse (the database
   *     was altered outside Hone)
   */
  public static Object parseFixed(String kind, String text) {
    try {
      return switch (kind) {
        case "FLOAT" -> Double.parseDouble(text);
        case "INT" -> Long.parseLong(text);
        case "STRING" -> text;
        default -> throw new IllegalStateException("unknown enqueued value kind '" + kind + "'");
      };
    } catch (NumberFormatException e) {
      throw new IllegalStateException("stored enqueued value '" + text + "' is not a " + kind, e);
    }
  }

  /** The stale trial's fixed params overlaid by the params it sampled: what a retry re-runs. */
  public static Map<String, Object> retryParams(TrialRecord stale) {
    Map<String, Object> out = new LinkedHashMap<>(stale.fixedParams());
    out.putAll(stale.params());
    return normalizeFixedParams(out);
  }

  /** The {@value TrialRecord#FAIL_REASON} of a trial failed for a stale heartbeat. */
  public static String staleReason(Instant heartbeat, Instant heartbeatBefore) {
    return "stale heartbeat: last " + heartbeat + ", older than " + heartbeatBefore
        + " (the worker running the trial stopped)";
  }

  /** The message for a write to a WAITING trial. */
  public static String waitingMessage(String study, int number, String what) {
    return "trial " + number + " of study '" + study + "' is WAITING (enqueued, not started);"
        + " start it with startTrial first (attempted: " + what + ")";
  }

  /** The message of the {@link TrialFinishedException} for a write to a finished trial. */
  public static String finishedMessage(String study, int number, TrialState state, String what) {
    return "trial " + number + " of study '" + study + "' is already " + state
        + " and cannot change (attempted: " + what + ")";
  }
}
