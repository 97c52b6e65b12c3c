package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;

/**
 * The trust rule of {@link FidelityCalibration}.
 *
 * @param threshold minimum Spearman ρ between low- and full-fidelity scores for a fidelity to be
 *     trusted, in {@code [-1, 1]}; default {@value #DEFAULT_THRESHOLD}
 * @param useLowerBound compare the lower bound of ρ's interval instead of the point estimate
 *     (stricter; with 8–16 pilot configurations the bootstrap interval is wide, so the default is
 *     {@code false})
 * @param minConfigs fewest configurations with finite scores for any fidelity to be trusted
 *     (default 5)
 * @param bootstrapRounds percentile-bootstrap resamples (default 2000, at least 100)
 * @param confidence two-sided interval level (default 0.95)
 * @param seed seed of the bootstrap resampling
 */
public record CalibrationOptions(
    double threshold,
    boolean useLowerBound,
    int minConfigs,
    int bootstrapRounds,
    double confidence,
    long seed) {
  /** Default minimum ρ. */
  public static final double DEFAULT_THRESHOLD = 0.6;

  /**
   * @throws InvalidParameterException if a value is out of range
   */
  public CalibrationOptions {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new InvalidParameterException(
          "fidelity threshold was " + threshold + " but must be a correlation in [-1, 1], e.g. 0.6");
    }
    if (minConfigs < 3) {
      throw new InvalidParameterException("minConfigs was " + minConfigs + " but must be >= 3");
    }
    if (bootstrapRounds < 100) {
      throw new InvalidParameterException(
          "bootstrapRounds was " + bootstrapRounds + " but must be >= 100");
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new InvalidParameterException("confidence was " + confidence + " but must be in (0, 1)");
    }
  }

  /** Threshold 0.6 on the point estimate, 5 configurations at least, 2000 resamples, 95%. */
  public static CalibrationOptions defaults(long seed) {
    return new CalibrationOptions(DEFAULT_THRESHOLD, false, 5, 2000, 0.95, seed);
  }

  /** These options with another threshold. */
  public CalibrationOptions withThreshold(double t) {
    return new CalibrationOptions(t, useLowerBound, minConfigs, bootstrapRounds, confidence, seed);
  }

  /** These options comparing the interval's lower bound (or the point estimate) with the threshold. */
  public CalibrationOptions withLowerBound(boolean lower) {
    return new CalibrationOptions(threshold, lower, minConfigs, bootstrapRounds, confidence, seed);
  }
}
