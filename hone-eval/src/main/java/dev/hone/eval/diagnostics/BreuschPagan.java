package dev.hone.eval.diagnostics;

import dev.hone.core.model.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.DecompositionSolver;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealVector;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The Breusch–Pagan test for heteroscedasticity of regression residuals, in the studentized form
 * of Koenker: the squared residuals are regressed by ordinary least squares on the features with an
 * intercept; under constant variance, {@code LM = n·R²} is asymptotically chi-square with as many
 * degrees of freedom as regressors (intercept not counted). The studentized form does not assume
 * normal errors. This is {@code statsmodels.stats.diagnostic.het_breuschpagan(resid, exog,
 * robust=True)} (its default), with {@code exog} the intercept plus the regressors kept here; the
 * F statistic is the auxiliary regression's overall F test, as statsmodels also returns.
 *
 * <p>Regressors: every feature column, except those with a missing value (NaN), those that are
 * constant, and those that are numerically linear combinations of the intercept and the regressors
 * before them (checked in column order on the standardised columns; a column whose part orthogonal
 * to the previous ones has less than {@value #COLLINEAR_TOLERANCE} of its variance is dropped). The
 * result names each dropped column. R² is invariant to centring and scaling the regressors, so the
 * fit runs on standardised columns for accuracy; the least-squares solve is Hipparchus's
 * Householder QR, and the tail probabilities are Hipparchus's regularized incomplete gamma and beta
 * functions.
 *
 * <p>The test detects variance that changes linearly with the regressors; variance that depends on
 * them non-monotonically (e.g. only on {@code |x|}) can go unnoticed. With many rows it rejects even
 * for heteroscedasticity too small to matter: read it together with the residuals-vs-predicted
 * chart.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>T. S. Breusch and A. R. Pagan, "A Simple Test for Heteroscedasticity and Random Coefficient
 *       Variation", Econometrica 47(5), 1979, 1287–1294.
 *   <li>R. Koenker, "A Note on Studentizing a Test for Heteroscedasticity", Journal of
 *       Econometrics 17(1), 1981, 107–112.
 * </ul>
 */
public final class BreuschPagan {
  /**
   * A column is dropped as collinear when the share of its (standardised) variance not explained
   * by the intercept and the earlier kept columns is below this value.
   */
  public static final double COLLINEAR_TOLERANCE = 1e-10;

  private BreuschPagan() {}

  /**
   * Tests the residuals against every column of {@code x}.
   *
   * @param residuals {@code y − ŷ}, shape {@code [n]}, finite
   * @param x features, {@code [n][p]}; {@code x.nRows()} must equal {@code n}
   * @return the test; NaN statistics with a {@code note} when it cannot be computed
   * @throws IllegalArgumentException if the row counts differ or a residual is not finite
   */
  public static BreuschPaganResult test(double[] residuals, FeatureMatrix x) {
    int n = residuals.length;
    if (x.nRows() != n) {
      throw new IllegalArgumentException(
          "feature matrix has " + x.nRows() + " rows but there are " + n + " residuals");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(residuals[i])) {
        throw new IllegalArgumentException("residual at row " + i + " is " + residuals[i]);
      }
    }
    if (n == 0) {
      return nan(0, 0, List.of(), List.of(), List.of(), List.of(), "no rows");
    }
    int p = x.nCols();
    List<String> names = x.featureNames();
    List<String> missing = new ArrayList<>();
    List<String> constant = new ArrayList<>();
    List<String> collinear = new ArrayList<>();
    // standardised candidate columns
    List<double[]> cols = new ArrayList<>();
    List<String> colNames = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      double[] c = new double[n];
      boolean hasNaN = false;
      double sum = 0.0;
      for (int i = 0; i < n; i++) {
        double v = x.get(i, j);
        if (Double.isNaN(v)) {
          hasNaN = true;
          break;
        }
        c[i] = v;
        sum += v;
      }
      if (hasNaN) {
        missing.add(names.get(j));
        continue;
      }
      double mean = sum / n;
      double ss = 0.0;
      for (int i = 0; i < n; i++) {
        c[i] -= mean;
        ss += c[i] * c[i];
      }
      // constant: no spread beyond rounding of the mean
      if (ss <= 0.0 || Math.sqrt(ss / n) <= 1e-12 * Math.max(1.0, Math.abs(mean))) {
        constant.add(names.get(j));
        continue;
      }
      double scale = Math.sqrt(ss / n);
      for (int i = 0; i < n; i++) {
        c[i] /= scale;
      }
      cols.add(c);
      colNames.add(names.get(j));
    }
    // in-order collinearity check: Cholesky of the correlation matrix, dropping small pivots
    List<Integer> kept = keepIndependent(cols, n, colNames, collinear);
    List<String> regressors = new ArrayList<>();
    for (int k : kept) {
      regressors.add(colNames.get(k));
    }
    int df = kept.size();
    if (df == 0) {
      return nan(df, n, regressors, missing, constant, collinear, "no usable regressor");
    }
    if (n <= df + 1) {
      return nan(
          df, n, regressors, missing, constant, collinear,
          "needs more rows (" + n + ") than regressors + 1 (" + (df + 1) + ")");
    }
    double[] e2 = new double[n];
    double meanE2 = 0.0;
    for (int i = 0; i < n; i++) {
      e2[i] = residuals[i] * residuals[i];
      meanE2 += e2[i];
    }
    meanE2 /= n;
    double sst = 0.0;
    for (double v : e2) {
      sst += (v - meanE2) * (v - meanE2);
    }
    if (sst == 0.0) {
      return nan(
          df, n, regressors, missing, constant, collinear,
          "the squared residuals are all equal, so R² is undefined");
    }
    double[][] design = new double[n][df + 1];
    for (int i = 0; i < n; i++) {
      design[i][0] = 1.0;
      for (int k = 0; k < df; k++) {
        design[i][k + 1] = cols.get(kept.get(k))[i];
      }
    }
    Array2DRowRealMatrix a = new Array2DRowRealMatrix(design, false);
    DecompositionSolver solver = new QRDecomposition(a).getSolver();
    RealVector beta = solver.solve(new ArrayRealVector(e2, false));
    RealVector fitted = a.operate(beta);
    double ssr = 0.0;
    for (int i = 0; i < n; i++) {
      double d = e2[i] - fitted.getEntry(i);
      ssr += d * d;
    }
    double r2 = 1.0 - ssr / sst;
    double lm = n * r2;
    double pLm = chiSquareSurvival(lm, df);
    int dfResid = n - df - 1;
    double f = (r2 / df) / ((1.0 - r2) / dfResid);
    double pF = fSurvival(f, df, dfResid);
    return new BreuschPaganResult(
        lm, df, pLm, f, pF, r2, n, regressors, missing, constant, collinear, "");
  }

  /** Upper tail of the chi-square distribution with {@code df} degrees of freedom. */
  static double chiSquareSurvival(double x, int df) {
    if (!(x > 0)) {
      return 1.0;
    }
    return Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
  }

  /** Upper tail of the F distribution with {@code (d1, d2)} degrees of freedom. */
  static double fSurvival(double f, int d1, int d2) {
    if (!(f > 0)) {
      return 1.0;
    }
    if (Double.isInfinite(f)) {
      return 0.0;
    }
    return Beta.regularizedBeta(d2 / (d2 + d1 * f), d2 / 2.0, d1 / 2.0);
  }

  /**
   * Greedy in-order selection of linearly independent columns: a column is kept when the part of it
   * orthogonal to the kept ones carries at least {@link #COLLINEAR_TOLERANCE} of its variance. Uses
   * the Gram matrix of the centred, unit-variance columns (their correlation matrix) and an
   * incremental Cholesky factor.
   */
  private static List<Integer> keepIndependent(
      List<double[]> cols, int n, List<String> names, List<String> collinear) {
    int m = cols.size();
    List<Integer> kept = new ArrayList<>();
    double[][] l = new double[m][]; // rows of the Cholesky factor for kept columns
    for (int j = 0; j < m; j++) {
      double[] cj = cols.get(j);
      int k = kept.size();
      double[] row = new double[k];
      double rest = 1.0; // correlation of a standardised column with itself
      for (int t = 0; t < k; t++) {
        double[] ct = cols.get(kept.get(t));
        double dot = 0.0;
        for (int i = 0; i < n; i++) {
          dot += cj[i] * ct[i];
        }
        double g = dot / n;
        for (int s = 0; s < t; s++) {
          g -= row[s] * l[t][s];
        }
        row[t] = g / l[t][t];
        rest -= row[t] * row[t];
      }
      if (rest < COLLINEAR_TOLERANCE) {
        collinear.add(names.get(j));
        continue;
      }
      double[] full = new double[k + 1];
      System.arraycopy(row, 0, full, 0, k);
      full[k] = Math.sqrt(rest);
      l[k] = full;
      kept.add(j);
    }
    return kept;
  }

  private static BreuschPaganResult nan(
      int df, int n, List<String> regressors, List<String> missing, List<String> constant,
      List<String> collinear, String note) {
    return new BreuschPaganResult(
        Double.NaN, df, Double.NaN, Double.NaN, Double.NaN, Double.NaN, n, regressors, missing,
        constant, collinear, note);
  }
}
