package dev.hone.eval.diagnostics;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Percentiles;
import dev.hone.eval.ResidualSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Residual analysis of a regression model: where and how its errors {@code r = y − ŷ} are
 * distributed. Produces a {@link ResidualReport} with
 *
 * <ul>
 *   <li>the residual distribution: a {@link ResidualSummary}, quantiles at {@link
 *       #QUANTILE_LEVELS} and a histogram ({@code numpy.histogram} semantics);
 *   <li>residuals against the prediction: equal-count bins of {@code ŷ} (default {@value
 *       Options#DEFAULT_BINS}) with the mean, spread and 5/25/50/75/95th percentiles of the
 *       residuals in each, plus a seeded random sample of at most {@value
 *       Options#DEFAULT_SAMPLE_POINTS} points, so a chart shows bias and funnel shapes without
 *       plotting every row;
 *   <li>residuals against each feature: the same summary per quantile bin of the feature (see
 *       {@link Binning}: a feature with few distinct values, like a one-hot column, gets a bin per
 *       value), and a bin of its own for missing values;
 *   <li>the {@value Options#DEFAULT_LARGEST} rows with the largest absolute residuals;
 *   <li>the studentized Breusch–Pagan test of constant variance against the features ({@link
 *       BreuschPagan});
 *   <li>optionally, mean, standard deviation and RMSE of the residuals per slice.
 * </ul>
 *
 * <p>Quantiles use linear interpolation ({@link Percentiles}); standard deviations divide by
 * {@code n}. Cost: O(n log n) per feature (one sort each) plus the Breusch–Pagan fit, O(n·p²);
 * memory O(n·p) doubles for the latter. Thread safety: stateless.
 */
public final class ResidualAnalysis {
  /** Levels of {@link ResidualReport#quantiles()}. */
  public static final List<Double> QUANTILE_LEVELS =
      List.of(0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99);

  /** Stream name of the generator that draws the scatter sample. */
  public static final String SAMPLE_STREAM = "eval.residuals.sample";

  private ResidualAnalysis() {}

  /**
   * Settings.
   *
   * @param bins requested number of equal-count bins for the prediction and for each feature,
   *     {@code >= 1}, default {@value #DEFAULT_BINS}
   * @param histogramBins equal-width bins of the residual histogram, {@code >= 1}, default {@value
   *     #DEFAULT_HISTOGRAM_BINS}
   * @param samplePoints maximum number of rows in the scatter sample, {@code >= 0}, default {@value
   *     #DEFAULT_SAMPLE_POINTS}
   * @param largest how many largest absolute residuals to list, {@code >= 0}, default {@value
   *     #DEFAULT_LARGEST}
   * @param seed root seed of the scatter sample ({@link Seeds#rng} stream {@value
   *     ResidualAnalysis#SAMPLE_STREAM})
   */
  public record Options(int bins, int histogramBins, int samplePoints, int largest, long seed) {
    public static final int DEFAULT_BINS = 20;
    public static final int DEFAULT_HISTOGRAM_BINS = 30;
    public static final int DEFAULT_SAMPLE_POINTS = 1000;
    public static final int DEFAULT_LARGEST = 20;

    /**
     * Checks the ranges.
     *
     * @throws InvalidParameterException naming the setting out of range
     */
    public Options {
      if (bins < 1) {
        throw new InvalidParameterException("residual bins was " + bins + " but must be >= 1");
      }
      if (histogramBins < 1) {
        throw new InvalidParameterException(
            "residual histogram bins was " + histogramBins + " but must be >= 1");
      }
      if (samplePoints < 0) {
        throw new InvalidParameterException(
            "residual sample points was " + samplePoints + " but must be >= 0");
      }
      if (largest < 0) {
        throw new InvalidParameterException(
            "largest residuals was " + largest + " but must be >= 0");
      }
    }

    /** The defaults with the given seed. */
    public static Options defaults(long seed) {
      return new Options(
          DEFAULT_BINS, DEFAULT_HISTOGRAM_BINS, DEFAULT_SAMPLE_POINTS, DEFAULT_LARGEST, seed);
    }
  }

  /**
   * Analyses regression predictions.
   *
   * @param labels true values, shape {@code [n]}, {@code n >= 1}, finite
   * @param preds regression predictions for the same rows
   * @param x the features the model saw for these rows, {@code [n][p]}, or {@code null} to skip
   *     the per-feature bins and the Breusch–Pagan test
   * @param sliceOfRow slice index per row ({@code 0 .. sliceNames.size()-1}, or {@code -1} for a
   *     row in no slice), or {@code null} for no slices
   * @param sliceNames slice names by index; {@code null} exactly when {@code sliceOfRow} is
   * @param options settings
   * @return the report
   * @throws IllegalArgumentException if {@code preds} is not a regression prediction, if shapes
   *     differ, if a prediction is not finite or a slice index is out of range
   * @throws DataValidationException if {@code labels} is empty or has a missing or infinite value
   */
  public static ResidualReport analyze(
      double[] labels,
      Predictions preds,
      FeatureMatrix x,
      int[] sliceOfRow,
      List<String> sliceNames,
      Options options) {
    if (preds.task() != TaskType.REGRESSION) {
      throw new IllegalArgumentException(
          "residual analysis needs regression predictions but got " + preds.task());
    }
    return analyze(labels, preds.values(), x, sliceOfRow, sliceNames, options);
  }

  /**
   * Analyses predicted values {@code yhat} against true values {@code y}; see {@link
   * #analyze(double[], Predictions, FeatureMatrix, int[], List, Options)}.
   */
  public static ResidualReport analyze(
      double[] y,
      double[] yhat,
      FeatureMatrix x,
      int[] sliceOfRow,
      List<String> sliceNames,
      Options options) {
    int n = y.length;
    if (n == 0) {
      throw new DataValidationException(
          "residual analysis got 0 rows: the evaluated split needs at least one row");
    }
    if (yhat.length != n) {
      throw new IllegalArgumentException(
          "labels have " + n + " rows but predictions have " + yhat.length);
    }
    if (x != null && x.nRows() != n) {
      throw new IllegalArgumentException(
          "labels have " + n + " rows but the feature matrix has " + x.nRows());
    }
    double[] r = new double[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(y[i])) {
        throw new DataValidationException(
            "target at row " + i + " is " + y[i] + ": residuals need a finite target on every row");
      }
      if (!Double.isFinite(yhat[i])) {
        throw new IllegalArgumentException("prediction at row " + i + " is " + yhat[i]);
      }
      r[i] = y[i] - yhat[i];
    }
    List<ResidualReport.SliceResiduals> slices =
        sliceOfRow == null && sliceNames == null ? List.of() : bySlice(r, sliceOfRow, sliceNames);

    double[] sortedR = r.clone();
    Arrays.sort(sortedR);
    List<ResidualReport.QuantileValue> quantiles = new ArrayList<>();
    for (double level : QUANTILE_LEVELS) {
      quantiles.add(
          new ResidualReport.QuantileValue(level, Percentiles.linear(sortedR, n, level * 100)));
    }
    ResidualReport.Histogram histogram = histogram(sortedR, options.histogramBins());

    List<ResidualReport.Bin> vsPredicted = binned(yhat, r, options.bins());
    List<ResidualReport.Point> sample = sample(yhat, r, options.samplePoints(), options.seed());
    List<ResidualReport.LargeResidual> largest = largest(y, yhat, r, options.largest());

    List<ResidualReport.FeatureBins> vsFeatures = new ArrayList<>();
    BreuschPaganResult bp = null;
    if (x != null) {
      double[] column = new double[n];
      for (int j = 0; j < x.nCols(); j++) {
        for (int i = 0; i < n; i++) {
          column[i] = x.get(i, j);
        }
        vsFeatures.add(featureBins(x.featureNames().get(j), column, r, options.bins()));
      }
      bp = BreuschPagan.test(r, x);
    }
    return new ResidualReport(
        n,
        ResidualSummary.of(y, yhat),
        quantiles,
        histogram,
        vsPredicted,
        sample,
        vsFeatures,
        largest,
        bp,
        slices);
  }

  /**
   * Residual mean, standard deviation ({@code ddof=0}) and RMSE per slice.
   *
   * @param residuals {@code y − ŷ}, shape {@code [n]}
   * @param sliceOfRow slice index per row, {@code -1} for none, shape {@code [n]}
   * @param sliceNames names by slice index; every slice is listed, an empty one with {@code n = 0}
   *     and NaN statistics
   * @return one entry per slice name, in index order
   * @throws IllegalArgumentException if the arrays differ in length, one of them is {@code null} or
   *     an index is out of range
   */
  public static List<ResidualReport.SliceResiduals> bySlice(
      double[] residuals, int[] sliceOfRow, List<String> sliceNames) {
    if (sliceOfRow == null || sliceNames == null) {
      throw new IllegalArgumentException("slice assignment and slice names go together");
    }
    if (sliceOfRow.length != residuals.length) {
      throw new IllegalArgumentException(
          "slice assignment has " + sliceOfRow.length + " rows but there are " + residuals.length
              + " residuals");
    }
    int k = sliceNames.size();
    long[] count = new long[k];
    double[] sum = new double[k];
    double[] sumSq = new double[k];
    for (int i = 0; i < residuals.length; i++) {
      int s = sliceOfRow[i];
      if (s == -1) {
        continue;
      }
      if (s < 0 || s >= k) {
        throw new IllegalArgumentException(
            "slice index " + s + " at row " + i + " is not in 0.." + (k - 1) + " or -1");
      }
      count[s]++;
      sum[s] += residuals[i];
      sumSq[s] += residuals[i] * residuals[i];
    }
    double[] mean = new double[k];
    double[] ss = new double[k];
    for (int s = 0; s < k; s++) {
      mean[s] = sum[s] / count[s];
    }
    for (int i = 0; i < residuals.length; i++) { // two-pass variance for accuracy
      int s = sliceOfRow[i];
      if (s >= 0) {
        double d = residuals[i] - mean[s];
        ss[s] += d * d;
      }
    }
    List<ResidualReport.SliceResiduals> out = new ArrayList<>(k);
    for (int s = 0; s < k; s++) {
      long c = count[s];
      out.add(
          new ResidualReport.SliceResiduals(
              sliceNames.get(s),
              (int) c,
              c == 0 ? Double.NaN : mean[s],
              c == 0 ? Double.NaN : Math.sqrt(ss[s] / c),
              c == 0 ? Double.NaN : Math.sqrt(sumSq[s] / c)));
    }
    return out;
  }

  // ------------------------------------------------------------------ pieces

  /** {@code numpy.histogram(r, bins=k)} on sorted finite residuals. */
  static ResidualReport.Histogram histogram(double[] sorted, int k) {
    double first = sorted[0];
    double last = sorted[sorted.length - 1];
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    double[] edges = new double[k + 1];
    double step = (last - first) / k;
    for (int i = 0; i < k; i++) {
      edges[i] = i * step + first;
    }
    edges[k] = last;
    long[] counts = new long[k];
    double norm = k / (last - first);
    for (double v : sorted) {
      int idx = (int) ((v - first) * norm);
      if (idx == k) {
        idx--;
      }
      if (v < edges[idx]) {
        idx--;
      }
      if (idx != k - 1 && v >= edges[idx + 1]) {
        idx++;
      }
      counts[idx]++;
    }
    List<Double> e = new ArrayList<>(k + 1);
    for (double v : edges) {
      e.add(v);
    }
    List<Long> c = new ArrayList<>(k);
    for (long v : counts) {
      c.add(v);
    }
    return new ResidualReport.Histogram(e, c);
  }

  /** Residuals binned by equal-count bins of {@code v} (finite values; NaN gets its own bin). */
  static List<ResidualReport.Bin> binned(double[] v, double[] r, int bins) {
    return binnedWith(v, r, bins).bins();
  }

  private static ResidualReport.FeatureBins featureBins(
      String name, double[] v, double[] r, int bins) {
    BinnedResult b = binnedWith(v, r, bins);
    return new ResidualReport.FeatureBins(name, b.discrete(), b.bins());
  }

  private record BinnedResult(boolean discrete, List<ResidualReport.Bin> bins) {}

  private static BinnedResult binnedWith(double[] v, double[] r, int bins) {
    int n = v.length;
    double[] finite = new double[n];
    int m = 0;
    for (double value : v) {
      if (!Double.isNaN(value)) {
        finite[m++] = value;
      }
    }
    List<ResidualReport.Bin> out = new ArrayList<>();
    boolean discrete = false;
    if (m > 0) {
      Arrays.sort(finite, 0, m);
      Binning binning = Binning.quantile(finite, m, bins);
      discrete = binning.discrete();
      int nb = binning.size();
      int[] binOf = new int[n];
      int[] sizes = new int[nb];
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          binOf[i] = binning.bin(v[i]);
          sizes[binOf[i]]++;
        }
      }
      double[][] xs = new double[nb][];
      double[][] rs = new double[nb][];
      for (int b = 0; b < nb; b++) {
        xs[b] = new double[sizes[b]];
        rs[b] = new double[sizes[b]];
      }
      int[] fill = new int[nb];
      for (int i = 0; i < n; i++) {
        if (!Double.isNaN(v[i])) {
          int b = binOf[i];
          xs[b][fill[b]] = v[i];
          rs[b][fill[b]++] = r[i];
        }
      }
      for (int b = 0; b < nb; b++) {
        if (sizes[b] > 0) {
          out.add(summarise(false, binning.lower[b], binning.upper[b], xs[b], rs[b]));
        }
      }
    }
    if (m < n) {
      double[] rs = new double[n - m];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (Double.isNaN(v[i])) {
          rs[k++] = r[i];
        }
      }
      out.add(summarise(true, Double.NaN, Double.NaN, null, rs));
    }
    return new BinnedResult(discrete, out);
  }

  private static ResidualReport.Bin summarise(
      boolean missing, double lower, double upper, double[] xs, double[] rs) {
    int m = rs.length;
    double meanX = Double.NaN;
    if (xs != null) {
      double sx = 0.0;
      for (double v : xs) {
        sx += v;
      }
      meanX = sx / m;
    }
    double sum = 0.0;
    for (double v : rs) {
      sum += v;
    }
    double mean = sum / m;
    double ss = 0.0;
    for (double v : rs) {
      ss += (v - mean) * (v - mean);
    }
    Arrays.sort(rs);
    return new ResidualReport.Bin(
        missing, lower, upper, m, meanX, mean, Math.sqrt(ss / m),
        Percentiles.linear(rs, m, 5), Percentiles.linear(rs, m, 25),
        Percentiles.linear(rs, m, 50), Percentiles.linear(rs, m, 75),
        Percentiles.linear(rs, m, 95));
  }

  /** A uniform sample without replacement of {@code min(k, n)} rows, ordered by row index. */
  static List<ResidualReport.Point> sample(double[] yhat, double[] r, int k, long seed) {
    int n = r.length;
    int[] rows;
    if (k >= n) {
      rows = new int[n];
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
    } else {
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      SplittableRandom rng = Seeds.rng(seed, SAMPLE_STREAM, 0);
      for (int i = 0; i < k; i++) { // partial Fisher–Yates: the first k are a uniform sample
        int j = i + rng.nextInt(n - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      rows = Arrays.copyOf(idx, k);
      Arrays.sort(rows);
    }
    List<ResidualReport.Point> out = new ArrayList<>(rows.length);
    for (int row : rows) {
      out.add(new ResidualReport.Point(row, yhat[row], r[row]));
    }
    return out;
  }

  /** The {@code k} largest {@code |r|}, largest first, lower row index first on ties. */
  static List<ResidualReport.LargeResidual> largest(
      double[] y, double[] yhat, double[] r, int k) {
    int n = r.length;
    int m = Math.min(k, n);
    // order: larger |r| first, then lower row first; the heap's head is the worst kept row
    java.util.Comparator<Integer> better =
        (a, b) -> {
          int c = Double.compare(Math.abs(r[b]), Math.abs(r[a]));
          return c != 0 ? c : Integer.compare(a, b);
        };
    java.util.PriorityQueue<Integer> heap = new java.util.PriorityQueue<>(m + 1, better.reversed());
    for (int i = 0; i < n && m > 0; i++) {
      heap.add(i);
      if (heap.size() > m) {
        heap.poll();
      }
    }
    Integer[] top = heap.toArray(new Integer[0]);
    Arrays.sort(top, better);
    List<ResidualReport.LargeResidual> out = new ArrayList<>(m);
    for (int i : top) {
      out.add(new ResidualReport.LargeResidual(i, y[i], yhat[i], r[i]));
    }
    return out;
  }
}
