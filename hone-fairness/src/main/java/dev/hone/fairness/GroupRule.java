package dev.hone.fairness;

/**
 * The randomised decision rule of one group, fitted by {@link ThresholdOptimizer}. For a score
 * {@code s} the probability of predicting 1 is
 *
 * <pre>
 *   P(ŷ = 1 | s) = constantShare · constantRate
 *                + (1 − constantShare) · ((1 − mix) · [s ≥ thresholdA] + mix · [s ≥ thresholdB])
 * </pre>
 *
 * i.e. a mixture of two threshold rules (neighbouring vertices of the group's ROC convex hull) and,
 * for equalized odds only, a score-independent coin with rate {@code constantRate} that moves the
 * group's operating point towards the ROC diagonal. A threshold of {@code +Infinity} predicts 0
 * for every score, {@code -Infinity} predicts 1.
 *
 * <p>The validation fields describe the rule's expected behaviour on the validation rows it was
 * fitted on; a rate is NaN when its denominator is 0 there.
 *
 * @param group the group key
 * @param thresholdA first threshold ({@code s ≥ thresholdA} predicts 1)
 * @param thresholdB second threshold, {@code <= thresholdA}
 * @param mix probability of using {@code thresholdB}, in [0, 1]
 * @param constantShare probability of ignoring the score, in [0, 1]
 * @param constantRate probability of predicting 1 when the score is ignored, in [0, 1]
 * @param validationRows rows of the group in the validation data
 * @param validationSelectionRate expected selection rate on them
 * @param validationTruePositiveRate expected TPR on them
 * @param validationFalsePositiveRate expected FPR on them
 */
public record GroupRule(
    String group,
    double thresholdA,
    double thresholdB,
    double mix,
    double constantShare,
    double constantRate,
    int validationRows,
    double validationSelectionRate,
    double validationTruePositiveRate,
    double validationFalsePositiveRate) {

  /** {@code P(ŷ = 1 | score)} under this rule. */
  public double probability(double score) {
    double thr = (1 - mix) * (score >= thresholdA ? 1 : 0) + mix * (score >= thresholdB ? 1 : 0);
    return constantShare * constantRate + (1 - constantShare) * thr;
  }
}
