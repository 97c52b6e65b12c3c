package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;

/**
 * How many configurations a sequential pilot ({@link SequentialPilot}) evaluates.
 *
 * @param initialConfigs configurations evaluated before the first decision (default 6, at least 3)
 * @param batch configurations added while the decision is open (default 2, at least 1)
 * @param maxConfigs most configurations (default 10, at least {@code initialConfigs}); at this
 *     size the open decisions are taken on the point estimate, as {@link FidelityCalibration} does
 * @param stopConfidence two-sided level of the bootstrap interval that closes a decision early
 *     (default 0.8: a candidate is trusted early when the interval's lower bound is at least the
 *     threshold, refused early when its upper bound is below it, each a one-sided 90% statement)
 */
public record PilotRule(int initialConfigs, int batch, int maxConfigs, double stopConfidence) {
  /**
   * @throws InvalidParameterException if a value is out of range
   */
  public PilotRule {
    if (initialConfigs < 3) {
      throw new InvalidParameterException(
          "pilot initialConfigs was " + initialConfigs + " but must be >= 3");
    }
    if (batch < 1) {
      throw new InvalidParameterException("pilot batch was " + batch + " but must be >= 1");
    }
    if (maxConfigs < initialConfigs) {
      throw new InvalidParameterException(
          "pilot maxConfigs was " + maxConfigs + " but must be >= initialConfigs " + initialConfigs);
    }
    if (!(stopConfidence > 0 && stopConfidence < 1)) {
      throw new InvalidParameterException(
          "pilot stopConfidence was " + stopConfidence + " but must be in (0, 1)");
    }
  }

  /** 6 configurations, batches of 2, at most 10, early decisions on 80% intervals. */
  public static PilotRule defaults() {
    return new PilotRule(6, 2, 10, 0.8);
  }

  /** A fixed pilot of {@code n} configurations: every decision on the point estimate. */
  public static PilotRule fixed(int n) {
    return new PilotRule(n, 1, n, 0.8);
  }
}
