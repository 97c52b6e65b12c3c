package dev.hone.search.fidelity;

import java.util.List;

/**
 * The outcome of a fidelity calibration: one row per candidate, cheapest first, and the choice.
 * Immutable and JSON-serialisable.
 *
 * @param rows candidates in increasing cost order (ties: the order given)
 * @param chosen textual form of the chosen fidelity: the cheapest trusted candidate, or {@code
 *     full} when none is trusted
 * @param chosenCostFraction the chosen fidelity's cost fraction (1 for {@code full})
 * @param threshold the minimum ρ a candidate needed
 * @param useLowerBound whether the rule compared ρ's interval lower bound (else the point estimate)
 * @param intervalMethod how the intervals were computed, in words
 * @param confidence two-sided level of the intervals
 * @param bootstrapRounds bootstrap resamples
 * @param seed the seed of the bootstrap
 * @param nConfigs pilot configurations evaluated
 */
public record CalibrationResult(
    List<CalibrationRow> rows,
    String chosen,
    double chosenCostFraction,
    double threshold,
    boolean useLowerBound,
    String intervalMethod,
    double confidence,
    int bootstrapRounds,
    long seed,
    int nConfigs) {
  public CalibrationResult {
    rows = List.copyOf(rows);
  }

  /** The chosen fidelity, parsed back. */
  public Fidelity chosenFidelity() {
    return Fidelity.parse(chosen);
  }

  /** Whether some low fidelity was trusted (otherwise the search runs at full fidelity). */
  public boolean anyTrusted() {
    return rows.stream().anyMatch(CalibrationRow::trusted);
  }
}
