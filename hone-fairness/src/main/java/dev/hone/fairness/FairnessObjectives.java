package dev.hone.fairness;

import dev.hone.eval.Metric;
import java.util.List;

/**
 * Fairness summaries as plain numbers, for use as a second objective or a constraint value in a
 * hyperparameter search (e.g. minimise equalized odds difference alongside maximising AUC, or
 * reject trials whose value exceeds a bound). Each function computes exactly the point value of
 * the summary of the same name in {@link FairnessAudit}, without bootstrap, and returns NaN when it
 * is undefined (a search should treat NaN as a failed or infeasible trial).
 *
 * <p>Predictions are {@code score > threshold} (default {@link Metric#BINARY_THRESHOLD}).
 */
public final class FairnessObjectives {
  private FairnessObjectives() {}

  /** A fairness summary as a function of (labels, scores, groups). */
  @FunctionalInterface
  public interface Objective {
    /**
     * @param labels labels in {0, 1}, shape {@code [n]}
     * @param scores P(class 1), shape {@code [n]}
     * @param groups the rows' groups
     * @return the summary value; NaN when undefined
     */
    double value(int[] labels, double[] scores, Groups groups);
  }

  /**
   * The summary named {@code summary} (one of {@link FairnessAudit#SUMMARIES}) at a threshold.
   *
   * @throws IllegalArgumentException for an unknown name or a threshold outside [0, 1]
   */
  public static Objective of(String summary, double threshold) {
    if (!FairnessAudit.SUMMARIES.contains(summary)) {
      throw new IllegalArgumentException(
          "unknown fairness summary '" + summary + "'; known: " + FairnessAudit.SUMMARIES);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold was " + threshold + " but must be in [0, 1]");
    }
    return (labels, scores, groups) -> summaries(labels, scores, groups, threshold)
        .get(FairnessAudit.SUMMARIES.indexOf(summary)).value();
  }

  /** Equalized odds difference at 0.5: max(TPR gap, FPR gap); 0 is perfectly fair. */
  public static double equalizedOddsDifference(int[] labels, double[] scores, Groups groups) {
    return of("equalized_odds_difference", Metric.BINARY_THRESHOLD).value(labels, scores, groups);
  }

  /** Demographic parity difference at 0.5: selection-rate gap; 0 is perfectly fair. */
  public static double demographicParityDifference(int[] labels, double[] scores, Groups groups) {
    return of("demographic_parity_difference", Metric.BINARY_THRESHOLD)
        .value(labels, scores, groups);
  }

  /** Equal opportunity difference at 0.5: TPR gap; 0 is perfectly fair. */
  public static double equalOpportunityDifference(int[] labels, double[] scores, Groups groups) {
    return of("equal_opportunity_difference", Metric.BINARY_THRESHOLD)
        .value(labels, scores, groups);
  }

  /** Smallest disparate-impact ratio at 0.5 (reference: highest selection rate); 1 is fair. */
  public static double disparateImpactRatio(int[] labels, double[] scores, Groups groups) {
    return of("disparate_impact_ratio", Metric.BINARY_THRESHOLD).value(labels, scores, groups);
  }

  /**
   * How far a value exceeds an upper bound, for constraint handling: {@code max(0, value −
   * bound)}; {@code +Infinity} when the value is NaN (undefined counts as infeasible).
   */
  public static double violation(double value, double bound) {
    return Double.isNaN(value) ? Double.POSITIVE_INFINITY : Math.max(0, value - bound);
  }

  private static List<Summary> summaries(
      int[] labels, double[] scores, Groups groups, double threshold) {
    int[] pred = new int[scores.length];
    for (int i = 0; i < pred.length; i++) {
      pred[i] = scores[i] > threshold ? 1 : 0;
    }
    FairnessAudit.validate(labels, scores, pred, List.of(groups), java.util.Map.of());
    GroupKernel.Counts[] c = new GroupKernel(labels, scores, pred, groups).evaluate(null);
    List<GroupMetrics> gm = new java.util.ArrayList<>();
    for (int g = 0; g < c.length; g++) {
      gm.add(FairnessAudit.metrics(groups.keys().get(g), c[g], Double.NaN, Double.NaN));
    }
    return FairnessAudit.summarise(groups.keys(), gm, null).summaries();
  }
}
