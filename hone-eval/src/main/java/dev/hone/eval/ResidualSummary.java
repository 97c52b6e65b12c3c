package dev.hone.eval;

/**
 * Distribution of the regression residuals {@code r = y − ŷ} on an evaluated split, in the units
 * of the target. Positive residuals mean the model under-predicts.
 *
 * <p>Quantiles use linear interpolation between order statistics (Hyndman and Fan's definition 7,
 * {@code numpy.percentile}'s default {@code 'linear'} method); the standard deviation is the
 * population one (divisor {@code n}, {@code numpy.std}'s default {@code ddof=0}).
 *
 * @param mean mean residual (the bias; 0 for an unbiased model)
 * @param std population standard deviation of the residuals
 * @param min smallest residual
 * @param q05 5th percentile
 * @param q25 25th percentile
 * @param median 50th percentile
 * @param q75 75th percentile
 * @param q95 95th percentile
 * @param max largest residual
 * @param meanAbs mean absolute residual (equals the MAE)
 */
public record ResidualSummary(
    double mean,
    double std,
    double min,
    double q05,
    double q25,
    double median,
    double q75,
    double q95,
    double max,
    double meanAbs) {

  /**
   * Summarises {@code y − yhat}.
   *
   * @param y true values, shape {@code [n]}, {@code n >= 1}
   * @param yhat predicted values, shape {@code [n]}
   * @return the summary
   * @throws IllegalArgumentException on empty or mismatched arrays
   */
  public static ResidualSummary of(double[] y, double[] yhat) {
    Metrics.requireSameLength(y.length, yhat.length, "yhat");
    int n = y.length;
    double[] r = new double[n];
    double sum = 0.0;
    double sumAbs = 0.0;
    for (int i = 0; i < n; i++) {
      r[i] = y[i] - yhat[i];
      sum += r[i];
      sumAbs += Math.abs(r[i]);
    }
    double mean = sum / n;
    double ss = 0.0;
    for (double v : r) {
      double d = v - mean;
      ss += d * d;
    }
    java.util.Arrays.sort(r);
    return new ResidualSummary(
        mean,
        Math.sqrt(ss / n),
        r[0],
        Percentiles.linear(r, n, 5),
        Percentiles.linear(r, n, 25),
        Percentiles.linear(r, n, 50),
        Percentiles.linear(r, n, 75),
        Percentiles.linear(r, n, 95),
        r[n - 1],
        sumAbs / n);
  }
}
