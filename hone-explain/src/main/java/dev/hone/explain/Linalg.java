package dev.hone.explain;

/** Dense symmetric positive-definite solves for the small systems of KernelSHAP. */
final class Linalg {
  private Linalg() {}

  /**
   * Cholesky factor {@code L} (lower, row-major {@code [n][n]}) of {@code a}, or {@code null} when
   * {@code a} is not numerically positive definite.
   */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    double maxDiag = 0;
    for (int i = 0; i < n; i++) {
      maxDiag = Math.max(maxDiag, Math.abs(a[i][i]));
    }
    double tiny = maxDiag * 1e-13;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        double[] li = l[i];
        double[] lj = l[j];
        for (int p = 0; p < j; p++) {
          s -= li[p] * lj[p];
        }
        if (i == j) {
          if (!(s > tiny)) {
            return null;
          }
          li[i] = Math.sqrt(s);
        } else {
          li[j] = s / lj[j];
        }
      }
    }
    return l;
  }

  /** Solves {@code L Lᵀ x = b}. */
  static double[] solve(double[][] l, double[] b) {
    int n = l.length;
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int p = 0; p < i; p++) {
        s -= l[i][p] * y[p];
      }
      y[i] = s / l[i][i];
    }
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int p = i + 1; p < n; p++) {
        s -= l[p][i] * x[p];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }

  /** {@code (L Lᵀ)⁻¹}. */
  static double[][] inverse(double[][] l) {
    int n = l.length;
    double[][] inv = new double[n][];
    double[] e = new double[n];
    for (int j = 0; j < n; j++) {
      e[j] = 1;
      inv[j] = solve(l, e);
      e[j] = 0;
    }
    return inv; // symmetric, so columns = rows
  }
}
