package dev.hone.report;

import java.util.List;

/**
 * The accuracy–fairness trade-off of a search: one point per complete trial, its validation
 * objective against its validation fairness summary (lower is fairer), with the Pareto front, the
 * feasibility under a fairness constraint and the reported trial marked. Immutable.
 *
 * @param objective the search objective, e.g. {@code roc_auc}
 * @param metric the fairness summary, e.g. {@code equalized_odds_difference}
 * @param constraint the constraint, e.g. {@code equalized_odds_difference<=0.05}; empty when none
 * @param bound the constraint's upper bound, NaN when none
 * @param infeasible whether the reported trial breaks the constraint (no trial met it)
 * @param note one paragraph: data split, how the trial was chosen
 * @param points one per complete trial
 */
public record FairnessTradeoffView(
    String objective, String metric, String constraint, double bound, boolean infeasible, String note,
    List<Point> points) {
  public FairnessTradeoffView {
    points = List.copyOf(points);
  }

  /**
   * One trial.
   *
   * @param trial trial number
   * @param objective validation objective value
   * @param fairness validation fairness value, NaN when undefined
   * @param feasible meets the constraint (true without one)
   * @param pareto on the Pareto front (better objective, lower fairness value)
   * @param chosen the reported trial
   */
  public record Point(
      int trial, double objective, double fairness, boolean feasible, boolean pareto,
      boolean chosen) {}
}
