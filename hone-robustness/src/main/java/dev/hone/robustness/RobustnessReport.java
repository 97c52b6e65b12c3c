package dev.hone.robustness;

import java.util.List;

/**
 * The robustness analysis of one model, as written to {@code metrics.json}: JSON-serialisable,
 * immutable.
 *
 * @param rowSelection which rows were attacked, e.g. "200 correctly classified test rows, drawn
 *     with seed …"
 * @param rowsAttacked number of rows attacked
 * @param norm the norm of the budgets ({@code linf}: a per-feature budget)
 * @param units what ε is measured in
 * @param statedEps the budget at which the headline success rates are stated
 * @param budget per-feature budget: which features may move, by how much per unit ε, within which
 *     range
 * @param curves robust accuracy against ε, one curve per attack
 * @param attacks per attack at {@link #statedEps}: success rate, queries, throughput
 * @param rows the smallest flipping ε of a few sample rows
 * @param notes how to read the section (what is held, what is approximate)
 */
public record RobustnessReport(
    String rowSelection,
    int rowsAttacked,
    String norm,
    String units,
    double statedEps,
    List<FeatureBudget> budget,
    List<RobustnessCurve> curves,
    List<AttackSummary> attacks,
    List<RowFlip> rows,
    List<String> notes) {
  public RobustnessReport {
    budget = List.copyOf(budget);
    curves = List.copyOf(curves);
    attacks = List.copyOf(attacks);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /**
   * One attack at the stated budget.
   *
   * @param attack the attack's name
   * @param eps the budget
   * @param successRate share of attacked clean-correct rows flipped within the budget
   * @param medianDistance median adversarial distance over flipped rows (minimal-distance attacks;
   *     NaN otherwise)
   * @param queries model evaluations used
   * @param examplesPerSecond attacked rows per second
   */
  public record AttackSummary(
      String attack, double eps, double successRate, double medianDistance, long queries,
      double examplesPerSecond) {}

  /**
   * The smallest budget that flips one row, with the changed features.
   *
   * @param row the row's index in the attacked split
   * @param attack the attack used
   * @param minimalEps the smallest flipping ε found ({@code Infinity} when none up to the search
   *     limit)
   * @param fromClass the clean prediction
   * @param toClass the prediction at the adversarial example
   * @param changes the changed features as {@code name: clean → adversarial}, largest scaled
   *     change first
   */
  public record RowFlip(
      int row, String attack, double minimalEps, String fromClass, String toClass,
      List<String> changes) {
    public RowFlip {
      changes = List.copyOf(changes);
    }
  }
}
