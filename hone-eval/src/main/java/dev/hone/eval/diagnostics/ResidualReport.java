package dev.hone.eval.diagnostics;

import dev.hone.eval.ResidualSummary;
import java.util.List;

/**
 * Residual diagnostics of a regression model on one split, ready to chart. Residuals are {@code r =
 * y − ŷ} in the units of the target: positive means the model under-predicts. Immutable and
 * serialisable with {@link dev.hone.core.json.Json} (NaN is written as the string {@code "NaN"}).
 *
 * <p>Quantiles everywhere use linear interpolation between order statistics ({@code
 * numpy.percentile}'s default); standard deviations divide by {@code n} ({@code numpy.std}'s
 * default {@code ddof=0}).
 *
 * @param n rows analysed
 * @param summary mean, spread and quantiles of the residuals (the same record the evaluator writes)
 * @param quantiles residual quantiles at {@link ResidualAnalysis#QUANTILE_LEVELS}
 * @param histogram histogram of the residuals
 * @param vsPredicted residuals binned by equal-count bins of the prediction ({@link
 *     ResidualAnalysis.Options#bins()} requested), for a residuals-vs-predicted chart
 * @param sample a uniform random sample of at most {@link ResidualAnalysis.Options#samplePoints()}
 *     rows (seeded), ordered by row index, for a scatter layer
 * @param vsFeatures per feature, residuals binned by the feature's quantiles; empty when no feature
 *     matrix was given
 * @param largest the {@link ResidualAnalysis.Options#largest()} rows with the largest {@code |r|},
 *     largest first (ties: lower row index first)
 * @param breuschPagan the heteroscedasticity test against the features, or {@code null} when no
 *     feature matrix was given
 * @param slices residuals per slice, empty when no slice assignment was given
 */
public record ResidualReport(
    int n,
    ResidualSummary summary,
    List<QuantileValue> quantiles,
    Histogram histogram,
    List<Bin> vsPredicted,
    List<Point> sample,
    List<FeatureBins> vsFeatures,
    List<LargeResidual> largest,
    BreuschPaganResult breuschPagan,
    List<SliceResiduals> slices) {

  /** Copies every list into an unmodifiable one. */
  public ResidualReport {
    quantiles = List.copyOf(quantiles);
    vsPredicted = List.copyOf(vsPredicted);
    sample = List.copyOf(sample);
    vsFeatures = List.copyOf(vsFeatures);
    largest = List.copyOf(largest);
    slices = List.copyOf(slices);
  }

  /**
   * A residual quantile.
   *
   * @param level in [0, 1], e.g. 0.95
   * @param value the residual quantile, target units
   */
  public record QuantileValue(double level, double value) {}

  /**
   * A histogram with {@code k} equal-width bins between the smallest and largest residual, as
   * {@code numpy.histogram(r, bins=k)}: bins are half-open {@code [e_j, e_{j+1})} except the last,
   * which is closed. When every residual is equal the range is {@code [r − 0.5, r + 0.5]}.
   *
   * @param edges {@code k + 1} ascending bin edges
   * @param counts {@code k} counts
   */
  public record Histogram(List<Double> edges, List<Long> counts) {
    /** Copies the lists. */
    public Histogram {
      edges = List.copyOf(edges);
      counts = List.copyOf(counts);
    }
  }

  /**
   * Residuals of the rows whose binned variable (the prediction, or a feature) lies in one bin.
   *
   * @param missing true for the bin of rows where the feature is missing (NaN); its edges are NaN
   * @param lower smallest value of the bin ({@code lower == upper} when the bin is one distinct
   *     value)
   * @param upper upper edge: the bin is {@code [lower, upper)}, the last one {@code [lower, upper]}
   * @param n rows in the bin, {@code >= 1} (empty bins are not listed)
   * @param meanX mean of the binned variable over the bin's rows (NaN for the missing bin)
   * @param meanResidual mean residual
   * @param stdResidual population standard deviation of the residuals
   * @param q05 5th percentile of the residuals
   * @param q25 25th percentile
   * @param median 50th percentile
   * @param q75 75th percentile
   * @param q95 95th percentile
   */
  public record Bin(
      boolean missing,
      double lower,
      double upper,
      int n,
      double meanX,
      double meanResidual,
      double stdResidual,
      double q05,
      double q25,
      double median,
      double q75,
      double q95) {}

  /**
   * One sampled row.
   *
   * @param row row index in the analysed arrays
   * @param predicted {@code ŷ}
   * @param residual {@code y − ŷ}
   */
  public record Point(int row, double predicted, double residual) {}

  /**
   * Residuals binned by one feature.
   *
   * @param feature the feature's name
   * @param discrete true when every bin is a single distinct value (at most the requested number of
   *     distinct values, e.g. a one-hot column)
   * @param bins non-empty bins in ascending order, then the missing-value bin if any
   */
  public record FeatureBins(String feature, boolean discrete, List<Bin> bins) {
    /** Copies the list. */
    public FeatureBins {
      bins = List.copyOf(bins);
    }
  }

  /**
   * A row with one of the largest absolute residuals.
   *
   * @param row row index in the analysed arrays
   * @param y true value
   * @param predicted predicted value
   * @param residual {@code y − predicted}
   */
  public record LargeResidual(int row, double y, double predicted, double residual) {}

  /**
   * Residuals of one slice.
   *
   * @param slice the slice's name
   * @param n rows in the slice ({@code 0} gives NaN statistics)
   * @param mean mean residual (bias within the slice)
   * @param std population standard deviation of the residuals
   * @param rmse root mean squared residual
   */
  public record SliceResiduals(String slice, int n, double mean, double std, double rmse) {}
}
