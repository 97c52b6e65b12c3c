package dev.hone.report;

import java.util.List;

/**
 * Before/after comparison of a bias mitigation on the test split, computed elsewhere and
 * flattened for display. Non-finite numbers mean "undefined". Immutable.
 *
 * @param method {@code reweighing} or {@code threshold}
 * @param attribute the sensitive column mitigated
 * @param note how the unmitigated and mitigated models were obtained, intervals
 * @param rows one row per metric
 * @param details one line per reweighing cell or per group threshold rule
 */
public record FairnessMitigationView(
    String method, String attribute, String note, List<Row> rows, List<String> details) {
  public FairnessMitigationView {
    rows = List.copyOf(rows);
    details = List.copyOf(details);
  }

  /**
   * One metric before and after, with 95% intervals.
   *
   * @param metric e.g. {@code accuracy} or {@code equalized_odds_difference}
   * @param before unmitigated value
   * @param beforeLower its 2.5th bootstrap percentile
   * @param beforeUpper its 97.5th bootstrap percentile
   * @param after mitigated value
   * @param afterLower its 2.5th bootstrap percentile
   * @param afterUpper its 97.5th bootstrap percentile
   */
  public record Row(
      String metric, double before, double beforeLower, double beforeUpper, double after,
      double afterLower, double afterUpper) {}
}
