package dev.hone.eval.benchmark;

import java.util.Arrays;
import org.hipparchus.special.Erf;

/**
 * The two-sided Wilcoxon signed-rank test of paired samples (Wilcoxon 1945), as {@code
 * scipy.stats.wilcoxon(x, y, zero_method='wilcox', alternative='two-sided')} documents it:
 *
 * <ul>
 *   <li>differences {@code d = x − y}; zero differences are dropped ({@code 'wilcox'});
 *   <li>the remaining {@code |d|} are ranked, ties getting their average rank; {@code R+} and
 *       {@code R−} are the rank sums of positive and negative differences; the statistic is {@code
 *       T = min(R+, R−)};
 *   <li>exact p-value, {@code 2·min(P(R+ <= r), P(R+ >= r))} capped at 1 under the null
 *       distribution of {@code R+} (every sign pattern equally likely), when there are at most
 *       {@value #EXACT_MAX_N} non-zero differences, no zero difference and no tie (scipy's {@code
 *       method='exact'});
 *   <li>otherwise the normal approximation with the tie correction of the variance and a
 *       continuity correction ({@code method='approx', correction=True}): {@code z = (T − μ − c) /
 *       σ} with {@code μ = n(n+1)/4}, {@code σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48} over tie groups
 *       of size {@code t}, {@code c = ½·sign(T − μ)}; {@code p = 2·(1 − Φ(|z|))}.
 * </ul>
 *
 * <p>Exactness: the exact distribution is counted with 64-bit integers (at most {@code 2^50}
 * patterns), so it is exact. References: F. Wilcoxon, "Individual Comparisons by Ranking Methods",
 * Biometrics Bulletin 1(6), 1945; J. Demšar, "Statistical Comparisons of Classifiers over Multiple
 * Data Sets", JMLR 7, 2006 (its use for comparing learners across datasets).
 */
public final class Wilcoxon {
  /** Largest number of non-zero differences for the exact p-value. */
  public static final int EXACT_MAX_N = 50;

  private Wilcoxon() {}

  /**
   * A test result.
   *
   * @param n non-zero differences used
   * @param zeros zero differences dropped
   * @param rPlus rank sum of the positive differences
   * @param rMinus rank sum of the negative differences
   * @param statistic {@code min(rPlus, rMinus)}
   * @param pValue two-sided p-value; NaN when every difference is zero
   * @param method {@code "exact"}, {@code "normal"} or {@code "none"} (all differences zero)
   */
  public record Result(
      int n, int zeros, double rPlus, double rMinus, double statistic, double pValue,
      String method) {}

  /**
   * Tests {@code x} against {@code y}, pair by pair.
   *
   * @param x first sample, finite
   * @param y second sample, same length
   * @return the result
   * @throws IllegalArgumentException if the lengths differ or a value is not finite
   */
  public static Result signedRank(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "paired samples differ in length: " + x.length + " and " + y.length);
    }
    double[] d = new double[x.length];
    int n = 0;
    int zeros = 0;
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("pair " + i + " is not finite: " + x[i] + ", " + y[i]);
      }
      double diff = x[i] - y[i];
      if (diff == 0.0) {
        zeros++;
      } else {
        d[n++] = diff;
      }
    }
    if (n == 0) {
      return new Result(0, zeros, 0, 0, 0, Double.NaN, "none");
    }
    d = Arrays.copyOf(d, n);
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    double[] dd = d;
    Arrays.sort(order, (a, b) -> Double.compare(Math.abs(dd[a]), Math.abs(dd[b])));
    double[] rank = new double[n];
    double tieTerm = 0.0; // Σ t(t² − 1)
    boolean ties = false;
    int i = 0;
    while (i < n) {
      int j = i + 1;
      while (j < n && Math.abs(d[order[j]]) == Math.abs(d[order[i]])) {
        j++;
      }
      double avg = (i + 1 + j) / 2.0; // ranks i+1 .. j
      for (int k = i; k < j; k++) {
        rank[order[k]] = avg;
      }
      int t = j - i;
      if (t > 1) {
        ties = true;
        tieTerm += (double) t * ((double) t * t - 1);
      }
      i = j;
    }
    double rPlus = 0.0;
    double rMinus = 0.0;
    for (int k = 0; k < n; k++) {
      if (d[k] > 0) {
        rPlus += rank[k];
      } else {
        rMinus += rank[k];
      }
    }
    double t = Math.min(rPlus, rMinus);
    if (!ties && zeros == 0 && n <= EXACT_MAX_N) {
      return new Result(n, zeros, rPlus, rMinus, t, exactP(n, (int) rPlus), "exact");
    }
    double mean = n * (n + 1) / 4.0;
    double var = n * (n + 1.0) * (2.0 * n + 1.0);
    var -= 0.5 * tieTerm;
    double se = Math.sqrt(var / 24.0);
    double c = 0.5 * Math.signum(t - mean);
    double z = (t - mean - c) / se;
    double p = Erf.erfc(Math.abs(z) / Math.sqrt(2.0)); // 2·(1 − Φ(|z|))
    return new Result(n, zeros, rPlus, rMinus, t, p, "normal");
  }

  /** {@code 2·min(P(R+ <= r), P(R+ >= r))} capped at 1, by counting sign patterns. */
  static double exactP(int n, int r) {
    int max = n * (n + 1) / 2;
    long[] count = new long[max + 1];
    count[0] = 1;
    for (int k = 1; k <= n; k++) {
      for (int s = Math.min(max, k * (k + 1) / 2); s >= k; s--) {
        count[s] += count[s - k];
      }
    }
    double total = Math.pow(2.0, n);
    long below = 0;
    for (int s = 0; s <= r; s++) {
      below += count[s];
    }
    long above = 0;
    for (int s = r; s <= max; s++) {
      above += count[s];
    }
    double p = 2.0 * Math.min(below, above) / total;
    return Math.min(1.0, p);
  }
}
