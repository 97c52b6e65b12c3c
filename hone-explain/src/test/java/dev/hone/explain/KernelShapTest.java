package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.random.Seeds;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KernelShapTest {

  static KernelShap kernel(PredictFunction f, double[][] bg, KernelShap.Options o) {
    return new KernelShap(f, TestFunctions.names(f.nFeatures()), Background.of(bg), null, o);
  }

  /** With a budget of every coalition the estimate is the exact Shapley value, with SE 0. */
  @Test
  void fullBudgetEqualsExactEnumeration() {
    for (int c = 0; c < 40; c++) {
      SplittableRandom rng = Seeds.rng(21, "full", c);
      int m = 2 + rng.nextInt(8);
      PredictFunction f = TestFunctions.nonlinear(m, rng);
      double[][] x = TestFunctions.data(2, m, 0.2, rng);
      double[][] bg = ExactShapleyTest.background(x[0], 3, 0.2, rng);
      Explanation exact = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), null).explain(x, null).get(0);
      Explanation kern =
          kernel(f, bg, KernelShap.Options.defaults(c).withMaxCoalitions((1 << m) - 2)).explain(x, null).get(0);
      for (int r = 0; r < 2; r++) {
        for (int j = 0; j < m; j++) {
          assertEquals(exact.values()[r][j], kern.values()[r][j], 1e-10, "case " + c);
          assertEquals(0.0, kern.standardErrors()[r][j], 0.0);
        }
      }
    }
  }

  /**
   * Oracle: exact enumeration. Nonlinear functions with interactions, up to 12 features, default
   * budget; mean absolute error relative to the output scale (the standard deviation of f over the
   * data) at most 1e-3.
   */
  @Test
  void defaultBudgetIsCloseToExact() {
    double worst = 0;
    for (int c = 0; c < 6; c++) {
      SplittableRandom rng = Seeds.rng(22, "default", c);
      int m = 9 + c % 4; // 9..12
      PredictFunction f = TestFunctions.nonlinear(m, rng);
      double[][] data = TestFunctions.data(60, m, 0.05, rng);
      double[][] bg = java.util.Arrays.copyOf(data, 8);
      double[][] x = java.util.Arrays.copyOfRange(data, 50, 53);
      Explanation exact = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), null).explain(x, null).get(0);
      Explanation kern = kernel(f, bg, KernelShap.Options.defaults(c)).explain(x, null).get(0);
      double[][] y = f.apply(data);
      double mean = 0;
      for (double[] v : y) {
        mean += v[0] / y.length;
      }
      double var = 0;
      for (double[] v : y) {
        var += (v[0] - mean) * (v[0] - mean) / y.length;
      }
      double scale = Math.sqrt(var);
      double mae = 0;
      for (int r = 0; r < x.length; r++) {
        for (int j = 0; j < m; j++) {
          mae += Math.abs(exact.values()[r][j] - kern.values()[r][j]);
        }
        assertTrue(Math.abs(kern.efficiencyGap(r)) <= 1e-9 * Math.max(1, Math.abs(kern.predictions()[r])));
      }
      mae /= x.length * m;
      worst = Math.max(worst, mae / scale);
    }
    assertTrue(worst <= 1e-3, "relative MAE " + worst);
  }

  /**
   * Oracle: for a linear model and any background, φ_i = w_i (x_i − mean x_i); KernelSHAP's
   * regression is exact for additive games, whatever coalitions were sampled. 12 features, all
   * non-zero, default budget (sampling is active: 2072 of 4094 coalitions).
   */
  @Test
  void linearModelIsExactWithSampling() {
    SplittableRandom rng = Seeds.rng(23, "linear", 0);
    int m = 12;
    double[] w = new double[m];
    for (int j = 0; j < m; j++) {
      w[j] = (rng.nextDouble() + 0.2) * (rng.nextBoolean() ? 1 : -1);
    }
    PredictFunction f =
        PredictFunction.ofRows(
            m, OutputSpace.VALUE,
            x -> {
              double s = -0.7;
              for (int j = 0; j < m; j++) {
                s += w[j] * x[j];
              }
              return s;
            });
    double[][] bg = TestFunctions.data(20, m, 0, rng);
    double[][] x = TestFunctions.data(4, m, 0, rng);
    for (KernelShap.Options o :
        new KernelShap.Options[] {
          KernelShap.Options.defaults(5), KernelShap.Options.defaults(6).withMaxCoalitions(100)
        }) {
      Explanation e = kernel(f, bg, o).explain(x, null).get(0);
      for (int r = 0; r < x.length; r++) {
        for (int j = 0; j < m; j++) {
          double mean = 0;
          for (double[] b : bg) {
            mean += b[j] / bg.length;
          }
          double expected = w[j] * (x[r][j] - mean);
          assertTrue(Math.abs(expected) > 1e-3);
          assertEquals(expected, e.values()[r][j], 1e-9);
        }
      }
      assertTrue(((Number) e.parameters().get("coalitions_evaluated")).longValue() < 4 * 4094);
    }
  }

  /** Symmetry: two features entering symmetrically get equal values; dummy: an ignored one gets 0. */
  @Test
  void symmetryAndDummy() {
    int m = 10;
    PredictFunction f =
        PredictFunction.ofRows(
            m, OutputSpace.VALUE,
            x -> Math.sin(x[0] + x[1]) + x[0] * x[1] * x[2] + Math.exp(0.3 * x[3]) * x[4]
                + x[5] * x[6] - x[7] * x[7] + 0.5 * x[8]); // x9 ignored; x0 and x1 symmetric
    for (int c = 0; c < 5; c++) {
      SplittableRandom rng = Seeds.rng(24, "sym", c);
      double[][] bg = TestFunctions.data(10, m, 0, rng);
      for (double[] b : bg) {
        b[1] = b[0]; // symmetric in the background too
      }
      double[][] x = TestFunctions.data(2, m, 0, rng);
      for (double[] r : x) {
        r[1] = r[0];
      }
      Explanation e = kernel(f, bg, KernelShap.Options.defaults(c).withMaxCoalitions(300)).explain(x, null).get(0);
      Explanation full = kernel(f, bg, KernelShap.Options.defaults(c).withMaxCoalitions(1022)).explain(x, null).get(0);
      for (int r = 0; r < 2; r++) {
        double[] se = e.standardErrors()[r];
        double[] v = e.values()[r];
        // sampled: within the reported standard errors
        assertEquals(v[0], v[1], 4 * Math.hypot(se[0], se[1]) + 1e-9);
        assertEquals(0.0, v[9], 4 * se[9] + 1e-9);
        assertTrue(se[0] > 0);
        // every coalition: exactly
        assertEquals(full.values()[r][0], full.values()[r][1], 1e-10);
        assertEquals(0.0, full.values()[r][9], 1e-10);
      }
    }
  }

  /** A feature equal in x and every background row is an exact dummy: 0 with standard error 0. */
  @Test
  void exactDummiesIncludingMissingGetZero() {
    SplittableRandom rng = Seeds.rng(25, "dummy", 0);
    int m = 8;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] bg = TestFunctions.data(6, m, 0, rng);
    double[][] x = TestFunctions.data(1, m, 0, rng);
    for (double[] b : bg) {
      b[2] = Double.NaN; // missing in both: same
      b[5] = 0.25;
    }
    x[0][2] = Double.NaN;
    x[0][5] = 0.25;
    Explanation e = kernel(f, bg, KernelShap.Options.defaults(1).withMaxCoalitions(60)).explain(x, null).get(0);
    assertEquals(0.0, e.values()[0][2], 0.0);
    assertEquals(0.0, e.values()[0][5], 0.0);
    assertEquals(0.0, e.standardErrors()[0][5], 0.0);
    // a missing x against present background values is different: it gets an attribution
    x[0][3] = Double.NaN;
    Explanation e2 = kernel(f, bg, KernelShap.Options.defaults(1).withMaxCoalitions(60)).explain(x, null).get(0);
    Explanation ex = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), null).explain(x, null).get(0);
    assertTrue(Math.abs(ex.values()[0][3]) > 1e-6);
    assertEquals(ex.values()[0][3], e2.values()[0][3], 6 * e2.standardErrors()[0][3] + 1e-9);
  }

  /**
   * The reported standard errors describe the spread of the estimates over seeds: the error
   * against the exact value, divided by the SE, has a root mean square near 1 (between 0.6 and
   * 1.6 over 40 seeds × 10 features).
   */
  @Test
  void standardErrorsAreCalibrated() {
    SplittableRandom rng = Seeds.rng(26, "calib", 0);
    int m = 10;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] bg = TestFunctions.data(5, m, 0, rng);
    double[][] x = TestFunctions.data(1, m, 0, rng);
    Explanation exact = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), null).explain(x, null).get(0);
    double sum = 0;
    int n = 0;
    for (int s = 0; s < 40; s++) {
      Explanation e = kernel(f, bg, KernelShap.Options.defaults(100 + s).withMaxCoalitions(150)).explain(x, null).get(0);
      for (int j = 0; j < m; j++) {
        double z = (e.values()[0][j] - exact.values()[0][j]) / e.standardErrors()[0][j];
        sum += z * z;
        n++;
      }
    }
    double rms = Math.sqrt(sum / n);
    assertTrue(rms > 0.6 && rms < 1.6, "rms z " + rms);
  }

  /** With a tolerance, sampling stops once every standard error is at most the tolerance. */
  @Test
  void toleranceStopsSamplingEarly() {
    SplittableRandom rng = Seeds.rng(27, "tol", 0);
    int m = 14;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] bg = TestFunctions.data(4, m, 0, rng);
    double[][] x = TestFunctions.data(1, m, 0, rng);
    KernelShap loose = kernel(f, bg, KernelShap.Options.defaults(3).withTolerance(0.02, 64));
    Explanation e = loose.explain(x, null).get(0);
    double worst = 0;
    for (double v : e.standardErrors()[0]) {
      worst = Math.max(worst, v);
    }
    long used = ((Number) e.parameters().get("coalitions_evaluated")).longValue();
    assertTrue(worst <= 0.02, "max SE " + worst);
    assertTrue(used < 2048 + 2 * m, "coalitions used " + used);
    Explanation full = kernel(f, bg, KernelShap.Options.defaults(3)).explain(x, null).get(0);
    assertTrue(((Number) full.parameters().get("coalitions_evaluated")).longValue() >= 2048 + 2 * m);
  }

  /** Same seed, same result; another seed, another sample. */
  @Test
  void seededAndReproducible() {
    SplittableRandom rng = Seeds.rng(28, "seed", 0);
    int m = 12;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] bg = TestFunctions.data(4, m, 0, rng);
    double[][] x = TestFunctions.data(2, m, 0, rng);
    KernelShap.Options o = KernelShap.Options.defaults(9).withMaxCoalitions(200);
    Explanation a = kernel(f, bg, o).explain(x, null).get(0);
    Explanation b = kernel(f, bg, o).explain(x, null).get(0);
    Explanation c = kernel(f, bg, KernelShap.Options.defaults(10).withMaxCoalitions(200)).explain(x, null).get(0);
    assertTrue(java.util.Arrays.deepEquals(a.values(), b.values()));
    assertTrue(!java.util.Arrays.deepEquals(a.values(), c.values()));
    // a row's result does not depend on the other rows explained
    Explanation one = kernel(f, bg, o).explain(x, new int[] {1}).get(0);
    assertTrue(java.util.Arrays.equals(a.values()[1], one.values()[0]));
  }

  /** Grouped players: a one-hot block enters coalitions as one player; equals exact grouped values. */
  @Test
  void groupedPlayersMatchExactGrouped() {
    SplittableRandom rng = Seeds.rng(29, "group", 0);
    int numeric = 5;
    int levels = 4;
    int m = numeric + levels;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] x = TestFunctions.data(3, m, 0.1, rng);
    double[][] bg = TestFunctions.data(6, m, 0.1, rng);
    ExactShapleyTest.oneHot(x, numeric, levels, rng);
    ExactShapleyTest.oneHot(bg, numeric, levels, rng);
    Map<String, String> groups = new HashMap<>();
    for (int j = numeric; j < m; j++) {
      groups.put("x" + j, "colour");
    }
    Explanation exact = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), groups).explain(x, null).get(0);
    Explanation kern =
        new KernelShap(f, TestFunctions.names(m), Background.of(bg), groups, KernelShap.Options.defaults(2))
            .explain(x, null)
            .get(0);
    assertEquals(numeric + 1, kern.nFeatures());
    assertEquals("colour", kern.featureNames().get(numeric));
    for (int r = 0; r < 3; r++) {
      for (int j = 0; j <= numeric; j++) {
        assertEquals(exact.values()[r][j], kern.values()[r][j], 1e-10); // 2^6 - 2 coalitions: all enumerated
      }
    }
  }

  /** The L1 option keeps at most the requested number of non-zero attributions, still efficient. */
  @Test
  void l1OptionLimitsTheFeatures() {
    int m = 10;
    PredictFunction f =
        PredictFunction.ofRows(m, OutputSpace.VALUE, x -> 3 * x[0] - 2 * x[4] + x[7] * x[0] + 0.01 * x[2]);
    SplittableRandom rng = Seeds.rng(30, "l1", 0);
    double[][] bg = TestFunctions.data(8, m, 0, rng);
    double[][] x = TestFunctions.data(3, m, 0, rng);
    Explanation e = kernel(f, bg, KernelShap.Options.defaults(4).withMaxFeatures(3)).explain(x, null).get(0);
    for (int r = 0; r < 3; r++) {
      int nz = 0;
      for (double v : e.values()[r]) {
        if (v != 0) {
          nz++;
        }
      }
      assertTrue(nz <= 3 && nz >= 1, "non-zero " + nz);
      assertTrue(e.values()[r][0] != 0 && e.values()[r][4] != 0);
      assertTrue(Math.abs(e.efficiencyGap(r)) < 1e-9);
    }
  }

  /** Efficiency holds exactly on 1000 generated rows, with missing values and one-hot blocks. */
  @Test
  void efficiencyIsExactOnEveryRow() {
    int rows = 0;
    for (int c = 0; c < 250; c++) {
      SplittableRandom rng = Seeds.rng(31, "kernel-eff", c);
      int numeric = 2 + rng.nextInt(12);
      int levels = 2 + rng.nextInt(3);
      int m = numeric + levels;
      PredictFunction f = TestFunctions.nonlinear(m, rng);
      double[][] x = TestFunctions.data(4, m, 0.15, rng);
      double[][] bg = TestFunctions.data(1 + rng.nextInt(6), m, 0.15, rng);
      ExactShapleyTest.oneHot(x, numeric, levels, rng);
      ExactShapleyTest.oneHot(bg, numeric, levels, rng);
      Explanation e =
          kernel(f, bg, KernelShap.Options.defaults(c).withMaxCoalitions(20 + rng.nextInt(200)))
              .explain(x, null)
              .get(0);
      for (int r = 0; r < x.length; r++) {
        double fx = f.apply(new double[][] {x[r]})[0][0];
        assertTrue(
            Math.abs(e.efficiencyGap(r)) <= 1e-9 * Math.max(1, Math.abs(fx)),
            "case " + c + " gap " + e.efficiencyGap(r));
        rows++;
      }
    }
    assertTrue(rows >= 1000);
  }

  /**
   * An unreachable tolerance ends when the budget is spent: 29 of the 30 coalitions of 5 players,
   * sampled one per round.
   */
  @Test
  void unreachableToleranceEndsAtTheBudget() {
    SplittableRandom rng = Seeds.rng(32, "tol-end", 0);
    int m = 5;
    PredictFunction f = TestFunctions.nonlinear(m, rng);
    double[][] bg = TestFunctions.data(3, m, 0, rng);
    double[][] x = TestFunctions.data(1, m, 0, rng);
    Explanation e =
        kernel(f, bg, KernelShap.Options.defaults(1).withMaxCoalitions(29).withTolerance(1e-300, 1))
            .explain(x, null)
            .get(0);
    long used = ((Number) e.parameters().get("coalitions_evaluated")).longValue();
    assertTrue(used == 28 || used == 29, "budget spent but never exceeded: " + used);
    assertTrue(((Number) e.parameters().get("max_rounds")).intValue() > 1);
    assertTrue(Math.abs(e.efficiencyGap(0)) < 1e-9);
  }
}
