package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of {@link NormalMath} against slow, independently checked references: {@code
 * StrictMath.exp/log} (fdlibm) and {@link NormalMath#logPhi} (series and continued fraction,
 * checked against scipy's {@code log_ndtr} in {@link NormalMathTest}).
 */
class FastMathTest {

  @Test
  void expWithinFourUlpsOfStrictMath() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 50_000; i++) {
      double x = -740 + 1449 * r.nextDouble();
      double want = StrictMath.exp(x);
      double got = NormalMath.exp(x);
      assertEquals(want, got, 4 * Math.ulp(want), "exp(" + x + ")");
    }
    assertEquals(1.0, NormalMath.exp(0.0), 0.0);
    assertEquals(0.0, NormalMath.exp(-800), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, NormalMath.exp(710), 0.0);
    assertEquals(StrictMath.exp(-744), NormalMath.exp(-744), 2 * Double.MIN_VALUE);
  }

  @Test
  void logWithinAbsoluteOneEMinus15OfStrictMath() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 50_000; i++) {
      double x = StrictMath.exp(-700 + 1400 * r.nextDouble());
      double want = StrictMath.log(x);
      assertEquals(want, NormalMath.log(x), 1e-15 + 4 * Math.ulp(want), "log(" + x + ")");
    }
    for (double x : new double[] {1.0, 1 + 1e-12, 1 - 1e-12, 2.0, 0.5, Double.MIN_NORMAL}) {
      assertEquals(StrictMath.log(x), NormalMath.log(x), 1e-15, "log(" + x + ")");
    }
  }

  @Test
  void phiMatchesTheSlowPathRelatively() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 25_000; i++) {
      double z = -40 * r.nextDouble();
      double want = NormalMath.logPhi(z);
      // relative 1e-13 on Phi itself, i.e. absolute 1e-13 on its log
      assertEquals(want, NormalMath.logPhiLower(z), 1e-13 * Math.max(1, -want), "logPhi(" + z + ")");
      if (z > -37) {
        double p = NormalMath.phiLower(z);
        // beyond -9 the exponent -z^2/2 carries the rounding of a number up to ~700
        assertEquals(StrictMath.exp(want), p, (z >= -9 ? 1e-13 : 1e-12) * p, "Phi(" + z + ")");
      }
    }
  }

  @Test
  void fastCellMassMatchesTheSlowPath() {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 25_000; i++) {
      double a = -60 + 120 * r.nextDouble();
      double b = a + 3 * r.nextDouble() + 1e-3;
      double want = NormalMath.logMass(a, b);
      // absolute accuracy of the log: what the Parzen mixtures need
      assertEquals(want, NormalMath.logMassFast(a, b), 1e-11 * Math.max(1, Math.abs(want)),
          "[" + a + ", " + b + "]");
    }
  }
}
