package dev.hone.explain;

import dev.hone.core.model.FeatureMatrix;
import java.util.List;

/** Conversions between {@link FeatureMatrix} and the {@code double[][]} rows explainers use. */
public final class Matrices {
  private Matrices() {}

  /**
   * Rows of a feature matrix as doubles (exact: every float is a double).
   *
   * @return {@code [x.nRows()][x.nCols()]}, {@code NaN} = missing
   */
  public static double[][] toRows(FeatureMatrix x) {
    int c = x.nCols();
    double[][] out = new double[x.nRows()][c];
    float[] d = x.data();
    for (int i = 0; i < out.length; i++) {
      double[] row = out[i];
      int off = i * c;
      for (int j = 0; j < c; j++) {
        row[j] = d[off + j];
      }
    }
    return out;
  }

  /**
   * Rows as a float32 feature matrix (values rounded to the nearest float; {@code NaN} kept).
   *
   * @param x {@code [n][names.size()]}
   * @throws IllegalArgumentException when a row has another length
   */
  public static FeatureMatrix toFeatureMatrix(double[][] x, List<String> names) {
    int c = names.size();
    float[] d = new float[x.length * c];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      if (row.length != c) {
        throw new IllegalArgumentException(
            "row " + i + " has " + row.length + " values, expected " + c);
      }
      int off = i * c;
      for (int j = 0; j < c; j++) {
        d[off + j] = (float) row[j];
      }
    }
    return new FeatureMatrix(d, x.length, names);
  }

  /**
   * Whether two cell values count as the same for explanations: both missing ({@code NaN}), or
   * both present and equal ({@code ==}, so {@code 0.0} and {@code -0.0} are the same). A missing
   * value and a present one are different.
   */
  public static boolean same(double a, double b) {
    return a == b || (Double.isNaN(a) && Double.isNaN(b));
  }

  /** Column {@code j} of {@code x}. */
  public static double[] column(double[][] x, int j) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i][j];
    }
    return out;
  }

  /** Checks that {@code x} is a non-ragged {@code [n][nFeatures]} matrix. */
  static void checkRows(double[][] x, int nFeatures, String what) {
    for (int i = 0; i < x.length; i++) {
      if (x[i] == null || x[i].length != nFeatures) {
        throw new IllegalArgumentException(
            what + " row " + i + " has " + (x[i] == null ? "no" : x[i].length) + " values, expected "
                + nFeatures);
      }
    }
  }
}
