package dev.hone.fairness;

import java.util.List;

/**
 * The disaggregated metrics of one group (one row of fairlearn's {@code MetricFrame.by_group}).
 * Predictions are the hard 0/1 predictions of the audit; scores are P(class 1). Each metric is a
 * {@link Measure}: a fraction with its parts and interval, or a typed undefined value.
 *
 * @param group the group key (see {@link Groups})
 * @param n rows in the group
 * @param positives rows with label 1
 * @param negatives rows with label 0
 * @param predictedPositives rows predicted 1
 * @param selectionRate predicted positives / n
 * @param truePositiveRate TP / positives (recall); undefined without positives
 * @param falsePositiveRate FP / negatives; undefined without negatives
 * @param precision TP / predicted positives (PPV); undefined without predicted positives
 * @param accuracy correct predictions / n
 * @param rocAuc area under the ROC curve of the scores, {@code dev.hone.eval.Metrics.rocAuc}
 *     (numerator: the Mann–Whitney count U with ties as ½; denominator: positives · negatives);
 *     undefined unless both classes occur
 * @param baseRate observed rate of label 1: positives / n
 * @param meanScore mean predicted probability: Σ score / n
 * @param calibrationGap mean predicted minus observed rate: Σ (score − label) / n; positive means
 *     the group's risk is over-predicted on average
 * @param brierScore Σ (label − score)² / n, {@code dev.hone.eval.Metrics.brierScore}
 */
public record GroupMetrics(
    String group,
    int n,
    int positives,
    int negatives,
    int predictedPositives,
    Measure selectionRate,
    Measure truePositiveRate,
    Measure falsePositiveRate,
    Measure precision,
    Measure accuracy,
    Measure rocAuc,
    Measure baseRate,
    Measure meanScore,
    Measure calibrationGap,
    Measure brierScore) {

  /** Metric names in the order of {@link #measures()}. */
  public static final List<String> METRICS =
      List.of(
          "selection_rate", "true_positive_rate", "false_positive_rate", "precision", "accuracy",
          "roc_auc", "base_rate", "mean_score", "calibration_gap", "brier_score");

  /** Every measure, in {@link #METRICS} order. */
  public List<Measure> measures() {
    return List.of(
        selectionRate, truePositiveRate, falsePositiveRate, precision, accuracy, rocAuc, baseRate,
        meanScore, calibrationGap, brierScore);
  }

  /**
   * The measure named {@code metric}.
   *
   * @throws IllegalArgumentException for a name not in {@link #METRICS}
   */
  public Measure measure(String metric) {
    int i = METRICS.indexOf(metric);
    if (i < 0) {
      throw new IllegalArgumentException("unknown group metric '" + metric + "'; known: " + METRICS);
    }
    return measures().get(i);
  }
}
