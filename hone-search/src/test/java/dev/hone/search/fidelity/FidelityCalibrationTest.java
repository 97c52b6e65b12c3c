package dev.hone.search.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FidelityCalibrationTest {
  private static final CalibrationOptions OPT = CalibrationOptions.defaults(7);

  private static double[] full(int n, long seed) {
    SplittableRandom rng = Seeds.rng(seed, "full", 0);
    double[] f = new double[n];
    for (int i = 0; i < n; i++) {
      f[i] = 0.7 + 0.2 * rng.nextDouble();
    }
    return f;
  }

  @Test
  void monotoneTransformIsTrustedWithDegenerateInterval() {
    double[] f = full(12, 1);
    double[] low = new double[12];
    for (int i = 0; i < 12; i++) {
      low[i] = Math.exp(5 * f[i]) - 3; // strictly increasing: identical ranking
    }
    CalibrationResult r =
        FidelityCalibration.calibrate(
            List.of(Fidelity.rows(0.1)), new double[][] {low}, f, null, null, OPT);
    CalibrationRow row = r.rows().get(0);
    assertEquals(1.0, row.spearman(), 1e-12);
    assertEquals(1.0, row.kendall(), 1e-12);
    assertEquals(1.0, row.spearmanLow(), 1e-12);
    assertEquals(1.0, row.kendallHigh(), 1e-12);
    assertTrue(row.trusted());
    assertTrue(row.chosen());
    assertEquals("rows:0.1", r.chosen());
    assertEquals(0.1, row.costFraction(), 1e-15); // nominal cost without times
  }

  @Test
  void reversedRankingIsRefusedAndFallsBackToFull() {
    double[] f = full(10, 2);
    double[] low = new double[10];
    for (int i = 0; i < 10; i++) {
      low[i] = -f[i];
    }
    CalibrationResult r =
        FidelityCalibration.calibrate(
            List.of(Fidelity.rounds(0.1)), new double[][] {low}, f, null, null, OPT);
    assertEquals(-1.0, r.rows().get(0).spearman(), 1e-12);
    assertFalse(r.rows().get(0).trusted());
    assertFalse(r.anyTrusted());
    assertEquals("full", r.chosen());
    assertEquals(1.0, r.chosenCostFraction());
  }

  /**
   * Three candidates: the cheapest is reversed (refused), the middle and dearest agree; the
   * choice is raised to the middle one. Costs come from measured times, and rows are sorted by
   * measured cost even though they were given out of order.
   */
  @Test
  void refusedCheapestRaisesToTheNextTrusted() {
    int n = 8;
    double[] f = full(n, 3);
    double[][] low = new double[3][n];
    double[][] t = new double[3][n];
    double[] tf = new double[n];
    for (int i = 0; i < n; i++) {
      low[0][i] = f[i] + 0.01; // cost 0.5 (given first)
      low[1][i] = 1 - f[i]; // cost 0.1, reversed
      low[2][i] = f[i] * f[i]; // cost 0.25
      tf[i] = 2.0;
      t[0][i] = 1.0;
      t[1][i] = 0.2;
      t[2][i] = 0.5;
    }
    CalibrationResult r =
        FidelityCalibration.calibrate(
            List.of(Fidelity.rows(0.5), Fidelity.rows(0.1), Fidelity.rows(0.25)), low, f, t, tf,
            OPT);
    assertEquals(List.of("rows:0.1", "rows:0.25", "rows:0.5"),
        r.rows().stream().map(CalibrationRow::fidelity).toList());
    assertEquals(0.1, r.rows().get(0).costFraction(), 1e-12);
    assertFalse(r.rows().get(0).trusted());
    assertTrue(r.rows().get(1).chosen());
    assertTrue(r.rows().get(2).trusted());
    assertFalse(r.rows().get(2).chosen());
    assertEquals("rows:0.25", r.chosen());
    assertEquals(0.25, r.chosenCostFraction(), 1e-12);
  }

  /** ρ exactly at, just below and above the threshold. */
  @Test
  void thresholdIsInclusive() {
    // x = 1..5, y = 1,2,3,5,4 → rho = 1 - 6*2/(5*24) = 0.9
    double[] fullS = {1, 2, 3, 4, 5};
    double[] low = {1, 2, 3, 5, 4};
    CalibrationOptions o = OPT.withThreshold(0.9);
    assertTrue(calOne(low, fullS, o).trusted());
    assertFalse(calOne(low, fullS, o.withThreshold(0.9000001)).trusted());
    // the lower bound of a 5-point interval is far below 0.9
    assertFalse(calOne(low, fullS, o.withLowerBound(true)).trusted());
  }

  @Test
  void tooFewScoredConfigsAreRefused() {
    double[] fullS = {1, 2, 3, 4, 5, 6};
    double[] low = {1, 2, Double.NaN, 4, Double.NaN, 6};
    CalibrationRow row = calOne(low, fullS, OPT);
    assertEquals(4, row.nConfigs());
    assertFalse(row.trusted());
    assertTrue(row.reason().contains("only 4"), row.reason());
  }

  /**
   * low = full + Gaussian noise: with full ~ N(0, 1) and noise ~ N(0, s²) the pair is bivariate
   * normal with r = 1/√(1+s²), so ρ_pop = (6/π)·asin(r/2). A small noise (ρ_pop ≈ 0.94) is
   * trusted, a large one (ρ_pop ≈ 0.29) refused, over 20 seeds of 16 configurations.
   */
  @Test
  void noisyFidelityTrustedOnlyWhenNoiseIsSmall() {
    int trustedSmall = 0;
    int trustedLarge = 0;
    for (int s = 0; s < 20; s++) {
      SplittableRandom rng = Seeds.rng(s, "noise", 0);
      double[] fullS = new double[16];
      double[] small = new double[16];
      double[] large = new double[16];
      for (int i = 0; i < 16; i++) {
        fullS[i] = RankCorrelationTest.gauss(rng);
        small[i] = fullS[i] + 0.35 * RankCorrelationTest.gauss(rng);
        large[i] = fullS[i] + 3.2 * RankCorrelationTest.gauss(rng);
      }
      if (calOne(small, fullS, CalibrationOptions.defaults(s)).trusted()) {
        trustedSmall++;
      }
      if (calOne(large, fullS, CalibrationOptions.defaults(s)).trusted()) {
        trustedLarge++;
      }
    }
    assertTrue(trustedSmall >= 19, "small noise trusted " + trustedSmall + "/20");
    assertTrue(trustedLarge <= 3, "large noise trusted " + trustedLarge + "/20");
  }

  @Test
  void resultSerialisesWithNaN() throws Exception {
    CalibrationResult r =
        FidelityCalibration.calibrate(
            List.of(Fidelity.rows(0.1)), new double[][] {{1, 1, 1, 1, 1}}, new double[] {1, 2, 3, 4, 5},
            null, null, OPT);
    String json = Json.write(r);
    assertTrue(json.contains("\"NaN\""), json);
    CalibrationResult back = Json.mapper().readValue(json, CalibrationResult.class);
    assertEquals(r.chosen(), back.chosen());
    assertEquals(r.rows().size(), back.rows().size());
  }

  private static CalibrationRow calOne(double[] low, double[] full, CalibrationOptions o) {
    return FidelityCalibration.calibrate(
            List.of(Fidelity.rows(0.2)), new double[][] {low}, full, null, null, o)
        .rows()
        .get(0);
  }
}
