package dev.hone.report;

import java.util.List;

/**
 * The report's adversarial-robustness section: view records only, every value computed by
 * hone-robustness and copied here by the workflow. Immutable.
 *
 * @param summary how the rows were chosen and what ε means, one paragraph
 * @param statedBudget the headline budget in words, e.g. {@code "ε = 0.5 training standard
 *     deviations per feature (L∞)"}
 * @param curves robust accuracy against ε, one curve per attack
 * @param attacks per attack at the stated budget
 * @param budget per-feature budget rows
 * @param rows smallest flipping ε of a few sample rows
 * @param notes caveats
 */
public record RobustnessView(
    String summary,
    String statedBudget,
    List<Curve> curves,
    List<AttackRow> attacks,
    List<BudgetRow> budget,
    List<FlipRow> rows,
    List<String> notes) {
  public RobustnessView {
    curves = List.copyOf(curves);
    attacks = List.copyOf(attacks);
    budget = List.copyOf(budget);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /**
   * One curve.
   *
   * @param attack its name
   * @param eps budgets, ascending
   * @param accuracy accuracy under the attack at each budget
   */
  public record Curve(String attack, double[] eps, double[] accuracy) {}

  /**
   * One attack at the stated budget.
   *
   * @param attack its name
   * @param successRate share of attacked rows flipped
   * @param medianDistance median adversarial distance of flipped rows (NaN when not applicable)
   * @param queries model evaluations
   * @param examplesPerSecond attacked rows per second
   */
  public record AttackRow(
      String attack, double successRate, double medianDistance, long queries,
      double examplesPerSecond) {}

  /**
   * One feature.
   *
   * @param feature the model feature
   * @param mutable whether attacks may change it
   * @param perUnit how far it may move per unit of ε (its scale)
   * @param lower lowest allowed value
   * @param upper highest allowed value
   * @param note why it is held
   */
  public record BudgetRow(
      String feature, boolean mutable, double perUnit, double lower, double upper, String note) {}

  /**
   * One sample row.
   *
   * @param row index in the test split
   * @param attack the attack
   * @param minimalEps smallest flipping ε found
   * @param from clean prediction
   * @param to adversarial prediction
   * @param changes changed features
   */
  public record FlipRow(
      int row, String attack, double minimalEps, String from, String to, String changes) {}
}
