package dev.hone.search.sampler;

import java.util.SplittableRandom;

/**
 * Standard-normal functions for the Parzen estimators, computed with {@link StrictMath} so that
 * results are bit-for-bit identical on every JVM.
 *
 * <ul>
 *   <li>{@code erfc(x)}: for {@code 0 <= x < 1} as {@code 1 - erf(x)} with the all-positive series
 *       {@code erf(x) = (2/sqrt(pi)) exp(-x^2) sum_n 2^n x^(2n+1) / (1*3*...*(2n+1))}
 *       (Abramowitz and Stegun 7.1.6); for {@code x >= 1} through the continued fraction
 *       {@code erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...))))}
 *       (A&amp;S 7.1.14), evaluated with the modified Lentz method. The continued fraction also
 *       gives {@code log erfc(x)} without underflow for any large {@code x}.
 *   <li>Truncated-normal draws by rejection from Box-Muller normals: exact, and cheap because the
 *       Parzen components always have their mean inside the truncation window.
 * </ul>
 */
final class NormalMath {
  private NormalMath() {}

  static final double LOG_SQRT_2PI = 0.5 * StrictMath.log(2 * Math.PI);
  private static final double SQRT_PI = StrictMath.sqrt(Math.PI);
  private static final double LOG_SQRT_PI = StrictMath.log(SQRT_PI);
  private static final double SQRT2 = StrictMath.sqrt(2.0);
  private static final double LOG_HALF = StrictMath.log(0.5);

  /** Below this, erfc = 1 - erf by series (erf <= 0.85, so no digits are lost); above, the CF. */
  private static final double CF_FROM = 1.0;

  /** Complementary error function; relative error about 1e-15 over the whole real line. */
  static double erfc(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 2.0 - erfc(-x);
    }
    if (x < CF_FROM) {
      return 1.0 - erfSeries(x);
    }
    return StrictMath.exp(logErfcLarge(x));
  }

  /** {@code erf(x)} for {@code 0 <= x < 1} (positive-term series, A&amp;S 7.1.6). */
  private static double erfSeries(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 0; n < 200; n++) {
      term *= 2.0 * x2 / (2 * n + 3);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return 2.0 / SQRT_PI * StrictMath.exp(-x2) * sum;
  }

  /** {@code log erfc(x)} for {@code x >= 1} via the continued fraction (A&amp;S 7.1.14). */
  private static double logErfcLarge(double x) {
    if (x == Double.POSITIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    // f = x + a1/(x + a2/(x + ...)), a_n = n/2; modified Lentz.
    final double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0.0;
    for (int n = 1; n < 5000; n++) {
      double a = 0.5 * n;
      d = x + a * d;
      if (d == 0) {
        d = tiny;
      }
      c = x + a / c;
      if (c == 0) {
        c = tiny;
      }
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return -x * x - LOG_SQRT_PI - StrictMath.log(f);
  }

  /** {@code log Phi(z)}, the log of the standard-normal CDF, accurate far into both tails. */
  static double logPhi(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    if (z == Double.POSITIVE_INFINITY) {
      return 0.0;
    }
    double x = -z / SQRT2; // Phi(z) = erfc(x) / 2
    if (x >= CF_FROM) {
      return LOG_HALF + logErfcLarge(x);
    }
    if (x >= 0) {
      return StrictMath.log(0.5 * erfc(x));
    }
    return StrictMath.log1p(-0.5 * erfc(-x));
  }

  /**
   * {@code log(Phi(b) - Phi(a))} for {@code a <= b}: the log-probability that a standard normal
   * falls in {@code [a, b]}, without cancellation in either tail. {@code -Infinity} when {@code a
   * == b}.
   */
  static double logMass(double a, double b) {
    if (!(a <= b)) {
      throw new IllegalArgumentException("need a <= b, got " + a + ", " + b);
    }
    if (a == b) {
      return Double.NEGATIVE_INFINITY;
    }
    if (a >= 0) {
      return logDiff(logPhi(-a), logPhi(-b));
    }
    if (b <= 0) {
      return logDiff(logPhi(b), logPhi(a));
    }
    // a < 0 < b: both tails are at most 1/2, so 1 - tails loses no precision.
    return StrictMath.log1p(-(StrictMath.exp(logPhi(a)) + StrictMath.exp(logPhi(-b))));
  }

  /** {@code log(exp(la) - exp(lb))} for {@code la >= lb}. */
  private static double logDiff(double la, double lb) {
    if (lb == Double.NEGATIVE_INFINITY) {
      return la;
    }
    return la + StrictMath.log1p(-StrictMath.exp(lb - la));
  }

  /** {@code log phi(z)}, the log standard-normal density. */
  static double logPhiDensity(double z) {
    return -0.5 * z * z - LOG_SQRT_2PI;
  }

  /** A standard normal from two uniforms (Box and Muller 1958), cosine branch. */
  static double standardNormal(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble(); // (0, 1]
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  /**
   * A draw from {@code N(mu, sigma^2)} truncated to {@code [lo, hi]}, by rejection. If the window
   * holds too little mass for rejection (never the case when {@code lo <= mu <= hi}), the nearest
   * bound to {@code mu} is returned after 10,000 attempts.
   */
  static double truncatedNormal(SplittableRandom rng, double mu, double sigma, double lo, double hi) {
    for (int i = 0; i < 10_000; i++) {
      double x = mu + sigma * standardNormal(rng);
      if (x >= lo && x <= hi) {
        return x;
      }
    }
    return mu < lo ? lo : (mu > hi ? hi : mu);
  }

  /** {@code log(sum_i exp(v_i))}, stable; {@code -Infinity} for an empty or all-(-inf) input. */
  static double logSumExp(double[] v, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (v[i] > max) {
        max = v[i];
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)) {
      return max;
    }
    if (max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += StrictMath.exp(v[i] - max);
    }
    return max + StrictMath.log(s);
  }
}
