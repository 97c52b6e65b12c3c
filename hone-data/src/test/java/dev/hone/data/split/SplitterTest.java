package dev.hone.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property tests of {@link Splitter}. The exact share of split {@code k} for a class of
 * {@code n_c} rows is {@code n_c * f_k} (hand calculation); the tests check the allocation against
 * it.
 */
class SplitterTest {
  private static final double[][] FRACTIONS = {
    {0.7, 0.15, 0.15}, {0.6, 0.2, 0.2}, {0.8, 0.1, 0.1}, {0.5, 0.25, 0.25}, {0.9, 0.05, 0.05},
    {0.34, 0.33, 0.33}, {0.8, 0.2, 0.0}, {0.75, 0.0, 0.25}, {1.0, 0.0, 0.0}
  };

  /** A random labelling: a few classes with very uneven sizes, including 1- and 2-row classes. */
  private static int[] randomCodes(SplittableRandom rng, int n) {
    int classes = 1 + rng.nextInt(8);
    double[] w = new double[classes];
    for (int c = 0; c < classes; c++) {
      w[c] = Math.pow(rng.nextDouble(), 3) + 1e-3;
    }
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble() * java.util.Arrays.stream(w).sum();
      int c = 0;
      while (c < classes - 1 && u > w[c]) {
        u -= w[c];
        c++;
      }
      codes[i] = c;
    }
    return codes;
  }

  @Test
  void partitionAndPerClassProportionsOverRandomInputs() {
    for (int trial = 0; trial < 400; trial++) {
      SplittableRandom rng = Seeds.rng(7L, "splitter-test", trial);
      int n = 1 + rng.nextInt(trial < 300 ? 200 : 5000);
      double[] f = FRACTIONS[rng.nextInt(FRACTIONS.length)];
      int[] codes = rng.nextInt(5) == 0 ? null : randomCodes(rng, n);
      long seed = rng.nextLong();
      SplitIndices s = Splitter.stratifiedHoldout(codes, n, f[0], f[1], f[2], seed);
      String ctx = "trial " + trial + " n=" + n + " f=" + java.util.Arrays.toString(f);
      int[][] parts = {s.train(), s.validation(), s.test()};

      // partition: disjoint, sorted, union = all rows
      boolean[] seen = new boolean[n];
      for (int[] part : parts) {
        for (int i = 0; i < part.length; i++) {
          if (i > 0) {
            assertTrue(part[i - 1] < part[i], ctx + ": not strictly ascending");
          }
          assertTrue(!seen[part[i]], ctx + ": row " + part[i] + " twice");
          seen[part[i]] = true;
        }
      }
      assertEquals(n, s.size(), ctx);
      for (int k = 0; k < 3; k++) {
        if (f[k] == 0) {
          assertEquals(0, parts[k].length, ctx + ": split " + k + " has a zero fraction");
        }
      }

      int classes = codes == null ? 1 : java.util.Arrays.stream(codes).max().getAsInt() + 1;
      int positive = (int) java.util.Arrays.stream(f).filter(x -> x > 0).count();
      for (int c = 0; c < classes; c++) {
        int[] counts = new int[3];
        int nc = 0;
        for (int k = 0; k < 3; k++) {
          for (int row : parts[k]) {
            if (codes == null || codes[row] == c) {
              counts[k]++;
            }
          }
          nc += counts[k];
        }
        if (nc == 0) {
          continue;
        }
        boolean allSharesAtLeastOne = true;
        for (int k = 0; k < 3; k++) {
          if (f[k] > 0 && nc * f[k] < 1) {
            allSharesAtLeastOne = false;
          }
        }
        for (int k = 0; k < 3; k++) {
          double exact = nc * f[k];
          if (allSharesAtLeastOne) {
            assertTrue(Math.abs(counts[k] - exact) < 1 + 1e-9,
                ctx + " class " + c + " (n_c=" + nc + ") split " + k + ": " + counts[k]
                    + " vs exact " + exact);
          }
          if (f[k] > 0 && nc >= positive) {
            assertTrue(counts[k] >= 1,
                ctx + " class " + c + " (n_c=" + nc + ") is absent from split " + k);
          }
        }
      }
    }
  }

  @Test
  void splitTotalsStayCloseToTheirExactShare() {
    // Without presence adjustments the coordinated rounding keeps every split total within one
    // row of n * f_k; each stratum that needed the presence rule may move up to two more rows.
    int unadjustedTrials = 0;
    for (int trial = 0; trial < 300; trial++) {
      SplittableRandom rng = Seeds.rng(11L, "splitter-totals", trial);
      int n = 50 + rng.nextInt(3000);
      double[] f = FRACTIONS[rng.nextInt(6)];
      int[] codes = randomCodes(rng, n);
      SplitIndices s = Splitter.stratifiedHoldout(codes, n, f[0], f[1], f[2], trial);
      int[] sizes = new int[java.util.Arrays.stream(codes).max().getAsInt() + 1];
      for (int c : codes) {
        sizes[c]++;
      }
      int adjusted = 0;
      for (int nc : sizes) {
        for (double fk : f) {
          if (nc >= 3 && nc * fk < 1) {
            adjusted++;
            break;
          }
        }
      }
      if (adjusted == 0) {
        unadjustedTrials++;
      }
      int[] totals = {s.train().length, s.validation().length, s.test().length};
      for (int k = 0; k < 3; k++) {
        double dev = Math.abs(totals[k] - n * f[k]);
        String ctx = "trial " + trial + " split " + k + ": " + totals[k] + " vs " + n * f[k];
        if (adjusted == 0) {
          assertTrue(dev < 1 + 1e-9, ctx);
        } else {
          assertTrue(dev <= 1 + 2 * adjusted + 1e-9, ctx);
        }
      }
    }
    assertTrue(unadjustedTrials > 100, "too few trials exercise the strict bound");
  }

  @Test
  void noStrataGivesExactSizes() {
    for (int n = 1; n <= 300; n++) {
      SplitIndices s = Splitter.stratifiedHoldout(null, n, 0.7, 0.15, 0.15, n);
      if (n * 0.15 < 1) {
        if (n >= 3) { // presence rule: one row in each split
          assertTrue(s.validation().length >= 1 && s.test().length >= 1, "n=" + n);
        }
        continue;
      }
      assertTrue(Math.abs(s.train().length - 0.7 * n) < 1, "n=" + n);
      assertTrue(Math.abs(s.validation().length - 0.15 * n) < 1, "n=" + n);
      assertTrue(Math.abs(s.test().length - 0.15 * n) < 1, "n=" + n);
    }
    // hand calculation: 10 rows at 0.7/0.15/0.15 -> floors 7/1/1, one leftover to the split
    // lagging most (validation: 1.5 - 1 = 0.5 ties test, first wins) -> 7/2/1
    SplitIndices ten = Splitter.stratifiedHoldout(null, 10, 0.7, 0.15, 0.15, 1);
    assertEquals(7, ten.train().length);
    assertEquals(2, ten.validation().length);
    assertEquals(1, ten.test().length);
  }

  @Test
  void deterministicUnderASeedAndSeedSensitive() {
    for (int trial = 0; trial < 50; trial++) {
      SplittableRandom rng = Seeds.rng(3L, "splitter-seeds", trial);
      int n = 30 + rng.nextInt(500);
      int[] codes = randomCodes(rng, n);
      long seed = rng.nextLong();
      SplitIndices a = Splitter.stratifiedHoldout(codes, n, 0.6, 0.2, 0.2, seed);
      SplitIndices b = Splitter.stratifiedHoldout(codes.clone(), n, 0.6, 0.2, 0.2, seed);
      assertEquals(a, b, "same seed, same split");
      SplitIndices c = Splitter.stratifiedHoldout(codes, n, 0.6, 0.2, 0.2, seed + 1);
      assertNotEquals(a, c, "another seed, another split (n=" + n + ")");
    }
  }

  @Test
  void smallClassesDoNotCrash() {
    int[] codes = {0, 1, 1, 2, 2, 2, 3, 3, 3, 3};
    SplitIndices s = Splitter.stratifiedHoldout(codes, codes.length, 0.8, 0.1, 0.1, 42);
    assertEquals(10, s.size());
    // classes 2 and 3 (>= 3 rows) appear in every split
    for (int cls : new int[] {2, 3}) {
      for (int[] part : new int[][] {s.train(), s.validation(), s.test()}) {
        boolean found = false;
        for (int r : part) {
          found |= codes[r] == cls;
        }
        assertTrue(found, "class " + cls + " missing from a split");
      }
    }
    SplitIndices one = Splitter.stratifiedHoldout(new int[] {0}, 1, 0.7, 0.15, 0.15, 1);
    assertArrayEquals(new int[] {0}, one.train());
  }

  @Test
  void twoWayVariant() {
    int[] codes = new int[100];
    for (int i = 0; i < 100; i++) {
      codes[i] = i % 4 == 0 ? 1 : 0;
    }
    SplitIndices s = Splitter.stratifiedTrainValidation(codes, 100, 0.2, 9);
    assertEquals(0, s.test().length);
    assertEquals(80, s.train().length);
    assertEquals(20, s.validation().length);
    int positives = 0;
    for (int r : s.validation()) {
      positives += codes[r];
    }
    assertEquals(5, positives, "25 positives * 0.2");
  }

  @Test
  void quantileBins() {
    for (int trial = 0; trial < 50; trial++) {
      SplittableRandom rng = Seeds.rng(5L, "bins", trial);
      int n = 1 + rng.nextInt(400);
      int bins = 1 + rng.nextInt(12);
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = rng.nextInt(4) == 0 ? 3.0 : rng.nextGaussian(); // many ties
      }
      int[] b = Splitter.quantileBins(y, bins);
      int[] sizes = new int[bins];
      for (int i = 0; i < n; i++) {
        sizes[b[i]]++;
        for (int j = 0; j < n; j++) {
          if (y[i] < y[j] && b[i] > b[j]) {
            fail("bins not monotone in the value");
          }
        }
      }
      int min = java.util.Arrays.stream(sizes).min().getAsInt();
      int max = java.util.Arrays.stream(sizes).max().getAsInt();
      assertTrue(max - min <= 1, "bin sizes " + java.util.Arrays.toString(sizes));
    }
    assertThrows(IllegalArgumentException.class,
        () -> Splitter.quantileBins(new double[] {1, Double.NaN}, 2));
  }

  @Test
  void parameterErrors() {
    assertThrows(InvalidParameterException.class,
        () -> Splitter.stratifiedHoldout(null, 10, 0.7, 0.2, 0.2, 1));
    assertThrows(InvalidParameterException.class,
        () -> Splitter.stratifiedHoldout(null, 10, 0.0, 0.5, 0.5, 1));
    assertThrows(InvalidParameterException.class,
        () -> Splitter.stratifiedHoldout(null, 10, 1.2, -0.1, -0.1, 1));
    assertThrows(InvalidParameterException.class,
        () -> Splitter.stratifiedHoldout(null, 0, 0.7, 0.15, 0.15, 1));
    assertThrows(InvalidParameterException.class,
        () -> Splitter.stratifiedHoldout(null, 10, Double.NaN, 0.5, 0.5, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Splitter.stratifiedHoldout(new int[] {0, -1}, 2, 0.5, 0.5, 0, 1));
    assertThrows(IllegalArgumentException.class,
        () -> Splitter.stratifiedHoldout(new int[] {0}, 2, 0.5, 0.5, 0, 1));
  }
}
