package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.fairness.ThresholdOptimizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fairness mitigation and constraints of {@code hone train} (binary tasks with at least one
 * {@code --sensitive} column). The attribute mitigated and constrained is the first sensitive
 * column, or the intersection of all of them ({@code attribute = intersection}).
 *
 * @param mitigation one of {@link #MITIGATIONS}: {@code none}; {@code reweighing} (Kamiran and
 *     Calders 2012 weights fitted on the training split, passed to every trial and the refit); or
 *     {@code threshold} (per-group randomised thresholds, Hardt, Price and Srebro 2016, fitted on
 *     the validation split and applied to the final model's test predictions and by {@code hone
 *     predict}). {@code null} means {@code none}.
 * @param thresholdConstraint for {@code threshold}: {@code demographic_parity}, {@code
 *     equal_opportunity} or {@code equalized_odds} (default); {@code null} for the default
 * @param constraintMetric the constrained summary, one of {@link #CONSTRAINT_METRICS}, or {@code
 *     null} for no constraint
 * @param constraintBound the constraint's upper bound in [0, 1]; ignored without a metric
 * @param attribute {@code first} (default, the first sensitive column) or {@code intersection}
 *     (every combination of the sensitive columns' values, e.g. {@code female × 25-40}); {@code
 *     null} for the default
 */
public record FairnessSettings(
    String mitigation, String thresholdConstraint, String constraintMetric, double constraintBound,
    String attribute) {

  /** Values of {@code --fairness-attribute}. */
  public static final List<String> ATTRIBUTES = List.of("first", "intersection");

  /** Values of {@code --mitigation}. */
  public static final List<String> MITIGATIONS = List.of("none", "reweighing", "threshold");

  /** Summaries {@code --fairness-constraint} accepts (differences: 0 is fair, lower is better). */
  public static final List<String> CONSTRAINT_METRICS =
      List.of("equalized_odds_difference", "demographic_parity_difference",
          "equal_opportunity_difference");

  /** Values of {@code --threshold-constraint}. */
  public static final List<String> THRESHOLD_CONSTRAINTS =
      List.of("demographic_parity", "equal_opportunity", "equalized_odds");

  /** No mitigation and no constraint. */
  public static final FairnessSettings NONE =
      new FairnessSettings(null, null, null, Double.NaN, null);

  private static final Pattern CONSTRAINT =
      Pattern.compile("\\s*([a-z_]+)\\s*<=\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*");

  public FairnessSettings {
    attribute = attribute == null ? "first" : attribute.toLowerCase(Locale.ROOT);
    if (!ATTRIBUTES.contains(attribute)) {
      throw new InvalidParameterException(
          "--fairness-attribute was '" + attribute + "' but must be one of " + ATTRIBUTES);
    }
    mitigation = mitigation == null ? "none" : mitigation.toLowerCase(Locale.ROOT);
    if (!MITIGATIONS.contains(mitigation)) {
      throw new InvalidParameterException(
          "--mitigation was '" + mitigation + "' but must be one of " + MITIGATIONS);
    }
    thresholdConstraint =
        thresholdConstraint == null ? "equalized_odds" : thresholdConstraint.toLowerCase(Locale.ROOT);
    if (!THRESHOLD_CONSTRAINTS.contains(thresholdConstraint)) {
      throw new InvalidParameterException(
          "--threshold-constraint was '" + thresholdConstraint + "' but must be one of "
              + THRESHOLD_CONSTRAINTS);
    }
    if (constraintMetric != null) {
      if (!CONSTRAINT_METRICS.contains(constraintMetric)) {
        throw new InvalidParameterException(
            "--fairness-constraint names '" + constraintMetric + "' but must name one of "
                + CONSTRAINT_METRICS + ", e.g. \"equalized_odds_difference<=0.05\"");
      }
      if (!(constraintBound >= 0 && constraintBound <= 1)) {
        throw new InvalidParameterException(
            "--fairness-constraint bound was " + constraintBound + " but must be in [0, 1]");
      }
    }
  }

  /**
   * Parses {@code --fairness-constraint}, e.g. {@code "equalized_odds_difference<=0.05"}.
   *
   * @param mitigation {@code --mitigation}, or {@code null}
   * @param thresholdConstraint {@code --threshold-constraint}, or {@code null}
   * @param constraint the constraint expression, or {@code null} for none
   * @throws InvalidParameterException if the expression is not {@code METRIC<=BOUND}
   */
  public static FairnessSettings parse(
      String mitigation, String thresholdConstraint, String constraint) {
    return parse(mitigation, thresholdConstraint, constraint, null);
  }

  /**
   * {@link #parse(String, String, String)} with {@code --fairness-attribute}.
   *
   * @param attribute {@code first}, {@code intersection}, or {@code null} for {@code first}
   */
  public static FairnessSettings parse(
      String mitigation, String thresholdConstraint, String constraint, String attribute) {
    if (constraint == null || constraint.isBlank()) {
      return new FairnessSettings(mitigation, thresholdConstraint, null, Double.NaN, attribute);
    }
    Matcher m = CONSTRAINT.matcher(constraint);
    if (!m.matches()) {
      throw new InvalidParameterException(
          "--fairness-constraint was '" + constraint + "' but must read METRIC<=BOUND with METRIC"
              + " one of " + CONSTRAINT_METRICS + ", e.g. \"equalized_odds_difference<=0.05\"");
    }
    return new FairnessSettings(
        mitigation, thresholdConstraint, m.group(1), Double.parseDouble(m.group(2)), attribute);
  }

  /** Whether any mitigation or constraint is asked for. */
  public boolean active() {
    return !"none".equals(mitigation) || constraintMetric != null;
  }

  /** Whether a search constraint is set. */
  public boolean constrained() {
    return constraintMetric != null;
  }

  /** The threshold optimizer's constraint. */
  ThresholdOptimizer.Constraint thresholdOptimizerConstraint() {
    return ThresholdOptimizer.Constraint.valueOf(thresholdConstraint.toUpperCase(Locale.ROOT));
  }

  /** The expression as given, normalised, e.g. {@code equalized_odds_difference<=0.05}. */
  String constraintText() {
    return constraintMetric == null ? "" : constraintMetric + "<=" + constraintBound;
  }

  /** What the study's fingerprint records. */
  String fingerprint() {
    return "mitigation=" + mitigation
        + ("threshold".equals(mitigation) ? "(" + thresholdConstraint + ")" : "")
        + ";constraint=" + constraintText()
        + ("intersection".equals(attribute) ? ";attribute=intersection" : "");
  }
}
