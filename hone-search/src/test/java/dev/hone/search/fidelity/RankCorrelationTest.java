package dev.hone.search.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Spearman and Kendall τ-b against scipy.stats 1.10 (make_reference.py → rank_reference.json),
 * ties included; the Fisher z interval against the same formula evaluated with scipy; bootstrap
 * intervals against analytic population values of a bivariate normal.
 */
class RankCorrelationTest {
  private static JsonNode reference() throws Exception {
    try (InputStream in = RankCorrelationTest.class.getResourceAsStream("rank_reference.json")) {
      return Json.mapper().readTree(in);
    }
  }

  private static double[] arr(JsonNode a) {
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  @Test
  void matchesScipyWithAndWithoutTies() throws Exception {
    JsonNode ref = reference();
    int checked = 0;
    for (JsonNode c : ref.get("cases")) {
      double[] x = arr(c.get("x"));
      double[] y = arr(c.get("y"));
      String name = c.get("name").asText();
      if (c.get("spearman").isNull()) {
        assertTrue(Double.isNaN(RankCorrelation.spearman(x, y)), name);
        assertTrue(Double.isNaN(RankCorrelation.kendallTauB(x, y)), name);
      } else {
        assertEquals(c.get("spearman").asDouble(), RankCorrelation.spearman(x, y), 1e-12, name);
        assertEquals(c.get("kendall").asDouble(), RankCorrelation.kendallTauB(x, y), 1e-12, name);
      }
      checked++;
    }
    assertEquals(11, checked);
  }

  @Test
  void fisherIntervalMatchesScipyFormula() throws Exception {
    for (JsonNode c : reference().get("fisher")) {
      double[] iv =
          RankCorrelation.fisherInterval(
              c.get("rho").asDouble(), c.get("n").asInt(), c.get("confidence").asDouble());
      assertEquals(c.get("low").asDouble(), iv[0], 1e-9);
      assertEquals(c.get("high").asDouble(), iv[1], 1e-9);
    }
  }

  @Test
  void averageRanksShareTies() {
    double[] r = RankCorrelation.ranks(new double[] {3, 1, 3, 2, 3});
    assertEquals(4.0, r[0]);
    assertEquals(1.0, r[1]);
    assertEquals(4.0, r[2]);
    assertEquals(2.0, r[3]);
    assertEquals(4.0, r[4]);
  }

  @Test
  void rejectsNanAndLengthMismatch() {
    assertThrows(
        InvalidParameterException.class,
        () -> RankCorrelation.spearman(new double[] {1, Double.NaN}, new double[] {1, 2}));
    assertThrows(
        InvalidParameterException.class,
        () -> RankCorrelation.kendallTauB(new double[] {1, 2}, new double[] {1, 2, 3}));
  }

  /** Bivariate normal with Pearson r: Spearman (6/π)·asin(r/2), Kendall (2/π)·asin(r). */
  @Test
  void largeSampleEstimatesMatchPopulationValues() {
    double r = 0.7;
    int n = 1500;
    double[][] xy = bivariateNormal(n, r, Seeds.rng(11, "test", 0));
    RankCorrelation.Estimate e = RankCorrelation.bootstrap(xy[0], xy[1], 100, 0.95, 3);
    double rhoPop = 6 / Math.PI * Math.asin(r / 2);
    double tauPop = 2 / Math.PI * Math.asin(r);
    // standard errors at n = 1500 are about 0.014 (rho) and 0.012 (tau): 4 sigma
    assertEquals(rhoPop, e.spearman(), 0.056);
    assertEquals(tauPop, e.kendall(), 0.048);
    assertTrue(e.spearmanLow() < e.spearman() && e.spearman() < e.spearmanHigh());
    assertTrue(e.kendallLow() < e.kendall() && e.kendall() < e.kendallHigh());
  }

  /**
   * Coverage of the 90% percentile-bootstrap interval for ρ over 200 seeded samples of n = 30 from
   * a bivariate normal: binomial(200, 0.9) lies in [160, 194] with probability > 0.999; the
   * percentile bootstrap of a correlation undercovers slightly at n = 30, so the lower bound is
   * relaxed to 150.
   */
  @Test
  void bootstrapIntervalCoversPopulationValue() {
    double r = 0.6;
    double rhoPop = 6 / Math.PI * Math.asin(r / 2);
    double tauPop = 2 / Math.PI * Math.asin(r);
    int coveredRho = 0;
    int coveredTau = 0;
    for (int s = 0; s < 200; s++) {
      double[][] xy = bivariateNormal(30, r, Seeds.rng(5, "coverage", s));
      RankCorrelation.Estimate e = RankCorrelation.bootstrap(xy[0], xy[1], 400, 0.90, s);
      if (e.spearmanLow() <= rhoPop && rhoPop <= e.spearmanHigh()) {
        coveredRho++;
      }
      if (e.kendallLow() <= tauPop && tauPop <= e.kendallHigh()) {
        coveredTau++;
      }
    }
    assertTrue(coveredRho >= 150 && coveredRho <= 194, "rho covered " + coveredRho + "/200");
    assertTrue(coveredTau >= 150 && coveredTau <= 194, "tau covered " + coveredTau + "/200");
  }

  @Test
  void bootstrapIsSeeded() {
    double[][] xy = bivariateNormal(20, 0.5, Seeds.rng(1, "t", 0));
    assertEquals(
        RankCorrelation.bootstrap(xy[0], xy[1], 500, 0.95, 9),
        RankCorrelation.bootstrap(xy[0], xy[1], 500, 0.95, 9));
    RankCorrelation.Estimate other = RankCorrelation.bootstrap(xy[0], xy[1], 500, 0.95, 10);
    assertTrue(
        other.spearmanLow() != RankCorrelation.bootstrap(xy[0], xy[1], 500, 0.95, 9).spearmanLow()
            || other.kendallLow()
                != RankCorrelation.bootstrap(xy[0], xy[1], 500, 0.95, 9).kendallLow());
  }

  static double[][] bivariateNormal(int n, double r, SplittableRandom rng) {
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double a = gauss(rng);
      double b = gauss(rng);
      x[i] = a;
      y[i] = r * a + Math.sqrt(1 - r * r) * b;
    }
    return new double[][] {x, y};
  }

  static double gauss(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
