package dev.hone.fairness;

import java.util.Objects;

/**
 * One metric of one group (or one ratio between groups), as a fraction with its parts, or a typed
 * statement that it is undefined — never a silent 0, 1, NaN or infinity. Immutable and
 * JSON-serialisable.
 *
 * <p>{@code value = numerator / denominator} when {@link Status#DEFINED}. When the denominator is
 * 0 the measure is {@link Status#UNDEFINED} and {@code reason} says why, telling 0/0 (e.g. {@code
 * "no positives in group (TPR = 0/0)"}) apart from x/0 (e.g. {@code "reference rate is 0 (ratio =
 * 0.25/0)"}); {@code numerator} and {@code denominator} still hold the parts. A group without rows
 * is {@link Status#EMPTY} ({@code n = 0}).
 *
 * <p>The interval fields hold the 95% percentile interval of a group-stratified bootstrap (see
 * {@link FairnessAudit}); they are NaN when no bootstrap was run or no resample gave a defined
 * value. {@code bootstrapValid} counts the resamples in which the measure was defined (a resample
 * of a group with few positives can hold none).
 *
 * @param metric snake-case metric name, e.g. {@code true_positive_rate}
 * @param status whether the value is defined
 * @param defined {@code status == DEFINED}, for readers of the JSON
 * @param value the value when defined, NaN otherwise
 * @param numerator the fraction's numerator (a count, a sum of scores, or a rate for ratios)
 * @param denominator the fraction's denominator
 * @param n the rows of the group the measure describes
 * @param reason why the value is undefined; empty when defined
 * @param ciLower 2.5th percentile of the bootstrap replicates, NaN when none
 * @param ciUpper 97.5th percentile of the bootstrap replicates, NaN when none
 * @param bootstrapRounds resamples drawn, {@code >= 0}
 * @param bootstrapValid resamples in which the measure was defined, {@code <= bootstrapRounds}
 */
public record Measure(
    String metric,
    Status status,
    boolean defined,
    double value,
    double numerator,
    double denominator,
    int n,
    String reason,
    double ciLower,
    double ciUpper,
    int bootstrapRounds,
    int bootstrapValid) {

  /** Whether a measure has a value. */
  public enum Status {
    /** The fraction has a non-zero denominator. */
    DEFINED,
    /** The denominator is 0; {@code reason} says which count is missing. */
    UNDEFINED,
    /** The group has no rows. */
    EMPTY
  }

  /**
   * Checks consistency.
   *
   * @throws IllegalArgumentException if {@code defined} disagrees with {@code status}, a defined
   *     value is NaN, an undefined one has no reason, or the bootstrap counts are inconsistent
   */
  public Measure {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(status, "status");
    reason = reason == null ? "" : reason;
    if (defined != (status == Status.DEFINED)) {
      throw new IllegalArgumentException("defined must equal status == DEFINED");
    }
    if (defined && Double.isNaN(value)) {
      throw new IllegalArgumentException(metric + ": a defined value must not be NaN");
    }
    if (!defined && (!Double.isNaN(value) || reason.isEmpty())) {
      throw new IllegalArgumentException(metric + ": an undefined value is NaN with a reason");
    }
    if (bootstrapRounds < 0 || bootstrapValid < 0 || bootstrapValid > bootstrapRounds) {
      throw new IllegalArgumentException("inconsistent bootstrap counts");
    }
  }

  /** A defined value without interval. */
  static Measure of(String metric, double value, double num, double den, int n) {
    return new Measure(
        metric, Status.DEFINED, true, value, num, den, n, "", Double.NaN, Double.NaN, 0, 0);
  }

  /** {@code num / den}, or undefined with {@code reasonIfZero} when {@code den == 0}. */
  static Measure fraction(String metric, double num, double den, int n, String reasonIfZero) {
    if (n == 0) {
      return empty(metric);
    }
    if (den == 0) {
      return undefined(metric, reasonIfZero, num, den, n);
    }
    return of(metric, num / den, num, den, n);
  }

  static Measure undefined(String metric, String reason, double num, double den, int n) {
    return new Measure(
        metric, Status.UNDEFINED, false, Double.NaN, num, den, n, reason, Double.NaN, Double.NaN,
        0, 0);
  }

  static Measure empty(String metric) {
    return new Measure(
        metric, Status.EMPTY, false, Double.NaN, 0, 0, 0, "empty group (n = 0)", Double.NaN,
        Double.NaN, 0, 0);
  }

  /** This measure with a bootstrap interval. */
  Measure withInterval(double lower, double upper, int rounds, int valid) {
    return new Measure(
        metric, status, defined, value, numerator, denominator, n, reason, lower, upper, rounds,
        valid);
  }
}
