package dev.hone.fairness;

import java.util.List;
import java.util.Objects;

/**
 * One fairness summary of an attribute: a difference or ratio of a group metric across groups.
 * Immutable and JSON-serialisable.
 *
 * <p>Groups whose metric is undefined (or empty) are left out of the maximum and minimum and listed
 * in {@code excluded}; with fewer than two defined groups the summary is {@link
 * Measure.Status#UNDEFINED}.
 *
 * @param name summary name, e.g. {@code equalized_odds_difference} (see {@link FairnessAudit})
 * @param metric the group metric it compares; for {@code equalized_odds_difference} the component
 *     that gave the larger gap ({@code true_positive_rate} on ties)
 * @param status {@code DEFINED} or {@code UNDEFINED}
 * @param defined {@code status == DEFINED}
 * @param value the summary, NaN when undefined
 * @param reason why it is undefined; empty when defined
 * @param maxGroup the group with the largest metric value (for ratios to a reference: the
 *     reference group); empty when undefined
 * @param maxValue that group's value, NaN when undefined
 * @param minGroup the group with the smallest value; empty when undefined
 * @param minValue that group's value, NaN when undefined
 * @param compared the groups whose values entered the summary
 * @param excluded the groups left out, with reasons
 * @param flagged whether the point value breaks {@code flagRule}; false when there is no rule
 * @param flagRule the rule flagged against, e.g. the four-fifths rule; empty when none
 * @param ciLower 2.5th percentile of the group-stratified bootstrap replicates, NaN when none
 * @param ciUpper 97.5th percentile, NaN when none
 * @param bootstrapRounds resamples drawn
 * @param bootstrapValid resamples in which the summary was defined
 */
public record Summary(
    String name,
    String metric,
    Measure.Status status,
    boolean defined,
    double value,
    String reason,
    String maxGroup,
    double maxValue,
    String minGroup,
    double minValue,
    List<String> compared,
    List<Exclusion> excluded,
    boolean flagged,
    String flagRule,
    double ciLower,
    double ciUpper,
    int bootstrapRounds,
    int bootstrapValid) {

  /**
   * Copies the lists and checks consistency.
   *
   * @throws IllegalArgumentException if {@code defined} disagrees with {@code status}
   */
  public Summary {
    Objects.requireNonNull(name, "name");
    reason = reason == null ? "" : reason;
    maxGroup = maxGroup == null ? "" : maxGroup;
    minGroup = minGroup == null ? "" : minGroup;
    flagRule = flagRule == null ? "" : flagRule;
    compared = List.copyOf(compared);
    excluded = List.copyOf(excluded);
    if (status == Measure.Status.EMPTY || defined != (status == Measure.Status.DEFINED)) {
      throw new IllegalArgumentException("a summary is DEFINED or UNDEFINED, matching 'defined'");
    }
  }

  static Summary undefined(
      String name, String metric, String reason, List<String> compared, List<Exclusion> ex) {
    return new Summary(
        name, metric, Measure.Status.UNDEFINED, false, Double.NaN, reason, "", Double.NaN, "",
        Double.NaN, compared, ex, false, "", Double.NaN, Double.NaN, 0, 0);
  }

  Summary withInterval(double lower, double upper, int rounds, int valid) {
    return new Summary(
        name, metric, status, defined, value, reason, maxGroup, maxValue, minGroup, minValue,
        compared, excluded, flagged, flagRule, lower, upper, rounds, valid);
  }

  Summary withFlag(boolean flag, String rule) {
    return new Summary(
        name, metric, status, defined, value, reason, maxGroup, maxValue, minGroup, minValue,
        compared, excluded, flag, rule, ciLower, ciUpper, bootstrapRounds, bootstrapValid);
  }
}
