package dev.hone.eval.slices;

import java.util.Arrays;

/**
 * Two-sided tests comparing a metric on two disjoint sets of rows (a slice and the rest), and the
 * distribution functions they need. Each returns a p-value in [0, 1], or {@code NaN} when the
 * test cannot be run on the given samples (documented per method).
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>DeLong, DeLong and Clarke-Pearson, "Comparing the areas under two or more correlated
 *       receiver operating characteristic curves: a nonparametric approach", Biometrics 44(3),
 *       1988 — the variance of an AUC from its structural components (placement values); for two
 *       AUCs on disjoint rows the covariance is zero.
 *   <li>Welch, "The generalization of 'Student's' problem when several different population
 *       variances are involved", Biometrika 34, 1947; Satterthwaite, Biometrics Bulletin 2(6),
 *       1946 (degrees of freedom).
 *   <li>Agresti, "Categorical Data Analysis", 3rd ed., Wiley 2013, §1.4 / §3.1 (pooled
 *       two-proportion z-test; statsmodels {@code proportions_ztest}).
 *   <li>Abramowitz and Stegun, "Handbook of Mathematical Functions", 1964, 7.1.6 (erf series),
 *       7.1.14 (erfc continued fraction), 26.5.8 (incomplete beta continued fraction); Lanczos,
 *       SIAM J. Numer. Anal. B 1, 1964 (log-gamma).
 * </ul>
 */
final class TwoSampleTests {
  private TwoSampleTests() {}

  // ------------------------------------------------------------------ tests

  /**
   * Pooled two-proportion z-test of {@code x1/n1 = x2/n2}, two-sided; statsmodels {@code
   * proportions_ztest([x1, x2], [n1, n2])}. When the pooled proportion is 0 or 1 both samples
   * agree exactly and the p-value is 1.
   *
   * @return the p-value; NaN if {@code n1 < 1} or {@code n2 < 1}
   */
  static double twoProportionZ(long x1, long n1, long x2, long n2) {
    if (n1 < 1 || n2 < 1) {
      return Double.NaN;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double var = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
    if (var == 0) {
      return 1.0;
    }
    return normalTwoSided((p1 - p2) / Math.sqrt(var));
  }

  /**
   * Welch's unequal-variance t-test of equal means, two-sided; scipy {@code ttest_ind(a, b,
   * equal_var=False)}. When both samples have zero variance the means are compared exactly: p = 1
   * when equal, 0 otherwise (scipy returns NaN there).
   *
   * @return the p-value; NaN if either sample has fewer than 2 values
   */
  static double welch(double[] a, double[] b) {
    if (a.length < 2 || b.length < 2) {
      return Double.NaN;
    }
    double ma = mean(a);
    double mb = mean(b);
    double va = variance(a, ma) / a.length;
    double vb = variance(b, mb) / b.length;
    double se2 = va + vb;
    if (se2 == 0) {
      return ma == mb ? 1.0 : 0.0;
    }
    double t = (ma - mb) / Math.sqrt(se2);
    double df = se2 * se2 / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
    return studentTwoSided(t, df);
  }

  /**
   * DeLong test of equal ROC AUC on two disjoint samples, two-sided: {@code z = (A1 − A2) /
   * sqrt(V1 + V2)} with each {@code V = S10/m + S01/n} from the placement values of its {@code m}
   * positives and {@code n} negatives (sample variances, denominators {@code m − 1} and {@code n −
   * 1}). When {@code V1 + V2 = 0} the AUCs are compared exactly (p = 1 when equal, else 0).
   *
   * @param y1 labels of sample 1 in {0, 1}
   * @param s1 scores of sample 1
   * @param y2 labels of sample 2
   * @param s2 scores of sample 2
   * @return the p-value; NaN unless each sample has at least 2 positives and 2 negatives
   */
  static double delong(int[] y1, double[] s1, int[] y2, double[] s2) {
    double[] a = aucAndVariance(y1, s1);
    double[] b = aucAndVariance(y2, s2);
    if (a == null || b == null) {
      return Double.NaN;
    }
    double var = a[1] + b[1];
    if (var == 0) {
      return a[0] == b[0] ? 1.0 : 0.0;
    }
    return normalTwoSided((a[0] - b[0]) / Math.sqrt(var));
  }

  /**
   * AUC and its DeLong variance.
   *
   * @return {@code {auc, variance}}, or null with fewer than 2 positives or 2 negatives
   */
  static double[] aucAndVariance(int[] y, double[] s) {
    int m = 0;
    for (int v : y) {
      m += v;
    }
    int n = y.length - m;
    if (m < 2 || n < 2) {
      return null;
    }
    double[] pos = new double[m];
    double[] neg = new double[n];
    int ip = 0;
    int in = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == 1) {
        pos[ip++] = s[i];
      } else {
        neg[in++] = s[i];
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    // V10(x) = P(neg < x) + P(neg = x)/2 for each positive; V01(y) = P(pos > y) + P(pos = y)/2
    double[] v10 = new double[m];
    for (int i = 0; i < m; i++) {
      int below = lowerBound(neg, pos[i]);
      int upTo = upperBound(neg, pos[i]);
      v10[i] = (below + 0.5 * (upTo - below)) / n;
    }
    double[] v01 = new double[n];
    for (int j = 0; j < n; j++) {
      int below = lowerBound(pos, neg[j]);
      int upTo = upperBound(pos, neg[j]);
      v01[j] = ((m - upTo) + 0.5 * (upTo - below)) / m;
    }
    double auc = mean(v10);
    double s10 = variance(v10, auc);
    double s01 = variance(v01, mean(v01));
    return new double[] {auc, s10 / m + s01 / n};
  }

  // ------------------------------------------------------------------ helpers

  static double mean(double[] a) {
    double s = 0;
    for (double v : a) {
      s += v;
    }
    return s / a.length;
  }

  /** Sample variance with denominator {@code length − 1}. */
  static double variance(double[] a, double mean) {
    double s = 0;
    for (double v : a) {
      double d = v - mean;
      s += d * d;
    }
    return s / (a.length - 1);
  }

  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ------------------------------------------------------------------ distributions

  /** {@code P(|Z| >= |z|)} for a standard normal {@code Z}. */
  static double normalTwoSided(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return Math.min(1.0, erfc(Math.abs(z) / Math.sqrt(2.0)));
  }

  /** {@code P(|T| >= |t|)} for Student's t with {@code df > 0} degrees of freedom (real). */
  static double studentTwoSided(double t, double df) {
    if (Double.isNaN(t) || !(df > 0)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return 0.0;
    }
    double x = df / (df + t * t);
    return Math.min(1.0, regularizedBeta(x, df / 2.0, 0.5));
  }

  /** The complementary error function, relative accuracy about 1e-15 for {@code x >= 0}. */
  static double erfc(double x) {
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < 2.5) {
      return 1.0 - erfSeries(x);
    }
    if (x > 27) {
      return 0.0; // below the smallest double
    }
    return erfcContinuedFraction(x);
  }

