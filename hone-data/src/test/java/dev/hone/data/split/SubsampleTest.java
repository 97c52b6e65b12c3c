package dev.hone.data.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SubsampleTest {
  /**
   * Over 200 seeded labellings (2–4 classes, skewed), each class's count in the subsample is
   * within one row of {@code fraction × class size} (exact apportionment), indices are distinct,
   * sorted and in range, and the same seed gives the same rows.
   */
  @Test
  void stratifiedRowsKeepClassProportionsAndAreReproducible() {
    for (int s = 0; s < 200; s++) {
      SplittableRandom rng = Seeds.rng(s, "labels", 0);
      int n = 50 + rng.nextInt(2000);
      int k = 2 + rng.nextInt(3);
      int[] codes = new int[n];
      for (int i = 0; i < n; i++) {
        double u = rng.nextDouble();
        codes[i] = u < 0.7 ? 0 : 1 + rng.nextInt(k - 1); // majority class 0
      }
      double f = new double[] {0.05, 0.1, 0.25, 0.5, 0.9}[s % 5];
      int[] sub = Subsample.stratifiedRows(codes, n, f, s);
      assertArrayEquals(sub, Subsample.stratifiedRows(codes, n, f, s));
      int[] perClass = new int[k];
      int[] total = new int[k];
      for (int c : codes) {
        total[c]++;
      }
      for (int i = 0; i < sub.length; i++) {
        assertTrue(sub[i] >= 0 && sub[i] < n);
        if (i > 0) {
          assertTrue(sub[i] > sub[i - 1], "sorted and distinct");
        }
        perClass[codes[sub[i]]]++;
      }
      for (int c = 0; c < k; c++) {
        if (total[c] >= 2) {
          assertTrue(perClass[c] >= 1);
        }
        assertEquals(f * total[c], perClass[c], 1.0 + 1e-9, "seed " + s + " class " + c);
      }
      assertEquals(f * n, sub.length, k + 1e-9);
    }
  }

  @Test
  void differentSeedsGiveDifferentSubsamples() {
    int[] codes = new int[1000];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = i % 3 == 0 ? 1 : 0;
    }
    assertFalse(
        Arrays.equals(
            Subsample.stratifiedRows(codes, 1000, 0.2, 1),
            Subsample.stratifiedRows(codes, 1000, 0.2, 2)));
  }

  @Test
  void regressionSampleHasExactSizeAndFullFractionKeepsAll() {
    int[] sub = Subsample.stratifiedRows(null, 1001, 0.3, 4);
    assertEquals(300, sub.length, 1);
    assertEquals(1001, Subsample.stratifiedRows(null, 1001, 1.0, 4).length);
  }

  @Test
  void columnsAreReproducibleSortedAndSized() {
    for (int s = 0; s < 50; s++) {
      int n = 1 + s * 3;
      double f = 0.1 + 0.018 * s;
      int[] c = Subsample.columns(n, f, s);
      assertArrayEquals(c, Subsample.columns(n, f, s));
      assertEquals(Math.max(1, Math.round(f * n)), c.length);
      for (int i = 1; i < c.length; i++) {
        assertTrue(c[i] > c[i - 1]);
      }
      assertTrue(c[c.length - 1] < n);
    }
    assertFalse(Arrays.equals(Subsample.columns(100, 0.5, 1), Subsample.columns(100, 0.5, 2)));
  }

  @Test
  void rejectsFractionsOutOfRange() {
    assertThrows(InvalidParameterException.class, () -> Subsample.stratifiedRows(null, 10, 0, 1));
    assertThrows(InvalidParameterException.class, () -> Subsample.columns(10, 1.5, 1));
  }
}
