package dev.hone.search.fidelity;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Rank correlations between two score vectors over the same configurations, with intervals.
 *
 * <ul>
 *   <li>{@link #spearman}: Spearman's ρ, the Pearson correlation of the average ranks (ties get the
 *       mean of the ranks they span), as {@code scipy.stats.spearmanr}.
 *   <li>{@link #kendallTauB}: Kendall's τ-b = (C − D) / √((n₀ − n₁)(n₀ − n₂)) with n₀ = n(n−1)/2
 *       pairs, C/D concordant/discordant pairs, n₁/n₂ pairs tied in x/y (Kendall 1945), as {@code
 *       scipy.stats.kendalltau(variant="b")}. Counted over all pairs, O(n²), meant for the tens to
 *       low thousands of configurations of a calibration.
 *   <li>{@link #bootstrap}: percentile bootstrap over configurations (pairs resampled with
 *       replacement; Efron and Tibshirani 1993, ch. 13), seeded.
 *   <li>{@link #fisherInterval}: the Fisher z interval for Spearman's ρ with the variance 1.06 / (n
 *       − 3) of Fieller, Hartley and Pearson (Biometrika 1957).
 * </ul>
 *
 * Both coefficients are {@code NaN} when either vector is constant (no ranking to compare), as in
 * scipy. Stateless and thread-safe.
 */
public final class RankCorrelation {
  /** The {@link Seeds} stream of {@link #bootstrap}. */
  public static final String SEED_STREAM = "fidelity.bootstrap";

  private RankCorrelation() {}

  /**
   * Average ranks, 1-based: the smallest value gets rank 1, tied values share the mean of their
   * ranks.
   *
   * @param x values {@code [n]}, none {@code NaN}
   * @return ranks {@code [n]}
   * @throws InvalidParameterException if a value is {@code NaN}
   */
  public static double[] ranks(double[] x) {
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(x[i])) {
        throw new InvalidParameterException(
            "rank correlation: value " + i + " is NaN; drop or repair that configuration's score");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] r = new double[n];
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1.0;
      for (int k = i; k <= j; k++) {
        r[order[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  /**
   * Spearman's rank correlation ρ.
   *
   * @param x scores {@code [n]}
   * @param y scores {@code [n]} of the same configurations
   * @return ρ in {@code [-1, 1]}, or {@code NaN} when {@code n < 2} or a vector is constant
   * @throws InvalidParameterException if the lengths differ or a value is {@code NaN}
   */
  public static double spearman(double[] x, double[] y) {
    check(x, y);
    return pearson(ranks(x), ranks(y));
  }

  /**
   * Kendall's τ-b (ties handled; see the class documentation).
   *
   * @param x scores {@code [n]}
   * @param y scores {@code [n]} of the same configurations
   * @return τ-b in {@code [-1, 1]}, or {@code NaN} when {@code n < 2} or a vector is constant
   * @throws InvalidParameterException if the lengths differ or a value is {@code NaN}
   */
  public static double kendallTauB(double[] x, double[] y) {
    check(x, y);
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
        throw new InvalidParameterException(
            "rank correlation: value " + i + " is NaN; drop or repair that configuration's score");
      }
    }
    int n = x.length;
    long conc = 0;
    long disc = 0;
    long tiesX = 0; // pairs tied in x (whether or not tied in y)
    long tiesY = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int sx = Double.compare(x[i], x[j]);
        int sy = Double.compare(y[i], y[j]);
        if (x[i] == x[j]) {
          sx = 0;
        }
        if (y[i] == y[j]) {
          sy = 0;
        }
        if (sx == 0) {
          tiesX++;
        }
        if (sy == 0) {
          tiesY++;
        }
        if (sx != 0 && sy != 0) {
          if (sx == sy) {
            conc++;
          } else {
            disc++;
          }
        }
      }
    }
    double n0 = (double) n * (n - 1) / 2.0;
    double denom = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
    if (!(denom > 0)) {
      return Double.NaN;
    }
    return clamp((conc - disc) / denom);
  }

  /**
   * Percentile bootstrap intervals for ρ and τ-b over configurations: {@code rounds} resamples of
   * the n pairs with replacement, drawn from {@code Seeds.rng(seed, "fidelity.bootstrap", 0)};
   * resamples in which a coefficient is undefined (a constant vector) are left out of that
   * coefficient's percentiles. Percentiles by linear interpolation between order statistics
   * (numpy's default). Same inputs and seed, same intervals.
   *
   * @param x scores {@code [n]}
   * @param y scores {@code [n]}
   * @param rounds resamples, at least 100 (e.g. 2000)
   * @param confidence two-sided level in {@code (0, 1)}, e.g. 0.95
   * @param seed root seed
   * @return the point estimates on the full sample and their intervals ({@code NaN} bounds when
   *     fewer than half of the resamples define the coefficient)
   * @throws InvalidParameterException on bad lengths, {@code NaN} values, rounds or confidence
   */
  public static Estimate bootstrap(
      double[] x, double[] y, int rounds, double confidence, long seed) {
    check(x, y);
    if (rounds < 100) {
      throw new InvalidParameterException("bootstrap rounds was " + rounds + " but must be >= 100");
    }
    checkConfidence(confidence);
    double rho = spearman(x, y);
    double tau = kendallTauB(x, y);
    int n = x.length;
    double[] rhos = new double[rounds];
    double[] taus = new double[rounds];
    int nr = 0;
    int nt = 0;
    SplittableRandom rng = Seeds.rng(seed, SEED_STREAM, 0);
    double[] bx = new double[n];
    double[] by = new double[n];
    for (int b = 0; b < rounds; b++) {
      for (int i = 0; i < n; i++) {
        int k = rng.nextInt(n);
        bx[i] = x[k];
        by[i] = y[k];
      }
      double r = spearman(bx, by);
      double t = kendallTauB(bx, by);
      if (!Double.isNaN(r)) {
        rhos[nr++] = r;
      }
      if (!Double.isNaN(t)) {
        taus[nt++] = t;
      }
    }
    double a = (1 - confidence) / 2;
    double[] ri = nr * 2 < rounds ? new double[] {Double.NaN, Double.NaN} : percentiles(rhos, nr, a);
    double[] ti = nt * 2 < rounds ? new double[] {Double.NaN, Double.NaN} : percentiles(taus, nt, a);
    return new Estimate(n, rho, ri[0], ri[1], tau, ti[0], ti[1]);
  }

  /**
   * Fisher z interval for Spearman's ρ: {@code tanh(atanh(ρ) ± z_{1−α/2} √(1.06 / (n − 3)))}
   * (Fieller, Hartley and Pearson 1957). Bounds are ±1 when |ρ| = 1.
   *
   * @param rho Spearman's ρ
   * @param n number of configurations, at least 4
   * @param confidence two-sided level in {@code (0, 1)}
   * @return {@code {low, high}}, {@code NaN} when {@code rho} is {@code NaN}
   * @throws InvalidParameterException if {@code n < 4} or the confidence is out of range
   */
  public static double[] fisherInterval(double rho, int n, double confidence) {
    if (n < 4) {
      throw new InvalidParameterException("Fisher z interval needs n >= 4, got " + n);
    }
    checkConfidence(confidence);
    if (Double.isNaN(rho)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = atanh(Math.max(-1, Math.min(1, rho)));
    double half = normalQuantile(1 - (1 - confidence) / 2) * Math.sqrt(1.06 / (n - 3));
    return new double[] {Math.tanh(z - half), Math.tanh(z + half)};
  }

  /**
   * Point estimates and percentile-bootstrap intervals of one pair of score vectors.
   *
   * @param n number of configurations
   * @param spearman Spearman's ρ ({@code NaN} if undefined)
   * @param spearmanLow lower bound of ρ's interval
   * @param spearmanHigh upper bound of ρ's interval
   * @param kendall Kendall's τ-b
   * @param kendallLow lower bound of τ's interval
   * @param kendallHigh upper bound of τ's interval
   */
  public record Estimate(
      int n,
      double spearman,
      double spearmanLow,
      double spearmanHigh,
      double kendall,
      double kendallLow,
      double kendallHigh) {}

  static double pearson(double[] a, double[] b) {
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return clamp(sab / Math.sqrt(saa * sbb));
  }

  /** Percentiles {@code a} and {@code 1 − a} of the first {@code m} values (linear interpolation). */
  static double[] percentiles(double[] v, int m, double a) {
    double[] s = Arrays.copyOf(v, m);
    Arrays.sort(s);
    return new double[] {quantile(s, a), quantile(s, 1 - a)};
  }

  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static double clamp(double r) {
    return Math.max(-1.0, Math.min(1.0, r));
  }

  private static double atanh(double r) {
    if (r >= 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (r <= -1) {
      return Double.NEGATIVE_INFINITY;
    }
    return 0.5 * Math.log((1 + r) / (1 - r));
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new InvalidParameterException(
          "rank correlation needs two score vectors of equal length; got " + x.length + " and "
              + y.length);
    }
  }

  private static void checkConfidence(double c) {
    if (!(c > 0 && c < 1)) {
      throw new InvalidParameterException("confidence was " + c + " but must be in (0, 1), e.g. 0.95");
    }
  }

  /** Standard normal quantile (Hipparchus). */
  static double normalQuantile(double p) {
    return NORMAL.inverseCumulativeProbability(p);
  }

  private static final org.hipparchus.distribution.continuous.NormalDistribution NORMAL =
      new org.hipparchus.distribution.continuous.NormalDistribution(0, 1);
}
