package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Quantile bins partition every column: checked by evaluating each bin's definition with the
 * predicate language (an independent path from {@link QuantileBinning#bin}) on seeded columns
 * with ties, constants, infinities and missing values.
 */
class QuantileBinningTest {
  @Test
  void handCheckedCuts() {
    // 10 values, 5 bins: candidates x[ceil(j·10/5) − 1] = x[1], x[3], x[5], x[7]
    double[] v = {5, 1, 2, 2, 3, 9, 2, 7, 8, 4};
    // sorted: 1 2 2 2 3 4 5 7 8 9 -> candidates 2, 2 (dropped, repeat), 4, 7
    QuantileBinning b = QuantileBinning.fit(v, 5);
    assertArrayEquals(new double[] {2, 4, 7}, b.cuts());
    assertEquals(4, b.binCount());
    assertEquals("x<=2", b.definition("x", 0));
    assertEquals("x>2 & x<=4", b.definition("x", 1));
    assertEquals("x>7", b.definition("x", 3));
    assertEquals("(4, 7]", b.label(2));
    assertEquals(0, b.bin(2.0));
    assertEquals(1, b.bin(2.5));
    assertEquals(3, b.bin(9.0), "the maximum is in the last bin");
    assertEquals(-1, b.bin(Double.NaN));
  }

  @Test
  void constantAndAllMissingColumns() {
    QuantileBinning constant = QuantileBinning.fit(new double[] {3, 3, Double.NaN, 3}, 5);
    assertEquals(1, constant.binCount());
    assertEquals("c!=?", constant.definition("c", 0));
    QuantileBinning none = QuantileBinning.fit(new double[] {Double.NaN, Double.NaN}, 5);
    assertEquals(0, none.binCount());
    assertEquals(-1, none.bin(1.0));
  }

  @Test
  void binsPartitionSeededColumns() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int trial = 0; trial < 300; trial++) {
      int n = 1 + rng.nextInt(200);
      int bins = 1 + rng.nextInt(12);
      double[] v = new double[n];
      int kind = trial % 6;
      for (int i = 0; i < n; i++) {
        switch (kind) {
          case 0 -> v[i] = rng.nextGaussian();
          case 1 -> v[i] = rng.nextInt(4); // heavy ties
          case 2 -> v[i] = 42; // constant
          case 3 -> v[i] = Double.NaN; // all missing
          case 4 -> v[i] = rng.nextInt(10) == 0 ? Double.NaN : Math.floor(rng.nextGaussian() * 3);
          default -> v[i] = rng.nextInt(8) == 0
              ? (rng.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
              : rng.nextDouble() * 1e-3;
        }
      }
      check(v, bins, "trial " + trial);
    }
  }

  private static void check(double[] v, int bins, String what) {
    QuantileBinning b = QuantileBinning.fit(v, bins);
    int k = b.binCount();
    assertTrue(k <= bins, what + ": at most the bins asked for");
    Table t = new Table(List.<Column>of(new NumericColumn("x", v)));
    int[] seen = new int[v.length];
    int[] perBin = new int[k];
    for (int bin = 0; bin < k; bin++) {
      boolean[] mask = SlicePredicate.parse(b.definition("x", bin)).evaluate(t);
      for (int i = 0; i < v.length; i++) {
        if (mask[i]) {
          seen[i]++;
          perBin[bin]++;
          assertEquals(bin, b.bin(v[i]), what + ": definition and bin() agree");
        }
      }
    }
    boolean[] missing = SlicePredicate.parse("x=?").evaluate(t);
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      if (missing[i]) {
        seen[i]++;
      } else {
        max = Math.max(max, v[i]);
      }
      assertEquals(1, seen[i], what + ": row " + i + " (" + v[i] + ") in exactly one slice");
    }
    for (int bin = 0; bin < k; bin++) {
      assertTrue(perBin[bin] > 0, what + ": bin " + bin + " is not empty");
    }
    if (k > 0) {
      assertEquals(k - 1, b.bin(max), what + ": the maximum is in the last bin");
    }
    Map<Double, Integer> binOfValue = new HashMap<>();
    for (double x : v) {
      if (!Double.isNaN(x)) {
        Integer prev = binOfValue.putIfAbsent(x, b.bin(x));
        assertTrue(prev == null || prev == b.bin(x), what + ": equal values never split");
      }
    }
  }
}
