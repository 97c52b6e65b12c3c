package dev.hone.search.multiobjective;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trial seen by the multi-objective functions: its number, state, objective vector and
 * constraint values.
 *
 * @param number the trial number
 * @param state its state; only COMPLETE evaluations are ever ranked
 * @param values the objective vector, one entry per objective in the study's order; empty unless
 *     COMPLETE; entries may be infinite but an evaluation with a NaN entry is never ranked
 * @param constraints constraint values, feasible when every entry is {@code <= 0} (e.g. {@code
 *     modelBytes - budget}); empty when the study has no constraints
 */
public record Evaluation(int number, TrialState state, List<Double> values, List<Double> constraints) {

  /** Trial user attribute holding the objective vector as a JSON array. */
  public static final String VALUES_ATTRIBUTE = "mo.values";

  /** Trial user attribute holding the constraint values as a JSON array. */
  public static final String CONSTRAINTS_ATTRIBUTE = "mo.constraints";

  /** Copies the lists (immutable). */
  public Evaluation {
    Objects.requireNonNull(state, "state");
    values = List.copyOf(values);
    constraints = List.copyOf(constraints);
  }

  /** A COMPLETE evaluation without constraints. */
  public static Evaluation of(int number, double... values) {
    return new Evaluation(number, TrialState.COMPLETE, box(values), List.of());
  }

  /** A COMPLETE evaluation with constraint values. */
  public static Evaluation constrained(int number, double[] values, double... constraints) {
    return new Evaluation(number, TrialState.COMPLETE, box(values), box(constraints));
  }

  static List<Double> box(double[] a) {
    List<Double> out = new ArrayList<>(a.length);
    for (double v : a) {
      out.add(v);
    }
    return out;
  }

  /** Whether every constraint value is {@code <= 0} (true without constraints). */
  public boolean feasible() {
    return violation() == 0;
  }

  /** Total violation {@code sum_i max(0, c_i)} (Deb 2000); NaN constraints count as infinite. */
  public double violation() {
    double v = 0;
    for (double c : constraints) {
      v += Double.isNaN(c) ? Double.POSITIVE_INFINITY : Math.max(0, c);
    }
    return v;
  }

  /** Whether this evaluation may be ranked: COMPLETE with no NaN objective. */
  public boolean rankable() {
    if (state != TrialState.COMPLETE || values.isEmpty()) {
      return false;
    }
    for (double v : values) {
      if (Double.isNaN(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The user attributes that store an objective vector and constraint values on a trial ({@code
   * trial.setUserAttribute(k, v)} for each entry); non-finite numbers are written as the strings
   * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
   */
  public static Map<String, String> attributes(double[] values, double[] constraints) {
    Map<String, String> out = new LinkedHashMap<>();
    out.put(VALUES_ATTRIBUTE, encode(values));
    if (constraints != null && constraints.length > 0) {
      out.put(CONSTRAINTS_ATTRIBUTE, encode(constraints));
    }
    return out;
  }

  /**
   * A JSON array of {@code a}, non-finite entries written as the strings {@code "NaN"}, {@code
   * "Infinity"}, {@code "-Infinity"}; read back by {@link #of(TrialRecord)}.
   */
  public static String encode(double[] a) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < a.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(Double.isFinite(a[i]) ? Double.toString(a[i]) : "\"" + a[i] + "\"");
    }
    return b.append(']').toString();
  }

  /**
   * The evaluation of a stored trial: the vector from {@link #VALUES_ATTRIBUTE} when present,
   * else the single value of a COMPLETE trial; constraints from {@link #CONSTRAINTS_ATTRIBUTE}.
   *
   * @throws IllegalArgumentException if an attribute is not a JSON array of numbers
   */
  public static Evaluation of(TrialRecord t) {
    Map<String, String> a = t.userAttributes();
    List<Double> values = List.of();
    if (t.state() == TrialState.COMPLETE) {
      values = a.containsKey(VALUES_ATTRIBUTE)
          ? decode(a.get(VALUES_ATTRIBUTE), t.number()) : List.of(t.value());
    }
    List<Double> cons = a.containsKey(CONSTRAINTS_ATTRIBUTE)
        ? decode(a.get(CONSTRAINTS_ATTRIBUTE), t.number()) : List.of();
    return new Evaluation(t.number(), t.state(), values, cons);
  }

  /** {@link #of(TrialRecord)} for each trial. */
  public static List<Evaluation> of(List<TrialRecord> trials) {
    List<Evaluation> out = new ArrayList<>(trials.size());
    for (TrialRecord t : trials) {
      out.add(of(t));
    }
    return out;
  }

  private static List<Double> decode(String json, int trial) {
    try {
      JsonNode n = Json.mapper().readTree(json);
      List<Double> out = new ArrayList<>();
      for (JsonNode e : n) {
        out.add(e.isNumber() ? e.asDouble() : Double.parseDouble(e.asText()));
      }
      if (!n.isArray()) {
        throw new IllegalArgumentException("not an array");
      }
      return out;
    } catch (Exception e) {
      throw new IllegalArgumentException("trial " + trial + ": attribute value " + json
          + " is not a JSON array of numbers", e);
    }
  }
}
