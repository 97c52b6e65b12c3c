package dev.hone.explain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Partial dependence (Friedman, "Greedy function approximation: a gradient boosting machine",
 * Annals of Statistics 29, 2001, §8.2) and individual conditional expectation curves (Goldstein,
 * Kapelner, Bleich and Pitkin, "Peeking inside the black box", JCGS 24, 2015), computed by brute
 * force as scikit-learn's {@code partial_dependence(method="brute")}: for each grid value {@code
 * v}, set the feature to {@code v} in every row and evaluate the model; the ICE curve of row
 * {@code i} is its outputs along the grid, and the partial dependence their mean.
 *
 * <p>Grids come from the training data's quantiles ({@link #quantileGrid}). A categorical input
 * encoded as one-hot columns is varied level by level with {@link #computeLevels}, so that rows
 * stay valid encodings. Costs {@code nRows × nGrid} model rows, evaluated in large batches.
 */
public final class PartialDependence {
  private PartialDependence() {}

  /** Default number of grid points. */
  public static final int DEFAULT_GRID_POINTS = 20;

  /** Default lower quantile of the grid (as scikit-learn's {@code percentiles=(0.05, 0.95)}). */
  public static final double DEFAULT_LOW = 0.05;

  /** Default upper quantile of the grid. */
  public static final double DEFAULT_HIGH = 0.95;

  /** Rows per call of the prediction function. */
  static final int BATCH_ROWS = 16384;

  /**
   * A grid from a column's distribution: its distinct present values when there are at most
   * {@code nPoints} of them, otherwise the sample quantiles (linear interpolation, numpy's default)
   * at {@code nPoints} probabilities evenly spaced from {@code low} to {@code high}, with repeated
   * values removed. Missing values are ignored.
   *
   * @param column training values of the feature
   * @param nPoints at most this many points (≥ 2)
   * @param low lowest probability, in [0, 1]
   * @param high highest probability, in [low, 1]
   * @return increasing grid values
   * @throws IllegalArgumentException when no value is present or the arguments are out of range
   */
  public static double[] quantileGrid(double[] column, int nPoints, double low, double high) {
    if (nPoints < 2 || !(low >= 0 && low <= high && high <= 1)) {
      throw new IllegalArgumentException(
          "need nPoints >= 2 and 0 <= low <= high <= 1, got " + nPoints + ", " + low + ", " + high);
    }
    double[] present = Arrays.stream(column).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (present.length == 0) {
      throw new IllegalArgumentException("the column has no present values to build a grid from");
    }
    double[] distinct = Arrays.stream(present).distinct().toArray();
    if (distinct.length <= nPoints) {
      return distinct;
    }
    double[] grid = new double[nPoints];
    for (int i = 0; i < nPoints; i++) {
      grid[i] = Stats.quantile(present, low + (high - low) * i / (nPoints - 1));
    }
    return Arrays.stream(grid).distinct().toArray();
  }

  /**
   * Partial dependence and ICE curves of one numeric feature.
   *
   * @param f the model, in the output space to show
   * @param x rows {@code [n][nFeatures]} to average over (e.g. a sample of the training data)
   * @param featureNames the columns of {@code x}
   * @param feature the varied column
   * @param grid values to set it to
   * @param ice whether to keep the per-row curves
   * @return one curve per output of {@code f}
   */
  public static List<PartialDependenceCurve> compute(
      PredictFunction f, double[][] x, List<String> featureNames, String feature, double[] grid, boolean ice) {
    int col = index(featureNames, feature);
    double[][] settings = new double[grid.length][1];
    for (int g = 0; g < grid.length; g++) {
      settings[g][0] = grid[g];
    }
    return run(f, x, featureNames, feature, new int[] {col}, settings, grid, null, ice);
  }

  /**
   * Partial dependence over the levels of a one-hot encoded input: grid point {@code l} sets
   * column {@code levelColumns[l]} to 1 and the others to 0.
   *
   * @param feature the input's name, e.g. {@code "sex"}
   * @param levelColumns the encoded columns, e.g. {@code ["sex=Female", "sex=Male"]}; their names
   *     become the grid labels
   */
  public static List<PartialDependenceCurve> computeLevels(
      PredictFunction f,
      double[][] x,
      List<String> featureNames,
      String feature,
      List<String> levelColumns,
      boolean ice) {
    int[] cols = new int[levelColumns.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = index(featureNames, levelColumns.get(i));
    }
    double[][] settings = new double[cols.length][cols.length];
    double[] grid = new double[cols.length];
    for (int l = 0; l < cols.length; l++) {
      settings[l][l] = 1;
      grid[l] = l;
    }
    return run(f, x, featureNames, feature, cols, settings, grid, levelColumns, ice);
  }

  private static List<PartialDependenceCurve> run(
      PredictFunction f,
      double[][] x,
      List<String> names,
      String feature,
      int[] cols,
      double[][] settings,
      double[] grid,
      List<String> labels,
      boolean ice) {
    Objects.requireNonNull(f, "f");
    Matrices.checkRows(x, f.nFeatures(), "data");
    int n = x.length;
    int g = grid.length;
    int k = f.nOutputs();
    double[] out = new double[n * g * k];
    RowBatcher batcher = new RowBatcher(f, Math.min(BATCH_ROWS, Math.max(1, n * g)));
    batcher.start(out);
    for (int gi = 0; gi < g; gi++) {
      for (int i = 0; i < n; i++) {
        double[] row = batcher.next();
        System.arraycopy(x[i], 0, row, 0, row.length);
        for (int c = 0; c < cols.length; c++) {
          row[cols[c]] = settings[gi][c];
        }
      }
    }
    batcher.flush();
    List<PartialDependenceCurve> curves = new ArrayList<>();
    for (int o = 0; o < k; o++) {
      double[] avg = new double[g];
      double[][] ind = ice ? new double[n][g] : null;
      for (int gi = 0; gi < g; gi++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          double v = out[(gi * n + i) * k + o];
          s += v;
          if (ind != null) {
            ind[i][gi] = v;
          }
        }
        avg[gi] = s / n;
      }
      curves.add(
          new PartialDependenceCurve(
              feature, f.outputSpace(), o, f.outputNames().get(o), grid.clone(), labels, avg, ind, n));
    }
    return curves;
  }

  static int index(List<String> names, String feature) {
    int i = names.indexOf(feature);
    if (i < 0) {
      throw new IllegalArgumentException(
          "'" + feature + "' is not a feature; features are " + names);
    }
    return i;
  }

  /**
   * A partial dependence curve with optional ICE curves.
   *
   * @param feature the varied feature (or encoded input)
   * @param outputSpace the output's space
   * @param output the output index
   * @param outputName the output's name
   * @param grid grid values {@code [nGrid]} (level indices {@code 0..L-1} for levels)
   * @param gridLabels level names for an encoded input, else {@code null}
   * @param average the partial dependence at each grid value, {@code [nGrid]}
   * @param ice per-row curves {@code [nRows][nGrid]}, or {@code null}
   * @param nRows rows averaged over
   */
  public record PartialDependenceCurve(
      String feature,
      OutputSpace outputSpace,
      int output,
      String outputName,
      double[] grid,
      List<String> gridLabels,
      double[] average,
      double[][] ice,
      int nRows) {
    public PartialDependenceCurve {
      gridLabels = gridLabels == null ? null : List.copyOf(gridLabels);
    }
  }
}
