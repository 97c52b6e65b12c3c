package dev.hone.eval.leakage;

import dev.hone.core.error.InvalidParameterException;

/**
 * Settings of {@link LeakageChecker}. Immutable; validated on construction. Every threshold is
 * documented where it is used; the defaults are the {@code DEFAULT_*} constants.
 *
 * @param groupColumn the column whose values identify groups that must not straddle splits
 *     (patient, customer, household...), or {@code null} for no group check
 * @param timeColumn the column giving each row's time (numbers, or ISO-8601 dates / date-times as
 *     text), or {@code null} for no time check
 * @param nearTolerance near-duplicate tolerance in units of each numeric column's training
 *     standard deviation, {@code >= 0}, default {@value #DEFAULT_NEAR_TOLERANCE}; 0 turns the
 *     near-duplicate check off
 * @param highShare share of the holdout rows above which a row-count finding (duplicates, group
 *     overlap, time overlap) is {@link Severity#HIGH}, in (0, 1], default {@value
 *     #DEFAULT_HIGH_SHARE}
 * @param highScore one-feature ROC AUC (classification) or R² (regression) on the holdout split at
 *     or above which a single column is {@link Severity#HIGH} target leakage, default {@value
 *     #DEFAULT_HIGH_SCORE}
 * @param mediumScore the same for {@link Severity#MEDIUM}, default {@value #DEFAULT_MEDIUM_SCORE}
 * @param idSignalAuc one-feature AUC at or above which an identifier-like column is {@link
 *     Severity#HIGH} (its values encode the label through their order), default {@value
 *     #DEFAULT_ID_SIGNAL_AUC}
 * @param idSignalR2 the same as an R² for regression, default {@value #DEFAULT_ID_SIGNAL_R2}
 * @param oneFeatureBins quantile bins of a numeric column's one-feature model, {@code >= 2},
 *     default {@value #DEFAULT_ONE_FEATURE_BINS}
 * @param maxExamples examples per finding, {@code >= 0}, default {@value #DEFAULT_MAX_EXAMPLES}
 */
public record LeakageOptions(
    String groupColumn,
    String timeColumn,
    double nearTolerance,
    double highShare,
    double highScore,
    double mediumScore,
    double idSignalAuc,
    double idSignalR2,
    int oneFeatureBins,
    int maxExamples) {
  public static final double DEFAULT_NEAR_TOLERANCE = 1e-3;
  public static final double DEFAULT_HIGH_SHARE = 0.01;
  public static final double DEFAULT_HIGH_SCORE = 0.99;
  public static final double DEFAULT_MEDIUM_SCORE = 0.95;
  public static final double DEFAULT_ID_SIGNAL_AUC = 0.6;
  public static final double DEFAULT_ID_SIGNAL_R2 = 0.1;
  public static final int DEFAULT_ONE_FEATURE_BINS = 100;
  public static final int DEFAULT_MAX_EXAMPLES = 5;

  /**
   * Validates.
   *
   * @throws InvalidParameterException on a value out of range
   */
  public LeakageOptions {
    if (!(nearTolerance >= 0) || Double.isInfinite(nearTolerance)) {
      throw new InvalidParameterException(
          "near-duplicate tolerance was " + nearTolerance + " but must be a finite number >= 0"
              + " (in training standard deviations; 0 turns the check off)");
    }
    if (!(highShare > 0 && highShare <= 1)) {
      throw new InvalidParameterException("high share was " + highShare + " but must be in (0, 1]");
    }
    if (!(mediumScore <= highScore) || !(highScore <= 1) || !(mediumScore > 0)) {
      throw new InvalidParameterException(
          "leakage scores were medium " + mediumScore + " and high " + highScore
              + " but must satisfy 0 < medium <= high <= 1");
    }
    if (!(idSignalAuc > 0.5 && idSignalAuc <= 1) || !(idSignalR2 > 0 && idSignalR2 <= 1)) {
      throw new InvalidParameterException(
          "identifier signal thresholds were AUC " + idSignalAuc + " and R² " + idSignalR2
              + " but must be in (0.5, 1] and (0, 1]");
    }
    if (oneFeatureBins < 2) {
      throw new InvalidParameterException(
          "one-feature bins was " + oneFeatureBins + " but must be >= 2");
    }
    if (maxExamples < 0) {
      throw new InvalidParameterException("max examples was " + maxExamples + " but must be >= 0");
    }
  }

  /** The defaults, without group or time column. */
  public static LeakageOptions defaults() {
    return new LeakageOptions(
        null, null, DEFAULT_NEAR_TOLERANCE, DEFAULT_HIGH_SHARE, DEFAULT_HIGH_SCORE,
        DEFAULT_MEDIUM_SCORE, DEFAULT_ID_SIGNAL_AUC, DEFAULT_ID_SIGNAL_R2,
        DEFAULT_ONE_FEATURE_BINS, DEFAULT_MAX_EXAMPLES);
  }

  public LeakageOptions withGroupColumn(String column) {
    return new LeakageOptions(
        column, timeColumn, nearTolerance, highShare, highScore, mediumScore, idSignalAuc,
        idSignalR2, oneFeatureBins, maxExamples);
  }

  public LeakageOptions withTimeColumn(String column) {
    return new LeakageOptions(
        groupColumn, column, nearTolerance, highShare, highScore, mediumScore, idSignalAuc,
        idSignalR2, oneFeatureBins, maxExamples);
  }

  public LeakageOptions withNearTolerance(double tolerance) {
    return new LeakageOptions(
        groupColumn, timeColumn, tolerance, highShare, highScore, mediumScore, idSignalAuc,
        idSignalR2, oneFeatureBins, maxExamples);
  }

  public LeakageOptions withHighShare(double share) {
    return new LeakageOptions(
        groupColumn, timeColumn, nearTolerance, share, highScore, mediumScore, idSignalAuc,
        idSignalR2, oneFeatureBins, maxExamples);
  }
}
