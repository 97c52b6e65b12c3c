package dev.hone.eval.slices;

import static dev.hone.eval.slices.SliceReference.assertRel;
import static dev.hone.eval.slices.SliceReference.doubles;
import static dev.hone.eval.slices.SliceReference.ints;
import static dev.hone.eval.slices.SliceReference.num;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.eval.Metrics;
import org.junit.jupiter.api.Test;

/**
 * The slice tests against scipy, statsmodels and a direct O(m·n) DeLong implementation (see
 * make_reference.py). Tolerance: relative 1e-9 for p-values (the special functions here and in
 * scipy are both accurate to about 1e-14; p-values pass through a few operations more).
 */
class TwoSampleTestsTest {
  private static final double REL = 1e-9;

  @Test
  void twoProportionZMatchesStatsmodels() {
    for (JsonNode c : SliceReference.cases("ztest")) {
      double p = TwoSampleTests.twoProportionZ(
          c.get("x1").asLong(), c.get("n1").asLong(), c.get("x2").asLong(), c.get("n2").asLong());
      assertRel(num(c.get("p")), p, REL, "z-test " + c);
    }
  }

  @Test
  void welchMatchesScipy() {
    for (JsonNode c : SliceReference.cases("welch")) {
      double p = TwoSampleTests.welch(doubles(c.get("a")), doubles(c.get("b")));
      assertRel(num(c.get("p")), p, REL, "welch n=" + c.get("a").size() + "/" + c.get("b").size());
    }
  }

  @Test
  void delongMatchesDirectImplementation() {
    for (JsonNode c : SliceReference.cases("delong")) {
      int[] y1 = ints(c.get("y1"));
      double[] s1 = doubles(c.get("s1"));
      double[] av = TwoSampleTests.aucAndVariance(y1, s1);
      assertRel(num(c.get("auc1")), av[0], 1e-12, "auc");
      assertRel(num(c.get("auc1")), Metrics.rocAuc(y1, s1), 1e-12, "auc vs Metrics");
      assertRel(num(c.get("var1")), av[1], 1e-10, "DeLong variance");
      double p = TwoSampleTests.delong(y1, s1, ints(c.get("y2")), doubles(c.get("s2")));
      assertRel(num(c.get("p")), p, REL, "DeLong p");
    }
  }

  @Test
  void distributionsMatchScipy() {
    for (JsonNode c : SliceReference.cases("erfc")) {
      double x = c.get("x").asDouble();
      assertRel(num(c.get("value")), TwoSampleTests.erfc(x), 1e-12, "erfc(" + x + ")");
    }
    for (JsonNode c : SliceReference.cases("t_two_sided")) {
      double t = c.get("t").asDouble();
      double df = c.get("df").asDouble();
      assertRel(num(c.get("p")), TwoSampleTests.studentTwoSided(t, df), REL, "t=" + t + " df=" + df);
    }
  }

  @Test
  void untestableSamplesGiveNaNAndDegenerateOnesAreExact() {
    assertTrue(Double.isNaN(TwoSampleTests.welch(new double[] {1}, new double[] {1, 2})));
    assertEquals(1.0, TwoSampleTests.welch(new double[] {2, 2}, new double[] {2, 2, 2}));
    assertEquals(0.0, TwoSampleTests.welch(new double[] {2, 2}, new double[] {3, 3}));
    assertEquals(1.0, TwoSampleTests.twoProportionZ(0, 10, 0, 30), "pooled 0: identical");
    assertTrue(Double.isNaN(TwoSampleTests.twoProportionZ(0, 0, 3, 30)));
    // one positive on a side: no DeLong variance
    assertTrue(Double.isNaN(TwoSampleTests.delong(
        new int[] {1, 0, 0}, new double[] {0.9, 0.1, 0.2},
        new int[] {1, 1, 0, 0}, new double[] {0.9, 0.8, 0.1, 0.2})));
  }
}
