package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.random.Seeds;
import dev.hone.explain.HStatistic.InteractionStrength;
import dev.hone.explain.PartialDependence.PartialDependenceCurve;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PartialDependenceTest {

  /**
   * Analytic oracle: for an additive model f = g0(x0) + g1(x1) + g23(x2, x3), the partial
   * dependence of x0 is g0 plus the mean of the other terms, and every ICE curve is g0 shifted.
   */
  @Test
  void additiveModelGivesTheComponentFunction() {
    SplittableRandom rng = Seeds.rng(61, "additive", 0);
    double[][] x = TestFunctions.data(150, 4, 0, rng);
    PredictFunction f =
        PredictFunction.ofRows(4, OutputSpace.VALUE, r -> g0(r[0]) + Math.exp(r[1]) + r[2] * r[3]);
    double[] grid = PartialDependence.quantileGrid(Matrices.column(x, 0), 25, 0.05, 0.95);
    assertEquals(25, grid.length);
    PartialDependenceCurve c =
        PartialDependence.compute(f, x, TestFunctions.names(4), "x0", grid, true).get(0);
    double rest = 0;
    for (double[] r : x) {
      rest += (Math.exp(r[1]) + r[2] * r[3]) / x.length;
    }
    for (int g = 0; g < grid.length; g++) {
      assertEquals(g0(grid[g]) + rest, c.average()[g], 1e-12);
      for (int i = 0; i < x.length; i++) {
        assertEquals(
            g0(grid[g]) - g0(grid[0]), c.ice()[i][g] - c.ice()[i][0], 1e-12, "ICE curves are parallel");
      }
    }
    assertEquals(150, c.nRows());
    assertEquals(OutputSpace.VALUE, c.outputSpace());
  }

  static double g0(double v) {
    return Math.sin(3 * v) + v * v;
  }

  /** Oracle: scikit-learn's partial_dependence (brute, kind="both") on its own grid. */
  @Test
  void matchesScikitLearnBrute() {
    JsonNode ref = Reference.get("partial_dependence");
    double[][] x = Reference.matrix(ref.get("X"));
    PredictFunction f =
        PredictFunction.ofRows(
            3, OutputSpace.VALUE, r -> Math.sin(r[0]) * r[1] + 0.5 * r[2] * r[2] - r[0] * r[2]);
    for (JsonNode c : ref.get("cases")) {
      int feature = c.get("feature").asInt();
      double[] grid = Reference.vector(c.get("grid"));
      PartialDependenceCurve curve =
          PartialDependence.compute(f, x, TestFunctions.names(3), "x" + feature, grid, true).get(0);
      assertArrayEquals(Reference.vector(c.get("average")), curve.average(), 1e-12);
      double[][] ind = Reference.matrix(c.get("individual"));
      for (int i = 0; i < x.length; i++) {
        assertArrayEquals(ind[i], curve.ice()[i], 1e-12);
      }
    }
  }

  /** Quantile grid: numpy's linear quantiles; distinct values when few; missing values ignored. */
  @Test
  void quantileGrid() {
    double[] col = new double[103];
    for (int i = 0; i < 101; i++) {
      col[i] = 101 - i; // 1..101 in reverse
    }
    col[101] = Double.NaN;
    col[102] = Double.NaN;
    double[] g = PartialDependence.quantileGrid(col, 5, 0.05, 0.95);
    assertArrayEquals(new double[] {6, 28.5, 51, 73.5, 96}, g, 1e-12);
    assertArrayEquals(
        new double[] {0, 1, 2}, PartialDependence.quantileGrid(new double[] {2, 0, 1, 1, Double.NaN}, 5, 0.05, 0.95), 0);
  }

  /** One-hot levels: each grid point sets one level column to 1, the others to 0. */
  @Test
  void levelsOfAnEncodedInput() {
    List<String> names = List.of("a", "c=x", "c=y", "c=z");
    PredictFunction f =
        PredictFunction.ofRows(4, OutputSpace.VALUE, r -> r[0] + 1 * r[1] + 2 * r[2] + 5 * r[3]);
    double[][] x = {{1, 1, 0, 0}, {3, 0, 0, 1}};
    PartialDependenceCurve c =
        PartialDependence.computeLevels(f, x, names, "c", List.of("c=x", "c=y", "c=z"), false).get(0);
    assertArrayEquals(new double[] {3, 4, 7}, c.average(), 1e-12);
    assertEquals(List.of("c=x", "c=y", "c=z"), c.gridLabels());
  }

  /** H² is 0 for an additive function (up to rounding). */
  @Test
  void hStatisticIsZeroForAdditiveFunctions() {
    SplittableRandom rng = Seeds.rng(62, "h0", 0);
    double[][] x = TestFunctions.data(120, 3, 0, rng);
    PredictFunction f =
        PredictFunction.ofRows(3, OutputSpace.VALUE, r -> Math.sin(3 * r[0]) + r[1] * r[1] * r[1] - 2 * r[2]);
    List<InteractionStrength> h =
        HStatistic.pairwise(f, x, TestFunctions.names(3), null, List.of("x0", "x1", "x2"), 200, 1);
    assertEquals(3, h.size());
    for (InteractionStrength s : h) {
      assertEquals(0.0, s.h2(), 1e-20);
    }
  }

  /**
   * f = x1·x2. Exact finite-sample oracle: with the rows' own empirical distribution, PD_1(a) =
   * a·m2, PD_2(b) = m1·b, PD_12(a, b) = ab, so H² = Σ[(x1 − m1)(x2 − m2) − c]² / Σ(x1x2 −
   * mean(x1x2))² with c the (population) covariance — to 1e-12. Population oracle: for
   * independent U(0, 1) inputs H² = Var(x1)Var(x2) / Var(x1x2) = (1/144) / (7/144) = 1/7; 400
   * rows give it within 0.03.
   */
  @Test
  void hStatisticOfAProduct() {
    SplittableRandom rng = Seeds.rng(63, "h-product", 0);
    int n = 400;
    double[][] x = new double[n][3];
    for (double[] r : x) {
      r[0] = rng.nextDouble();
      r[1] = rng.nextDouble();
      r[2] = rng.nextDouble();
    }
    PredictFunction f = PredictFunction.ofRows(3, OutputSpace.VALUE, r -> r[0] * r[1] + 0.3 * r[2]);
    List<InteractionStrength> h =
        HStatistic.pairwise(f, x, TestFunctions.names(3), null, List.of("x0", "x1", "x2"), n, 1);
    InteractionStrength s = h.get(0);
    assertEquals("x0", s.featureA());
    assertEquals("x1", s.featureB());
    double m1 = 0;
    double m2 = 0;
    double m12 = 0;
    for (double[] r : x) {
      m1 += r[0] / n;
      m2 += r[1] / n;
      m12 += r[0] * r[1] / n;
    }
    double cov = m12 - m1 * m2;
    double num = 0;
    double den = 0;
    for (double[] r : x) {
      double a = (r[0] - m1) * (r[1] - m2) - cov;
      double b = r[0] * r[1] - m12;
      num += a * a;
      den += b * b;
    }
    assertEquals(num / den, s.h2(), 1e-12);
    assertEquals(1.0 / 7, s.h2(), 0.03);
    assertEquals(0.0, h.get(1).h2(), 1e-20);
  }

  /** Groups: a one-hot input is one feature; sampling caps the rows. */
  @Test
  void hStatisticWithGroupsAndSampling() {
    SplittableRandom rng = Seeds.rng(64, "h-group", 0);
    double[][] x = new double[500][4];
    for (double[] r : x) {
      r[0] = rng.nextDouble();
      int l = rng.nextInt(3);
      r[1 + l] = 1;
    }
    List<String> names = List.of("a", "c=x", "c=y", "c=z");
    PredictFunction f = PredictFunction.ofRows(4, OutputSpace.VALUE, r -> r[0] * (r[1] - r[3]));
    List<InteractionStrength> h =
        HStatistic.pairwise(f, x, names, Map.of("c=x", "c", "c=y", "c", "c=z", "c"), List.of("a", "c"), 50, 2);
    assertEquals(1, h.size());
    assertEquals(50, h.get(0).nRows());
    assertTrue(h.get(0).h2() > 0.1);
  }
}
