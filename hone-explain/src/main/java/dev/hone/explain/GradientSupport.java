package dev.hone.explain;

import dev.hone.core.error.InvalidParameterException;

/** Row checks shared by the gradient explainers. */
final class GradientSupport {
  private GradientSupport() {}

  /** The selected rows of {@code x}, checked for shape and finiteness (not copied). */
  static double[][] selectRows(double[][] x, int[] rows, int nFeatures, String method) {
    java.util.Objects.requireNonNull(x, "x");
    Matrices.checkRows(x, nFeatures, "explained");
    int n = rows == null ? x.length : rows.length;
    double[][] out = new double[n][];
    for (int r = 0; r < n; r++) {
      int i = rows == null ? r : rows[r];
      if (i < 0 || i >= x.length) {
        throw new IllegalArgumentException(
            "row index " + i + " is out of range for " + x.length + " rows");
      }
      for (int j = 0; j < nFeatures; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new InvalidParameterException(
              method + ": row " + i + " column " + j + " is " + x[i][j]
                  + "; gradient methods need finite values: impute missing values first");
        }
      }
      out[r] = x[i];
    }
    return out;
  }

  static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }
}
