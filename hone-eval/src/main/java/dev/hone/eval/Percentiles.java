package dev.hone.eval;

/**
 * Sample percentiles by linear interpolation between order statistics: definition 7 of Hyndman
 * and Fan, "Sample quantiles in statistical packages", The American Statistician 50(4), 1996 — the
 * default of {@code numpy.percentile} ({@code method='linear'}) and R's {@code quantile(type=7)}.
 * Public so that every analysis in {@code dev.hone.eval..} uses the same definition.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code pct}-th percentile of the first {@code m} entries of {@code sorted}.
   *
   * <p>With {@code h = (pct / 100)·(m − 1)}, {@code j = ⌊h⌋} and {@code g = h − j}, the result is
   * {@code x[j] + g·(x[j+1] − x[j])}, evaluated from the nearer end as numpy does ({@code x[j+1] −
   * (1 − g)·(x[j+1] − x[j])} when {@code g >= 0.5}) so that both agree to the last bit.
   *
   * @param sorted values in increasing order, NaN-free
   * @param m how many leading entries to use, {@code >= 1}
   * @param pct the percentile in [0, 100]
   */
  public static double linear(double[] sorted, int m, double pct) {
    double h = (pct / 100.0) * (m - 1);
    int j = (int) Math.floor(h);
    if (j >= m - 1) {
      return sorted[m - 1];
    }
    double g = h - j;
    double a = sorted[j];
    double b = sorted[j + 1];
    double diff = b - a;
    return g >= 0.5 ? b - diff * (1.0 - g) : a + diff * g;
  }
}
