package dev.hone.explain;

/** Small numerical pieces shared by the Shapley explainers. */
final class ShapleyMath {
  private ShapleyMath() {}

  /**
   * The Shapley weights {@code s! (d − s − 1)! / d!} for {@code s = 0..d−1}, computed as {@code 1
   * / (d · C(d − 1, s))}.
   */
  static double[] shapleyWeights(int d) {
    double[] w = new double[d];
    for (int s = 0; s < d; s++) {
      w[s] = 1.0 / (d * binomial(d - 1, s));
    }
    return w;
  }

  /** {@code C(n, k)} as a double (exact up to 2^53). */
  static double binomial(int n, int k) {
    if (k < 0 || k > n) {
      return 0;
    }
    k = Math.min(k, n - k);
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r < 9.0e15 ? Math.rint(r) : r;
  }

  /**
   * Shapley values of a game of {@code d} players whose values {@code v(mask)} are stored at
   * {@code out[(offset + mask) * k + o]}.
   */
  static double[] shapley(double[] out, int offset, int k, int o, int d, double[] weights) {
    double[] phi = new double[d];
    int size = 1 << d;
    for (int mask = 0; mask < size; mask++) {
      int s = Integer.bitCount(mask);
      if (s == d) {
        continue;
      }
      double ws = weights[s];
      double vs = out[(offset + mask) * k + o];
      for (int i = 0; i < d; i++) {
        int bit = 1 << i;
        if ((mask & bit) == 0) {
          phi[i] += ws * (out[(offset + (mask | bit)) * k + o] - vs);
        }
      }
    }
    return phi;
  }

  /** Weighted column means of {@code y} ({@code [n][k]}) with weights {@code w}. */
  static double[] weightedMean(double[][] y, double[] w, int k) {
    double[] m = new double[k];
    double total = 0;
    for (int i = 0; i < y.length; i++) {
      if (w[i] == 0) {
        continue;
      }
      total += w[i];
      for (int o = 0; o < k; o++) {
        m[o] += w[i] * y[i][o];
      }
    }
    for (int o = 0; o < k; o++) {
      m[o] /= total;
    }
    return m;
  }

  /**
   * The explained rows' values per player: the column value for single-column players, and for a
   * group the value of its only non-zero column's position (1-based) or 0 when all are zero (the
   * level of a one-hot group); {@code NaN} when a member is missing.
   */
  static double[][] playerValues(double[][] x, Players players) {
    double[][] out = new double[x.length][players.size()];
    for (int r = 0; r < x.length; r++) {
      for (int p = 0; p < players.size(); p++) {
        int[] cols = players.columns[p];
        if (cols.length == 1) {
          out[r][p] = x[r][cols[0]];
          continue;
        }
        double v = 0;
        for (int i = 0; i < cols.length; i++) {
          double c = x[r][cols[i]];
          if (Double.isNaN(c)) {
            v = Double.NaN;
            break;
          }
          if (c != 0 && v == 0) {
            v = i + 1;
          }
        }
        out[r][p] = v;
      }
    }
    return out;
  }
}
