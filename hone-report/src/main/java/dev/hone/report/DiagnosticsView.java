package dev.hone.report;

import java.util.List;

/**
 * What the diagnostics sections of {@code report.html} show, already computed by the evaluation
 * analyses and copied here by the workflow (this module does not depend on them). Each part is
 * optional ({@code null} leaves its section out): calibration for classification, residuals for
 * regression, sensitivity for either. Immutable.
 *
 * @param calibration reliability diagram, calibration errors and threshold table, or {@code null}
 * @param residuals residual diagnostics, or {@code null}
 * @param sensitivity Sobol' indices, or {@code null}
 */
public record DiagnosticsView(
    CalibrationView calibration, ResidualsView residuals, SensitivityView sensitivity) {

  /**
   * Calibration of predicted probabilities.
   *
   * @param kind {@code positive_class} or {@code top_label}
   * @param binning e.g. {@code "10 uniform bins"}
   * @param ece expected calibration error
   * @param eceLower lower end of its 95% bootstrap interval (NaN when none)
   * @param eceUpper upper end
   * @param mce maximum calibration error
   * @param bins reliability bins in ascending order (empty ones are not drawn)
   * @param thresholds threshold table rows (binary only; empty otherwise)
   * @param f1Optimal the F1-optimal threshold's row, or {@code null}
   */
  public record CalibrationView(
      String kind,
      String binning,
      double ece,
      double eceLower,
      double eceUpper,
      double mce,
      List<ReliabilityBin> bins,
      List<ThresholdRow> thresholds,
      ThresholdRow f1Optimal) {
    /** Copies the lists. */
    public CalibrationView {
      bins = List.copyOf(bins);
      thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }
  }

  /**
   * One reliability bin.
   *
   * @param lower lower edge
   * @param upper upper edge
   * @param n rows
   * @param meanPredicted mean predicted probability (NaN when empty)
   * @param observed observed frequency (NaN when empty)
   * @param observedLower Wilson 95% lower bound
   * @param observedUpper Wilson 95% upper bound
   */
  public record ReliabilityBin(
      double lower, double upper, int n, double meanPredicted, double observed,
      double observedLower, double observedUpper) {}

  /**
   * One decision threshold.
   *
   * @param threshold predict positive when the score is at least this
   * @param precision precision (NaN when nothing is predicted positive)
   * @param recall recall = TPR
   * @param f1 F1
   * @param fpr false-positive rate
   * @param predictedPositiveRate share of rows predicted positive
   */
  public record ThresholdRow(
      double threshold, double precision, double recall, double f1, double fpr,
      double predictedPositiveRate) {}

  /**
   * Residual diagnostics.
   *
   * @param vsPredicted residual summaries per bin of the prediction, ascending
   * @param sample sampled (predicted, residual) points for the scatter layer
   * @param largest rows with the largest absolute residuals
   * @param heteroscedasticity Breusch–Pagan facts (statistic, df, p-value, regressors, note)
   * @param slices residuals per slice, empty when none
   */
  public record ResidualsView(
      List<ResidualBin> vsPredicted,
      List<ResidualPoint> sample,
      List<LargeResidual> largest,
      List<ReportModel.Fact> heteroscedasticity,
      List<SliceRow> slices) {
    /** Copies the lists. */
    public ResidualsView {
      vsPredicted = List.copyOf(vsPredicted);
      sample = List.copyOf(sample);
      largest = List.copyOf(largest);
      heteroscedasticity = heteroscedasticity == null ? List.of() : List.copyOf(heteroscedasticity);
      slices = slices == null ? List.of() : List.copyOf(slices);
    }
  }

  /**
   * Residuals of one bin of the prediction.
   *
   * @param meanPredicted mean prediction in the bin (the x position)
   * @param n rows
   * @param q05 5th percentile of the residuals
   * @param q25 25th percentile
   * @param median median
   * @param q75 75th percentile
   * @param q95 95th percentile
   */
  public record ResidualBin(
      double meanPredicted, int n, double q05, double q25, double median, double q75,
      double q95) {}

  /** A sampled point. */
  public record ResidualPoint(double predicted, double residual) {}

  /** A row with a large residual. */
  public record LargeResidual(int row, double y, double predicted, double residual) {}

  /** Residuals of one slice. */
  public record SliceRow(String slice, int n, double mean, double std, double rmse) {}

  /**
   * Sobol' indices.
   *
   * @param method one line: estimator, sampling, N and model evaluations
   * @param indices per feature, in the order to show (e.g. by decreasing total effect)
   */
  public record SensitivityView(String method, List<SobolRow> indices) {
    /** Copies the list. */
    public SensitivityView {
      indices = List.copyOf(indices);
    }
  }

  /**
   * Indices of one feature with their 95% intervals.
   *
   * @param feature feature name
   * @param firstOrder first-order index
   * @param firstOrderLower lower bound
   * @param firstOrderUpper upper bound
   * @param total total-effect index
   * @param totalLower lower bound
   * @param totalUpper upper bound
   */
  public record SobolRow(
      String feature, double firstOrder, double firstOrderLower, double firstOrderUpper,
      double total, double totalLower, double totalUpper) {}
}
