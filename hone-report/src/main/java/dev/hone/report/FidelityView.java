package dev.hone.report;

import java.util.List;

/**
 * The report's "Low-fidelity search" section: the pilot calibration table, the choice, and what
 * the scheduler did. Values arrive formatted; the report computes nothing.
 *
 * @param summary one sentence: the setting, the chosen fidelity and the scheduler
 * @param rows calibration rows, cheapest first; empty for an explicit fidelity (no pilot)
 * @param rungs per rung below full: trials that reached it, were stopped, went on
 * @param counts facts: complete / pruned trials, promotions, pilot time
 */
public record FidelityView(String summary, List<Row> rows, List<Rung> rungs, List<ReportModel.Fact> counts) {
  public FidelityView {
    rows = List.copyOf(rows);
    rungs = List.copyOf(rungs);
    counts = List.copyOf(counts);
  }

  /**
   * One calibration row.
   *
   * @param fidelity textual form
   * @param cost measured cost fraction
   * @param rho Spearman's ρ
   * @param rhoInterval ρ's interval, e.g. {@code [0.41, 0.95]}
   * @param tau Kendall's τ-b
   * @param tauInterval τ's interval
   * @param n configurations
   * @param trusted "yes" or "no"
   * @param chosen whether it is the chosen fidelity
   */
  public record Row(
      String fidelity, String cost, String rho, String rhoInterval, String tau, String tauInterval,
      int n, String trusted, boolean chosen) {}

  /**
   * One rung.
   *
   * @param fidelity what a trial trains at this rung
   * @param reached trials that reached the rung
   * @param pruned trials stopped there
   * @param promoted trials that went on
   */
  public record Rung(String fidelity, int reached, int pruned, int promoted) {}
}
