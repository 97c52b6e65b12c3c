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
    return -x * x - LOG_SQRT_PI - StrictMath.log(erfcFraction(x));
  }

  /** The continued fraction {@code f(x)} with {@code erfc(x) = exp(-x^2) / (sqrt(pi) f(x))}. */
  private static double erfcFraction(double x) {
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
    return f;
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

  // ---------------------------------------------------------------------------------------------
  // Fast paths. Pure Java arithmetic (strict IEEE semantics since Java 17), so every JVM gives the
  // same bits; used on the hot loops of the Parzen estimators.

  private static final double LN2_HI = 6.93147180369123816490e-01; // low 21 bits zero
  private static final double LN2_LO = 1.90821492927058770002e-10;
  private static final double INV_LN2_64 = 64 / 0.6931471805599453;
  private static final double[] EXP2_64 = new double[64];

  static {
    for (int j = 0; j < 64; j++) {
      EXP2_64[j] = StrictMath.pow(2.0, j / 64.0);
    }
  }

  /**
   * {@code e^x} with a relative error of a few ulps: {@code x = (64m + j) ln2/64 + r}, {@code |r|
   * <= ln2/128}, {@code e^x = 2^m 2^(j/64) e^r} with a degree-6 Taylor polynomial for {@code e^r}
   * (truncation error below 3e-20). About five times faster than {@code StrictMath.exp} on JDK
   * 17 and, being plain arithmetic, bit-for-bit reproducible.
   */
  static double exp(double x) {
    if (!(x > -745.2)) {
      return Double.isNaN(x) ? x : 0.0;
    }
    if (x > 709.7) {
      return x > 709.78 ? Double.POSITIVE_INFINITY : StrictMath.exp(x);
    }
    double k = Math.rint(x * INV_LN2_64);
    int ki = (int) k;
    double r = (x - k * (LN2_HI / 64)) - k * (LN2_LO / 64);
    double p = 1 + r * (1 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120
        + r * (1.0 / 720))))));
    int m = ki >> 6;
    double v = EXP2_64[ki & 63] * p;
    if (m > -1022) {
      return v * Double.longBitsToDouble((long) (m + 1023) << 52);
    }
    // subnormal result: scale in two exact steps, the last one rounds once
    return v * Double.longBitsToDouble((long) (m + 600 + 1023) << 52) * 0x1p-600;
  }

  /** Table of Phi and phi at z = -TABLE_LO + k/64 for z in [-9, 0]. */
  private static final double TABLE_LO = 9.0;
  private static final int TABLE_N = (int) (TABLE_LO * 64) + 1;
  private static final double[] PHI_TAB = new double[TABLE_N];
  private static final double[] DENS_TAB = new double[TABLE_N];

  static {
    for (int k = 0; k < TABLE_N; k++) {
      double z = -TABLE_LO + k / 64.0;
      PHI_TAB[k] = StrictMath.exp(logPhi(z));
      DENS_TAB[k] = StrictMath.exp(logPhiDensity(z));
    }
  }

  /**
   * The standard-normal CDF {@code Phi(z)} for {@code z <= 0}, with relative accuracy near 1e-15
   * down to {@code z = -9} (a degree-9 Taylor expansion around the nearest of 577 tabulated points
   * {@code z0}: {@code Phi^(n)(z0) = (-1)^(n-1) He_(n-1)(z0) phi(z0)}, step at most 1/128), and
   * through {@link #logPhi} further out.
   */
  static double phiLower(double z) {
    if (!(z >= -TABLE_LO)) {
      if (Double.isNaN(z)) {
        return z;
      }
      // Laplace's continued fraction for the Mills ratio, 24 terms (ample for |z| >= 9):
      // Phi(z) = phi(z) / (x + 1/(x + 2/(x + 3/(x + ...)))), x = -z
      double x = -z;
      if (x > 38.5) {
        return 0.0; // Phi(-38.5) < 1e-300: callers switch to logs
      }
      double f = x;
      for (int n = 24; n >= 1; n--) {
        f = x + n / f;
      }
      return exp(-0.5 * x * x - LOG_SQRT_2PI) / f;
    }
    int k = (int) Math.rint((z + TABLE_LO) * 64);
    if (k >= TABLE_N) {
      k = TABLE_N - 1;
    }
    double z0 = -TABLE_LO + k / 64.0;
    double d = z - z0;
    // sum_{n>=1} (-1)^(n-1) He_{n-1}(z0) d^n / n!
    double hePrev = 1.0; // He_0
    double he = z0; // He_1
    double term = d; // d^n / n! for n = 1
    double sum = d; // n = 1: He_0 d
    double sign = 1.0;
    for (int n = 2; n <= 9; n++) {
      term *= d / n;
      sign = -sign;
      sum += sign * he * term;
      double next = z0 * he - (n - 1) * hePrev; // He_n
      hePrev = he;
      he = next;
    }
    return PHI_TAB[k] + DENS_TAB[k] * sum;
  }

  /**
   * {@code Phi(b) - Phi(a)} for {@code a <= b}, from {@link #phiLower} on the side that keeps
   * relative accuracy (the upper tail by symmetry). May underflow to 0 far in a tail; callers
   * then use {@link #logMass}.
   */
  static double mass(double a, double b) {
    if (b <= 0) {
      return phiLower(b) - phiLower(a);
    }
    if (a >= 0) {
      return phiLower(-a) - phiLower(-b);
    }
    // a tail beyond 9 sd holds < 1.2e-19, below half an ulp of 1: 1 - it is exactly 1
    double ta = a <= -TABLE_LO ? 0.0 : phiLower(a);
    double tb = b >= TABLE_LO ? 0.0 : phiLower(-b);
    return 1.0 - ta - tb;
  }

  /**
   * {@link #mass} with absolute error below 1.2e-19: a cell lying entirely beyond 9 standard
   * deviations gets 0. For sums of many kernels in linear space, where such terms are far below
   * the rounding of the total.
   */
  static double massAbsolute(double a, double b) {
    if (b <= -TABLE_LO || a >= TABLE_LO) {
      return 0.0;
    }
    return mass(a, b);
  }

  /** {@code log(Phi(b) - Phi(a))}: {@link #mass} when it is safely positive, else {@link #logMass}. */
  static double logMassFast(double a, double b) {
    double m = mass(a, b);
    if (m > 1e-280) {
      return log(m);
    }
    if (!(a < b)) {
      return logMass(a, b);
    }
    if (b <= 0) {
      return logDiffFast(logPhiLower(b), logPhiLower(a));
    }
    if (a >= 0) {
      return logDiffFast(logPhiLower(-a), logPhiLower(-b));
    }
    return logMass(a, b);
  }

  /** {@code log(e^la - e^lb)} for {@code la > lb}, with the fast log (absolute error ~1e-15). */
  private static double logDiffFast(double la, double lb) {
    if (lb == Double.NEGATIVE_INFINITY) {
      return la;
    }
    return la + log(1.0 - exp(lb - la));
  }

  /**
   * {@code log Phi(z)} for {@code z <= 0}: the log of {@link #phiLower} down to {@code -9}, then
   * {@code -z^2/2 - log sqrt(2 pi) - log f} with Laplace's continued fraction {@code f} (24 terms),
   * so it never underflows.
   */
  static double logPhiLower(double z) {
    if (z >= -TABLE_LO) {
      return log(phiLower(z));
    }
    if (z == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    double x = -z;
    double f = x;
    for (int n = 24; n >= 1; n--) {
      f = x + n / f;
    }
    return -0.5 * x * x - LOG_SQRT_2PI - log(f);
  }

  private static final double[] LOG_C = new double[64];

  static {
    for (int j = 0; j < 64; j++) {
      LOG_C[j] = StrictMath.log(1.0 + j / 64.0);
    }
  }

  /**
   * {@code ln x} for positive normal {@code x} with an absolute error below 1e-15 (relative error
   * a few ulps away from {@code x = 1}): {@code x = 2^e m}, {@code m = c (1 + t)} with {@code c = 1
   * + j/64} and {@code 0 <= t < 1/64}, {@code ln x = e ln 2 + ln c + log1p(t)} with a degree-8
   * series for {@code log1p}. Other inputs go to {@link StrictMath#log}.
   */
  static double log(double x) {
    if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
      return StrictMath.log(x);
    }
    long bits = Double.doubleToRawLongBits(x);
    int e = (int) (bits >>> 52) - 1023;
    long mant = bits & 0xfffffffffffffL;
    int j = (int) (mant >>> 46);
    double m = Double.longBitsToDouble(mant | 0x3ff0000000000000L);
    double c = 1.0 + j / 64.0;
    double t = (m - c) / c;
    double p = t * (1 - t * (0.5 - t * (1.0 / 3 - t * (0.25 - t * (0.2 - t * (1.0 / 6
        - t * (1.0 / 7 - t * 0.125)))))));
    return e * LN2_HI + (LOG_C[j] + (p + e * LN2_LO));
  }

  /**
   * The scaled complementary error function {@code erfcx(x) = exp(x^2) erfc(x)} for {@code x >=
   * 0}: {@code exp(x^2) (1 - erf(x))} below 1 and {@code 1 / (sqrt(pi) f(x))} with the continued
   * fraction {@code f} of {@link #erfc} above, so it never overflows or underflows ({@code erfcx(x)
   * ~ 1/(x sqrt(pi))} for large {@code x}).
   */
  static double erfcx(double x) {
    if (!(x >= 0)) {
      throw new IllegalArgumentException("erfcx needs x >= 0, got " + x);
    }
    if (x < CF_FROM) {
      return StrictMath.exp(x * x) * (1.0 - erfSeries(x));
    }
    if (x > 1e8) {
      return 1.0 / (SQRT_PI * x);
    }
    return 1.0 / (SQRT_PI * erfcFraction(x));
  }
}
