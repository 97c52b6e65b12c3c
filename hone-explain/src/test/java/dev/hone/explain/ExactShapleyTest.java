package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactShapleyTest {

  /** Background rows that share some values with {@code x} (equal values and both-missing). */
  static double[][] background(double[] x, int nb, double missing, SplittableRandom rng) {
    double[][] bg = TestFunctions.data(nb, x.length, missing, rng);
    for (double[] b : bg) {
      for (int j = 0; j < x.length; j++) {
        if (rng.nextDouble() < 0.25) {
          b[j] = x[j];
        }
      }
    }
    return bg;
  }

  /** Oracle: the permutation definition, evaluated without batching (TestFunctions). */
  @Test
  void matchesThePermutationDefinition() {
    for (int c = 0; c < 150; c++) {
      SplittableRandom rng = Seeds.rng(11, "perm-def", c);
      int m = 2 + rng.nextInt(5);
      PredictFunction f = TestFunctions.nonlinear(m, rng);
      double[] x = TestFunctions.data(1, m, 0.2, rng)[0];
      double[][] bg = background(x, 1 + rng.nextInt(4), 0.2, rng);
      double[] w = new double[bg.length];
      for (int b = 0; b < w.length; b++) {
        w[b] = 0.1 + rng.nextDouble();
      }
      Explanation e =
          new ExactShapley(f, TestFunctions.names(m), new Background(bg, w), null)
              .explain(new double[][] {x}, null)
              .get(0);
      double[] oracle = TestFunctions.byPermutations(f, x, bg, w, 0);
      for (int j = 0; j < m; j++) {
        assertEquals(oracle[j], e.values()[0][j], 1e-12, "case " + c + " feature " + j);
      }
    }
  }

  /** Efficiency on 1000 generated cases, with missing values and one-hot encoded columns. */
  @Test
  void efficiencyHoldsOnEveryRow() {
    int cases = 0;
    for (int c = 0; c < 250; c++) {
      SplittableRandom rng = Seeds.rng(12, "efficiency", c);
      int numeric = 1 + rng.nextInt(6);
      int levels = 2 + rng.nextInt(3);
      int m = numeric + levels;
      PredictFunction f = TestFunctions.nonlinear(m, rng);
      double[][] x = TestFunctions.data(4, m, 0.15, rng);
      double[][] bgRows = TestFunctions.data(1 + rng.nextInt(5), m, 0.15, rng);
      oneHot(x, numeric, levels, rng);
      oneHot(bgRows, numeric, levels, rng);
      Map<String, String> groups = new HashMap<>();
      for (int j = numeric; j < m; j++) {
        groups.put("x" + j, "cat");
      }
      for (Map<String, String> g : new Map[] {null, groups}) {
        Explanation e =
            new ExactShapley(f, TestFunctions.names(m), Background.of(bgRows), g)
                .explain(x, null)
                .get(0);
        for (int r = 0; r < e.nRows(); r++) {
          double fx = f.apply(new double[][] {x[r]})[0][0];
          assertEquals(fx, e.predictions()[r], 0.0);
          assertTrue(
              Math.abs(e.efficiencyGap(r)) <= 1e-9 * Math.max(1, Math.abs(fx)),
              "case " + c + " row " + r + " gap " + e.efficiencyGap(r));
          cases++;
        }
      }
    }
    assertTrue(cases >= 1000, "cases: " + cases);
  }

  /** Writes a one-hot block (or all-missing for a missing category) into columns from {@code start}. */
  static void oneHot(double[][] x, int start, int levels, SplittableRandom rng) {
    for (double[] r : x) {
      int level = rng.nextInt(levels + 1); // == levels: missing
      for (int l = 0; l < levels; l++) {
        r[start + l] = level == levels ? Double.NaN : (l == level ? 1 : 0);
      }
    }
  }

  /** Oracle: for f = w·x + c with a weighted background, φ_i = w_i (x_i − mean_b b_i) exactly. */
  @Test
  void linearModelGivesWeightTimesDeviation() {
    SplittableRandom rng = Seeds.rng(13, "linear", 0);
    int m = 9;
    double[] wts = new double[m];
    for (int j = 0; j < m; j++) {
      wts[j] = rng.nextDouble() * 4 - 2;
    }
    PredictFunction f =
        PredictFunction.ofRows(
            m,
            OutputSpace.VALUE,
            x -> {
              double s = 1.5;
              for (int j = 0; j < m; j++) {
                s += wts[j] * x[j];
              }
              return s;
            });
    double[][] bg = TestFunctions.data(7, m, 0, rng);
    double[] bw = {1, 2, 0.5, 3, 1, 1, 0.25};
    double[][] x = TestFunctions.data(5, m, 0, rng);
    Explanation e =
        new ExactShapley(f, TestFunctions.names(m), new Background(bg, bw), null)
            .explain(x, null)
            .get(0);
    double tw = 8.75;
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < m; j++) {
        double mean = 0;
        for (int b = 0; b < bg.length; b++) {
          mean += bw[b] * bg[b][j] / tw;
        }
        assertEquals(wts[j] * (x[r][j] - mean), e.values()[r][j], 1e-12);
      }
    }
    assertNull(e.standardErrors());
    assertEquals(ExactShapley.METHOD, e.method());
  }

  /** A multi-output function gets one explanation per output, each efficient. */
  @Test
  void multiOutputGivesOneExplanationPerOutput() {
    SplittableRandom rng = Seeds.rng(14, "multi", 0);
    int m = 4;
    PredictFunction a = TestFunctions.nonlinear(m, rng);
    PredictFunction b = TestFunctions.nonlinear(m, rng);
    PredictFunction f =
        PredictFunction.of(
            m, 2, OutputSpace.MARGIN, List.of("class0", "class1"),
            x -> {
              double[][] ya = a.apply(x);
              double[][] yb = b.apply(x);
              double[][] y = new double[x.length][];
              for (int i = 0; i < x.length; i++) {
                y[i] = new double[] {ya[i][0], yb[i][0]};
              }
              return y;
            });
    double[][] x = TestFunctions.data(3, m, 0.1, rng);
    double[][] bg = TestFunctions.data(4, m, 0.1, rng);
    List<Explanation> es = new ExactShapley(f, TestFunctions.names(m), Background.of(bg), null).explain(x, new int[] {2, 0});
    assertEquals(2, es.size());
    Explanation ea = new ExactShapley(a, TestFunctions.names(m), Background.of(bg), null).explain(x, new int[] {2, 0}).get(0);
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < m; j++) {
        assertEquals(ea.values()[r][j], es.get(0).values()[r][j], 1e-12);
      }
      assertTrue(Math.abs(es.get(1).efficiencyGap(r)) < 1e-9);
    }
    assertEquals("class1", es.get(1).outputName());
    assertEquals(1, es.get(1).output());
    assertEquals(2, es.get(1).rows()[0]);
    // JSON round trip keeps the numbers, NaN included
    Explanation back = Json.read(Json.write(es.get(1)), Explanation.class);
    assertEquals(es.get(1).values()[1][3], back.values()[1][3], 0.0);
    assertEquals(OutputSpace.MARGIN, back.outputSpace());
  }

  @Test
  void tooManyPlayersIsRefused() {
    int m = ExactShapley.MAX_PLAYERS + 1;
    PredictFunction f = PredictFunction.ofRows(m, OutputSpace.VALUE, x -> 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> new ExactShapley(f, TestFunctions.names(m), Background.of(new double[1][m]), null));
  }
}
