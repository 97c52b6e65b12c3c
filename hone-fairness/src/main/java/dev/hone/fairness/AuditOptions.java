package dev.hone.fairness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.eval.Metric;
import java.util.Map;

/**
 * Settings of a {@link FairnessAudit}.
 *
 * @param threshold decision threshold on P(class 1), in [0, 1]: a row is predicted 1 iff {@code
 *     score > threshold} (default {@link Metric#BINARY_THRESHOLD}, 0.5, as everywhere in Hone: a
 *     score of exactly 0.5 predicts 0)
 * @param bootstrapRounds group-stratified bootstrap resamples per attribute, {@code >= 0} (default
 *     {@value #DEFAULT_BOOTSTRAP_ROUNDS}; 0 turns intervals off)
 * @param seed root seed of the resampling
 * @param referenceGroups optional privileged (reference) group per attribute name for the
 *     disparate-impact ratios, e.g. {@code {"sex": "Male"}}; an attribute without an entry uses
 *     its group with the highest selection rate
 */
public record AuditOptions(
    double threshold, int bootstrapRounds, long seed, Map<String, String> referenceGroups) {
  /** Default number of bootstrap resamples. */
  public static final int DEFAULT_BOOTSTRAP_ROUNDS = 1000;

  /**
   * Validates.
   *
   * @throws InvalidParameterException if the threshold is outside [0, 1] or the rounds negative
   */
  public AuditOptions {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new InvalidParameterException(
          "fairness threshold was " + threshold + " but must be in [0, 1]");
    }
    if (bootstrapRounds < 0) {
      throw new InvalidParameterException(
          "bootstrap rounds was " + bootstrapRounds + " but must be >= 0 (0 turns it off)");
    }
    referenceGroups = referenceGroups == null ? Map.of() : Map.copyOf(referenceGroups);
  }

  /** Threshold 0.5, {@value #DEFAULT_BOOTSTRAP_ROUNDS} resamples, reference = highest rate. */
  public static AuditOptions defaults(long seed) {
    return new AuditOptions(Metric.BINARY_THRESHOLD, DEFAULT_BOOTSTRAP_ROUNDS, seed, Map.of());
  }

  /** A copy with another number of bootstrap resamples. */
  public AuditOptions withBootstrapRounds(int rounds) {
    return new AuditOptions(threshold, rounds, seed, referenceGroups);
  }

  /** A copy with another decision threshold. */
  public AuditOptions withThreshold(double t) {
    return new AuditOptions(t, bootstrapRounds, seed, referenceGroups);
  }

  /** A copy with named reference groups (attribute name → group key). */
  public AuditOptions withReferenceGroups(Map<String, String> refs) {
    return new AuditOptions(threshold, bootstrapRounds, seed, refs);
  }
}
