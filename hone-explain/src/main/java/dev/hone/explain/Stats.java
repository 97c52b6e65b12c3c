package dev.hone.explain;

/** Distribution functions needed for intervals (own implementations; no dependency). */
final class Stats {
  private Stats() {}

  /** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, 9 terms; about 15 significant digits). */
  static double logGamma(double x) {
    double[] c = {
      0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
      -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7
    };
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    x -= 1;
    double a = c[0];
    double t = x + 7.5;
    for (int i = 1; i < 9; i++) {
      a += c[i] / (x + i);
    }
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
  }

  /**
   * Regularised incomplete beta function {@code I_x(a, b)}, by its continued fraction (modified
   * Lentz's method), using the symmetry {@code I_x(a, b) = 1 − I_{1−x}(b, a)} where it converges
   * faster.
   */
  static double incompleteBeta(double x, double a, double b) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
    if (x > (a + 1) / (a + b + 2)) {
      return 1 - Math.exp(lnFront) * betaFraction(1 - x, b, a) / b;
    }
    return Math.exp(lnFront) * betaFraction(x, a, b) / a;
  }

  private static double betaFraction(double x, double a, double b) {
    double tiny = 1e-300;
    double f = 1;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    f = d;
    for (int m = 1; m <= 500; m++) {
      // even step
      double num = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      f *= d * c;
      // odd step
      num = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + num / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = d * c;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return f;
  }

  /** Student's t cumulative distribution function with {@code df} degrees of freedom. */
  static double studentTCdf(double t, double df) {
    double tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
    return t >= 0 ? 1 - tail : tail;
  }

  /** The {@code p}-quantile of Student's t with {@code df > 0} degrees of freedom, by bisection. */
  static double studentTQuantile(double p, double df) {
    if (!(p > 0 && p < 1) || !(df > 0)) {
      throw new IllegalArgumentException("p must be in (0, 1) and df > 0, got " + p + ", " + df);
    }
    if (p == 0.5) {
      return 0;
    }
    double lo = -1;
    double hi = 1;
    while (studentTCdf(lo, df) > p) {
      lo *= 2;
    }
    while (studentTCdf(hi, df) < p) {
      hi *= 2;
    }
    for (int i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
      double mid = 0.5 * (lo + hi);
      if (studentTCdf(mid, df) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /**
   * Pearson correlation of two columns over the rows where both are present; {@code NaN} when
   * fewer than 3 such rows or a column is constant there.
   */
  static double pearson(double[] a, double[] b) {
    double sa = 0;
    double sb = 0;
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        sa += a[i];
        sb += b[i];
        n++;
      }
    }
    if (n < 3) {
      return Double.NaN;
    }
    double ma = sa / n;
    double mb = sb / n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        double da = a[i] - ma;
        double db = b[i] - mb;
        sab += da * db;
        saa += da * da;
        sbb += db * db;
      }
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /**
   * Sample quantile by linear interpolation (Hyndman and Fan definition 7, numpy's default).
   *
   * @param sorted ascending, NaN-free, non-empty
   */
  static double quantile(double[] sorted, double q) {
    double h = q * (sorted.length - 1);
    int j = (int) Math.floor(h);
    if (j >= sorted.length - 1) {
      return sorted[sorted.length - 1];
    }
    double g = h - j;
    return sorted[j] + g * (sorted[j + 1] - sorted[j]);
  }
}
