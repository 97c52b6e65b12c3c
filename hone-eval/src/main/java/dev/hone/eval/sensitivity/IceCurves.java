package dev.hone.eval.sensitivity;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Percentiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One-at-a-time perturbation curves: individual conditional expectation (ICE; Goldstein et al.
 * 2015) and their mean, the partial dependence (Friedman 2001). For each feature and each sampled
 * row, the feature is set to every value of a grid while the row's other features stay as they
 * are, and the model output is recorded.
 *
 * <p>Grid: when the feature has at most {@code gridPoints} distinct non-missing training values,
 * all of them; otherwise the distinct values of {@code numpy.percentile(x, numpy.linspace(lower,
 * upper, gridPoints))} (linear interpolation) over the non-missing training values, default
 * {@code lower = 5}, {@code upper = 95}. Unlike scikit-learn's {@code partial_dependence} (an
 * equally spaced grid between those percentiles) the points follow the data, so a skewed feature is
 * probed where its values are. Missing values are not a grid point.
 *
 * <p>Rows: a seeded uniform sample without replacement of at most {@code sampleRows} rows of the
 * explained matrix ({@link Seeds#rng} stream {@value #SAMPLE_STREAM}), in row order. Cost: {@code
 * Σ_features |grid| · rows} model evaluations, in batches of at most {@code batchRows} rows.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>J. H. Friedman, "Greedy function approximation: a gradient boosting machine", Annals of
 *       Statistics 29(5), 2001.
 *   <li>A. Goldstein, A. Kapelner, J. Bleich, E. Pitkin, "Peeking Inside the Black Box: Visualizing
 *       Statistical Learning With Plots of Individual Conditional Expectation", JCGS 24(1), 2015.
 * </ul>
 */
public final class IceCurves {
  /** Stream name of the row sample. */
  public static final String SAMPLE_STREAM = "eval.ice.rows";

  private IceCurves() {}

  /**
   * Settings.
   *
   * @param gridPoints grid values per feature, {@code >= 2}, default {@value #DEFAULT_GRID_POINTS}
   * @param sampleRows most rows to draw curves for, {@code >= 1}, default {@value
   *     #DEFAULT_SAMPLE_ROWS}
   * @param lowerPercentile lowest grid percentile, in [0, 100), default 5
   * @param upperPercentile highest grid percentile, in (lower, 100], default 95
   * @param batchRows most rows per model call, {@code >= 1}, default {@value #DEFAULT_BATCH_ROWS}
   * @param seed root seed of the row sample
   */
  public record Options(
      int gridPoints,
      int sampleRows,
      double lowerPercentile,
      double upperPercentile,
      int batchRows,
      long seed) {
    public static final int DEFAULT_GRID_POINTS = 20;
    public static final int DEFAULT_SAMPLE_ROWS = 100;
    public static final int DEFAULT_BATCH_ROWS = 16_384;

    /**
     * Checks the ranges.
     *
     * @throws InvalidParameterException naming the setting out of range
     */
    public Options {
      if (gridPoints < 2) {
        throw new InvalidParameterException("ICE grid points was " + gridPoints + " but must be >= 2");
      }
      if (sampleRows < 1) {
        throw new InvalidParameterException("ICE sample rows was " + sampleRows + " but must be >= 1");
      }
      if (!(lowerPercentile >= 0 && lowerPercentile < upperPercentile && upperPercentile <= 100)) {
        throw new InvalidParameterException(
            "ICE grid percentiles were [" + lowerPercentile + ", " + upperPercentile
                + "] but must satisfy 0 <= lower < upper <= 100");
      }
      if (batchRows < 1) {
        throw new InvalidParameterException("ICE batch rows was " + batchRows + " but must be >= 1");
      }
    }

    /** The defaults with the given seed. */
    public static Options defaults(long seed) {
      return new Options(
          DEFAULT_GRID_POINTS, DEFAULT_SAMPLE_ROWS, 5.0, 95.0, DEFAULT_BATCH_ROWS, seed);
    }
  }

  /**
   * Computes the curves of every feature.
   *
   * @param model the model as a function of its features
   * @param train the training features: the grids come from here
   * @param explained the rows whose curves are drawn (e.g. the test split), same columns
   * @param options settings
   * @return the curves
   * @throws IllegalArgumentException if the feature names differ, {@code explained} has no rows, or
   *     the model function misbehaves
   */
  public static IceResult compute(
      ModelFunction model, FeatureMatrix train, FeatureMatrix explained, Options options) {
    if (!train.featureNames().equals(explained.featureNames())) {
      throw new IllegalArgumentException(
          "training and explained rows have different features: " + train.featureNames() + " vs "
              + explained.featureNames());
    }
    if (explained.nRows() == 0) {
      throw new IllegalArgumentException("no rows to explain");
    }
    int p = train.nCols();
    int[] rows = sampleRows(explained.nRows(), options.sampleRows(), options.seed());
    int r = rows.length;
    double[][] base = new double[r][p];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < p; j++) {
        base[i][j] = explained.get(rows[i], j);
      }
    }
    List<IceResult.FeatureCurves> features = new ArrayList<>(p);
    for (int j = 0; j < p; j++) {
      double[] grid = grid(train, j, options);
      int g = grid.length;
      int col = j;
      double[] out =
          g == 0
              ? new double[0]
              : Batches.evaluate(
                  model,
                  (k, row) -> {
                    System.arraycopy(base[(int) (k / g)], 0, row, 0, p);
                    row[col] = grid[(int) (k % g)];
                  },
                  r * g,
                  p,
                  options.batchRows());
      List<List<Double>> curves = new ArrayList<>(g == 0 ? 0 : r);
      double[] mean = new double[g];
      for (int i = 0; i < r && g > 0; i++) {
        List<Double> curve = new ArrayList<>(g);
        for (int k = 0; k < g; k++) {
          double v = out[i * g + k];
          curve.add(v);
          mean[k] += v;
        }
        curves.add(curve);
      }
      List<Double> gridList = new ArrayList<>(g);
      List<Double> meanList = new ArrayList<>(g);
      for (int k = 0; k < g; k++) {
        gridList.add(grid[k]);
        meanList.add(mean[k] / r);
      }
      features.add(
          new IceResult.FeatureCurves(train.featureNames().get(j), gridList, curves, meanList));
    }
    List<Integer> rowList = new ArrayList<>(r);
    for (int row : rows) {
      rowList.add(row);
    }
    return new IceResult(rowList, features);
  }

  /** The grid of feature {@code j}, ascending and distinct; empty when all values are missing. */
  static double[] grid(FeatureMatrix train, int j, Options options) {
    int n = train.nRows();
    double[] v = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double x = train.get(i, j);
      if (!Double.isNaN(x)) {
        v[m++] = x;
      }
    }
    if (m == 0) {
      return new double[0];
    }
    Arrays.sort(v, 0, m);
    int gp = options.gridPoints();
    double[] distinct = new double[gp];
    int d = 0;
    boolean many = false;
    for (int i = 0; i < m; i++) {
      if (d == 0 || v[i] != distinct[d - 1]) {
        if (d == gp) {
          many = true;
          break;
        }
        distinct[d++] = v[i];
      }
    }
    if (!many) {
      return Arrays.copyOf(distinct, d);
    }
    double lo = options.lowerPercentile();
    double hi = options.upperPercentile();
    double step = (hi - lo) / (gp - 1); // numpy.linspace(lo, hi, gp): i * step + lo, last = hi
    double[] out = new double[gp];
    int k = 0;
    for (int i = 0; i < gp; i++) {
      double pct = i == gp - 1 ? hi : i * step + lo;
      double q = Percentiles.linear(v, m, pct);
      if (k == 0 || q != out[k - 1]) {
        out[k++] = q;
      }
    }
    return Arrays.copyOf(out, k);
  }

  static int[] sampleRows(int n, int k, long seed) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    if (k >= n) {
      return idx;
    }
    SplittableRandom rng = Seeds.rng(seed, SAMPLE_STREAM, 0);
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, k);
    Arrays.sort(out);
    return out;
  }
}
