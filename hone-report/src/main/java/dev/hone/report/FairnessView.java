package dev.hone.report;

import java.util.List;

/**
 * The fairness section of the report, already computed (by the fairness audit) and flattened for
 * display. The report module renders it and computes nothing. Non-finite numbers mean "undefined";
 * the row's {@code note} says why. Immutable.
 *
 * @param note one paragraph under the heading: threshold, bootstrap, how the reference group was
 *     chosen, the four-fifths rule
 * @param attributes one block per sensitive attribute (column or intersection)
 * @param mitigation before/after comparison of a bias mitigation, or {@code null} for none
 * @param tradeoff per-trial accuracy–fairness values of the search, or {@code null} for none
 */
public record FairnessView(
    String note, List<Attribute> attributes, FairnessMitigationView mitigation,
    FairnessTradeoffView tradeoff) {
  public FairnessView {
    attributes = List.copyOf(attributes);
  }

  /** The audit alone, without mitigation or search trade-off. */
  public FairnessView(String note, List<Attribute> attributes) {
    this(note, attributes, null, null);
  }

  /** This view with a mitigation comparison and a search trade-off (either may be null). */
  public FairnessView withMitigation(
      FairnessMitigationView mitigation, FairnessTradeoffView tradeoff) {
    return new FairnessView(note, attributes, mitigation, tradeoff);
  }

  /**
   * One sensitive attribute.
   *
   * @param name e.g. {@code sex} or {@code sex × race}
   * @param referenceGroup the reference (privileged) group of the disparate-impact ratios
   * @param groups one row per group
   * @param summaries the fairness summaries
   * @param representation training-versus-test representation rows; empty when not audited
   */
  public record Attribute(
      String name,
      String referenceGroup,
      List<GroupRow> groups,
      List<SummaryRow> summaries,
      List<RepresentationRow> representation) {
    public Attribute {
      groups = List.copyOf(groups);
      summaries = List.copyOf(summaries);
      representation = representation == null ? List.of() : List.copyOf(representation);
    }
  }

  /**
   * One group's metrics (NaN = undefined).
   *
   * @param group group key
   * @param n rows
   * @param selectionRate selection rate
   * @param selectionLower its 2.5th bootstrap percentile
   * @param selectionUpper its 97.5th bootstrap percentile
   * @param truePositiveRate TPR
   * @param falsePositiveRate FPR
   * @param precision precision
   * @param accuracy accuracy
   * @param rocAuc ROC AUC
   * @param meanScore mean predicted probability
   * @param baseRate observed rate of label 1
   * @param brierScore Brier score
   * @param disparateImpact selection rate relative to the reference group
   * @param flagged whether the disparate-impact ratio breaks the four-fifths rule
   * @param note reasons for undefined values; empty when none
   */
  public record GroupRow(
      String group,
      int n,
      double selectionRate,
      double selectionLower,
      double selectionUpper,
      double truePositiveRate,
      double falsePositiveRate,
      double precision,
      double accuracy,
      double rocAuc,
      double meanScore,
      double baseRate,
      double brierScore,
      double disparateImpact,
      boolean flagged,
      String note) {}

  /**
   * One summary.
   *
   * @param name e.g. {@code equalized_odds_difference}
   * @param value the point value, NaN when undefined
   * @param lower 2.5th bootstrap percentile
   * @param upper 97.5th bootstrap percentile
   * @param flagged whether a rule (four-fifths) is broken
   * @param detail which groups gave the extremes, or why it is undefined
   */
  public record SummaryRow(
      String name, double value, double lower, double upper, boolean flagged, String detail) {}

  /**
   * One group's representation in training versus test data.
   *
   * @param group group key
   * @param trainCount training rows
   * @param trainShare share of training rows
   * @param testCount test rows
   * @param testShare share of test rows
   * @param trainLabelRate rate of label 1 in training (NaN when absent)
   * @param testLabelRate rate of label 1 in test
   * @param flagged under-represented in training
   * @param note the flag's reasons
   */
  public record RepresentationRow(
      String group,
      int trainCount,
      double trainShare,
      int testCount,
      double testShare,
      double trainLabelRate,
      double testLabelRate,
      boolean flagged,
      String note) {}
}
