package dev.hone.search.sampler;

/**
 * The logarithm of expected improvement, computed without underflow far from the incumbent (S.
 * Ament, S. Daulton, D. Eriksson, M. Balandat, E. Bakshy, "Unexpected Improvements to Expected
 * Improvement for Bayesian Optimization", NeurIPS 2023, Eq. 9).
 *
 * <p>For a Gaussian posterior {@code N(mu, sigma^2)} of a loss and the best observed loss {@code
 * f*}, {@code EI = sigma h(z)} with {@code z = (f* - mu) / sigma} and {@code h(z) = phi(z) + z
 * Phi(z)}. {@code log h} is
 *
 * <ul>
 *   <li>{@code log(phi(z) + z Phi(z))} for {@code z > -1};
 *   <li>{@code -z^2/2 - c1 + log1mexp(log(erfcx(-z/sqrt 2) |z|) + c2)} for {@code -1/sqrt(eps) < z
 *       <= -1}, with {@code c1 = log(2 pi)/2}, {@code c2 = log(pi/2)/2} and {@code log1mexp(a) =
 *       log(1 - e^a)};
 *   <li>{@code -z^2/2 - c1 - 2 log|z|} below (the asymptote).
 * </ul>
 *
 * Plain EI underflows to 0 once {@code z < -38}, which leaves an acquisition optimiser nothing to
 * climb; {@code log h} stays finite and smooth for every finite {@code z}.
 */
final class ExpectedImprovement {
  private ExpectedImprovement() {}

  private static final double C1 = 0.5 * StrictMath.log(2 * Math.PI);
  private static final double C2 = 0.5 * StrictMath.log(Math.PI / 2);
  private static final double SQRT2 = StrictMath.sqrt(2.0);
  private static final double ASYMPTOTE = -1 / StrictMath.sqrt(Math.ulp(1.0));

  /** {@code log h(z)}, {@code h(z) = phi(z) + z Phi(z)} (see the class documentation). */
  static double logH(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    if (z > -1) {
      if (z == Double.POSITIVE_INFINITY) {
        return Double.POSITIVE_INFINITY;
      }
      double phi = StrictMath.exp(NormalMath.logPhiDensity(z));
      double cdf = StrictMath.exp(NormalMath.logPhi(z));
      return StrictMath.log(phi + z * cdf);
    }
    if (z > ASYMPTOTE) {
      double a = StrictMath.log(NormalMath.erfcx(-z / SQRT2) * -z) + C2;
      return -0.5 * z * z - C1 + log1mexp(a);
    }
    return -0.5 * z * z - C1 - 2 * StrictMath.log(-z);
  }

  /** {@code log(1 - e^a)} for {@code a < 0} (Mächler 2012's two branches). */
  static double log1mexp(double a) {
    if (a > -Math.log(2)) {
      return StrictMath.log(-StrictMath.expm1(a));
    }
    return StrictMath.log1p(-StrictMath.exp(a));
  }

  /**
   * {@code log EI} of a loss with posterior {@code N(mean, sd^2)} against the best loss {@code
   * best} (minimisation).
   *
   * @param sd posterior standard deviation, {@code > 0}
   */
  static double logEi(double mean, double sd, double best) {
    return StrictMath.log(sd) + logH((best - mean) / sd);
  }
}
