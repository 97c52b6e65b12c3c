package dev.hone.eval;

/**
 * One metric's value on an evaluated split, with its bootstrap confidence interval.
 *
 * <p>The interval is the 95% percentile bootstrap interval described in {@link Evaluator}. When no
 * bootstrap was run ({@code bootstrapRounds == 0}) or no resample gave a defined value ({@code
 * bootstrapValid == 0}), both bounds are NaN (written to JSON as the string {@code "NaN"}).
 *
 * @param name the metric's snake-case name, {@link Metric#metricName()}, e.g. {@code "roc_auc"}
 * @param value the metric on all rows of the split; NaN where undefined (see {@link Metrics})
 * @param ciLower the 2.5th percentile of the bootstrap replicates
 * @param ciUpper the 97.5th percentile of the bootstrap replicates
 * @param bootstrapRounds the number of resamples drawn, {@code >= 0}
 * @param bootstrapValid how many of them gave a defined (non-NaN) value, in {@code [0,
 *     bootstrapRounds]}; the others were skipped
 * @param higherIsBetter the metric's {@link Direction}: {@code true} for maximise
 */
public record MetricValue(
    String name,
    double value,
    double ciLower,
    double ciUpper,
    int bootstrapRounds,
    int bootstrapValid,
    boolean higherIsBetter) {
  /**
   * Checks the arguments.
   *
   * @throws IllegalArgumentException if the name is blank or the bootstrap counts are inconsistent
   */
  public MetricValue {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    if (bootstrapRounds < 0 || bootstrapValid < 0 || bootstrapValid > bootstrapRounds) {
      throw new IllegalArgumentException(
          "bootstrapValid was "
              + bootstrapValid
              + " and bootstrapRounds "
              + bootstrapRounds
              + " but they must satisfy 0 <= bootstrapValid <= bootstrapRounds");
    }
  }
}
