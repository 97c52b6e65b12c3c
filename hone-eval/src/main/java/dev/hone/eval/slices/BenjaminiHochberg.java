package dev.hone.eval.slices;

import dev.hone.core.error.InvalidParameterException;

/**
 * The Benjamini–Hochberg step-up procedure, controlling the false discovery rate over {@code m}
 * tests (Benjamini and Hochberg, "Controlling the false discovery rate: a practical and powerful
 * approach to multiple testing", J. R. Statist. Soc. B 57(1), 1995). Matches statsmodels'
 * {@code multipletests(p, alpha=q, method='fdr_bh')}.
 *
 * <p>With the p-values sorted increasingly as {@code p(1) <= ... <= p(m)} (rank {@code i}), the
 * adjusted p-value of rank {@code i} is {@code min(1, min_{j >= i} m·p(j)/j)}, and the hypotheses
 * rejected at level {@code q} are ranks {@code 1..k} for the largest {@code k} with {@code p(k) <=
 * k·q/m} (none when there is no such {@code k}); equivalently, those whose adjusted p-value is
 * {@code <= q}. Ties need no special rule: tied p-values get the same adjusted value and are
 * rejected together, whatever order a sort puts them in, because the minimum over {@code j >= i}
 * reaches the last rank of the tie.
 *
 * <p>{@code NaN} p-values (tests that could not be run) are not part of the family: they get a
 * {@code NaN} adjusted value, are never rejected and do not count in {@code m}. An empty family
 * (no finite p-value) is allowed and rejects nothing.
 */
public final class BenjaminiHochberg {
  private BenjaminiHochberg() {}

  /**
   * Adjusted p-values ("q-values" in the loose sense statsmodels uses).
   *
   * @param p p-values in [0, 1], or NaN for "not tested"; shape {@code [m]}
   * @return adjusted p-values in the same order, shape {@code [m]}
   * @throws IllegalArgumentException if a p-value is outside [0, 1]
   */
  public static double[] adjust(double[] p) {
    int[] order = testedOrder(p);
    int m = order.length;
    double[] out = new double[p.length];
    java.util.Arrays.fill(out, Double.NaN);
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int idx = order[rank - 1];
      double v = p[idx] / ((double) rank / m); // statsmodels' arithmetic: p / ecdf
      running = Math.min(running, v);
      out[idx] = running;
    }
    return out;
  }

  /**
   * Which hypotheses are rejected at false discovery rate {@code q}.
   *
   * @param p p-values in [0, 1], or NaN for "not tested"
   * @param q the false discovery rate, in (0, 1)
   * @return {@code true} for each rejected hypothesis
   * @throws InvalidParameterException if {@code q} is not in (0, 1)
   * @throws IllegalArgumentException if a p-value is outside [0, 1]
   */
  public static boolean[] reject(double[] p, double q) {
    if (!(q > 0 && q < 1)) {
      throw new InvalidParameterException("false discovery rate was " + q + " but must be in (0, 1)");
    }
    int[] order = testedOrder(p);
    int m = order.length;
    int k = 0;
    for (int rank = 1; rank <= m; rank++) {
      if (p[order[rank - 1]] <= ((double) rank / m) * q) {
        k = rank;
      }
    }
    boolean[] out = new boolean[p.length];
    for (int rank = 1; rank <= k; rank++) {
      out[order[rank - 1]] = true;
    }
    return out;
  }

  /** Indices of the finite p-values, sorted by p-value (stable). */
  private static int[] testedOrder(double[] p) {
    int m = 0;
    for (int i = 0; i < p.length; i++) {
      double v = p[i];
      if (Double.isNaN(v)) {
        continue;
      }
      if (v < 0 || v > 1) {
        throw new IllegalArgumentException("p-value " + v + " at index " + i + " is not in [0, 1]");
      }
      m++;
    }
    Integer[] idx = new Integer[m];
    int j = 0;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i])) {
        idx[j++] = i;
      }
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
    int[] out = new int[m];
    for (int i = 0; i < m; i++) {
      out[i] = idx[i];
    }
    return out;
  }
}
