package dev.hone.eval.diagnostics;

import dev.hone.eval.Percentiles;
import java.util.Arrays;

/**
 * Equal-count (quantile) binning of one numeric variable, shared by the residual charts.
 *
 * <p>With {@code B} requested bins: when the variable has at most {@code B} distinct values, each
 * distinct value is its own bin ({@code lower == upper}); otherwise the edges are the distinct
 * values of {@code numpy.percentile(x, numpy.linspace(0, 100, B + 1))} (linear interpolation, see
 * {@link Percentiles}), and a value {@code v} falls into bin {@code j} where {@code j} is the number
 * of inner edges {@code <= v} ({@code numpy.searchsorted(edges[1:-1], v, side='right')}): bins are
 * {@code [e_j, e_{j+1})} and the last one is closed. Tied values can make bins unequal in size and
 * can merge edges, so fewer than {@code B} bins may result. Missing values (NaN) are not binned
 * here; callers give them a bin of their own.
 */
final class Binning {
  /** Bin edges: {@code lower[j]} and {@code upper[j]} per bin, and the inner edges for search. */
  final double[] lower;

  final double[] upper;
  private final double[] inner; // ascending; bin = count of inner edges <= v
  private final boolean discrete;

  private Binning(double[] lower, double[] upper, double[] inner, boolean discrete) {
    this.lower = lower;
    this.upper = upper;
    this.inner = inner;
    this.discrete = discrete;
  }

  int size() {
    return lower.length;
  }

  /** Whether every bin holds a single distinct value. */
  boolean discrete() {
    return discrete;
  }

  /**
   * Bins for the finite values {@code sorted[0 .. m)}.
   *
   * @param sorted ascending, NaN-free in its first {@code m} entries
   * @param m number of values, {@code >= 1}
   * @param bins requested number of bins, {@code >= 1}
   */
  static Binning quantile(double[] sorted, int m, int bins) {
    double[] distinct = new double[bins];
    int d = 0;
    boolean many = false;
    for (int i = 0; i < m; i++) {
      if (d == 0 || sorted[i] != distinct[d - 1]) {
        if (d == bins) {
          many = true;
          break;
        }
        distinct[d++] = sorted[i];
      }
    }
    if (!many) {
      double[] values = Arrays.copyOf(distinct, d);
      // one bin per value: the count of inner edges <= v is the index of v
      return new Binning(values, values.clone(), Arrays.copyOfRange(values, 1, d), true);
    }
    double[] edges = new double[bins + 1];
    int e = 0;
    double step = 100.0 / bins; // numpy.linspace(0, 100, bins + 1): i * step, last exactly 100
    for (int i = 0; i <= bins; i++) {
      double pct = i == bins ? 100.0 : i * step;
      double v = Percentiles.linear(sorted, m, pct);
      if (e == 0 || v != edges[e - 1]) {
        edges[e++] = v;
      }
    }
    edges = Arrays.copyOf(edges, e);
    int nb = e - 1;
    if (nb < 1) { // cannot happen with more than `bins` distinct values, kept for safety
      return new Binning(new double[] {edges[0]}, new double[] {edges[0]}, new double[0], true);
    }
    return new Binning(
        Arrays.copyOf(edges, nb), Arrays.copyOfRange(edges, 1, e), Arrays.copyOfRange(edges, 1, nb),
        false);
  }

  /** The bin of a finite value: the number of inner edges {@code <= v}. */
  int bin(double v) {
    // upper bound search: first index with inner[idx] > v
    int lo = 0;
    int hi = inner.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (inner[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
