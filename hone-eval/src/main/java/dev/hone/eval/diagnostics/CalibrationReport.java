package dev.hone.eval.diagnostics;

import java.util.List;

/**
 * Calibration of predicted probabilities on one split: a reliability diagram, the expected and
 * maximum calibration errors, and calibration-in-the-large. See {@link Calibration} for the
 * definitions. Immutable and serialisable with {@link dev.hone.core.json.Json}.
 *
 * @param kind {@code "positive_class"} (binary: the probability of class 1 against the event
 *     {@code y = 1}) or {@code "top_label"} (multiclass: the largest probability, the confidence,
 *     against the event "the arg-max class is correct")
 * @param strategy {@code "uniform"} or {@code "quantile"} binning
 * @param n rows
 * @param bins every bin in ascending order of its edges, empty ones included ({@code n = 0}, NaN
 *     statistics)
 * @param ece expected calibration error: {@code Σ_b (n_b / n)·|observed_b − meanPredicted_b|},
 *     in [0, 1]
 * @param eceLower 2.5th percentile of the bootstrap replicates of {@code ece} (NaN without
 *     bootstrap)
 * @param eceUpper 97.5th percentile of the bootstrap replicates
 * @param bootstrapRounds resamples drawn, 0 when the bootstrap was off
 * @param mce maximum calibration error: the largest {@code |observed_b − meanPredicted_b|} over
 *     non-empty bins
 * @param meanPredicted mean predicted probability over all rows
 * @param observedFrequency frequency of the event over all rows (compare with {@code
 *     meanPredicted}: calibration in the large)
 */
public record CalibrationReport(
    String kind,
    String strategy,
    int n,
    List<ReliabilityBin> bins,
    double ece,
    double eceLower,
    double eceUpper,
    int bootstrapRounds,
    double mce,
    double meanPredicted,
    double observedFrequency) {

  /** Copies the list. */
  public CalibrationReport {
    bins = List.copyOf(bins);
  }

  /**
   * One bin of the reliability diagram.
   *
   * @param lower lower edge
   * @param upper upper edge; the bin is {@code (lower, upper]}, the first one {@code [lower,
   *     upper]} (scikit-learn's {@code calibration_curve} assignment)
   * @param n rows whose predicted probability falls in the bin
   * @param meanPredicted mean predicted probability in the bin ({@code prob_pred} of
   *     scikit-learn); NaN when empty
   * @param observed frequency of the event in the bin ({@code prob_true}); NaN when empty
   * @param observedLower lower bound of the Wilson 95% interval of {@code observed}
   * @param observedUpper upper bound of the Wilson 95% interval
   */
  public record ReliabilityBin(
      double lower,
      double upper,
      int n,
      double meanPredicted,
      double observed,
      double observedLower,
      double observedUpper) {}
}