  /** erf(x) = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3···(2n+1)) (A&amp;S 7.1.6); all terms positive. */
  private static double erfSeries(double x) {
    double term = x;
    double sum = x;
    double x2 = x * x;
    for (int k = 1; k < 200; k++) {
      term *= 2.0 * x2 / (2 * k + 1);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return 2.0 / Math.sqrt(Math.PI) * Math.exp(-x2) * sum;
  }

  /**
   * erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))) (A&amp;S 7.1.14),
   * evaluated with the modified Lentz algorithm.
   */
  private static double erfcContinuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int k = 1; k < 500; k++) {
      double a = k / 2.0;
      d = x + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = x + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }

  /** The regularized incomplete beta function {@code I_x(a, b)} for {@code a, b > 0}. */
  static double regularizedBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0.0;
    }
    if (x >= 1) {
      return 1.0;
    }
    double lnFront =
        logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(lnFront) * betaContinuedFraction(x, a, b) / a;
    }
    return 1.0 - Math.exp(lnFront) * betaContinuedFraction(1 - x, b, a) / b;
  }

  /** Continued fraction of the incomplete beta (A&amp;S 26.5.8), modified Lentz. */
  private static double betaContinuedFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double c = 1.0;
    double d = 1.0 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1.0 / d;
    double f = d;
    for (int m = 1; m < 10_000; m++) {
      int m2 = 2 * m;
      double num = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1.0 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1.0 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      f *= d * c;
      num = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1.0 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1.0 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1.0 / d;
      double delta = d * c;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return f;
  }

  private static final double[] LANCZOS = {
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** ln Γ(x) for {@code x > 0}, Lanczos approximation (g = 7, 9 terms), about 1e-15 relative. */
  static double logGamma(double x) {
    if (x < 0.5) {
      // reflection: Γ(x)Γ(1−x) = π / sin(πx)
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
