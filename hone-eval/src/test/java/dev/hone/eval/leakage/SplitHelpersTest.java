package dev.hone.eval.leakage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitHelpersTest {
  @Test
  void groupSplitKeepsGroupsWholeAndIsSeeded() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int trial = 0; trial < 60; trial++) {
      int n = 50 + rng.nextInt(2000);
      int groups = 5 + rng.nextInt(300);
      String[] g = new String[n];
      for (int i = 0; i < n; i++) {
        // skewed group sizes and some missing groups
        g[i] = rng.nextInt(30) == 0 ? null : "g" + (int) Math.floor(groups * Math.pow(rng.nextDouble(), 2));
      }
      Table t = new Table(List.<Column>of(CategoricalColumn.of("g", g)));
      double[] f = {0.6, 0.2, 0.2};
      int[][] parts = GroupSplit.split(t, "g", f, trial);
      int[] seen = new int[n];
      Map<String, Integer> partOf = new HashMap<>();
      int largest = 0;
      Map<String, Integer> size = new HashMap<>();
      for (String s : g) {
        if (s != null) {
          largest = Math.max(largest, size.merge(s, 1, Integer::sum));
        }
      }
      for (int k = 0; k < parts.length; k++) {
        for (int i = 1; i < parts[k].length; i++) {
          assertTrue(parts[k][i - 1] < parts[k][i], "ascending");
        }
        for (int r : parts[k]) {
          seen[r]++;
          if (g[r] != null) {
            Integer prev = partOf.putIfAbsent(g[r], k);
            assertTrue(prev == null || prev == k, "group " + g[r] + " split across parts");
          }
        }
        // greedy fill: each part within one largest group of its target
        assertEquals(f[k] * n, parts[k].length, largest + 1.0, "trial " + trial + " part " + k);
      }
      for (int c : seen) {
        assertEquals(1, c, "every row in exactly one part");
      }
      assertArrayEquals(parts[0], GroupSplit.split(t, "g", f, trial)[0], "same seed, same split");
    }
  }

  @Test
  void timeSplitOrdersByTimeAndKeepsTiesTogether() {
    SplittableRandom rng = new SplittableRandom(8);
    for (int trial = 0; trial < 60; trial++) {
      int n = 10 + rng.nextInt(500);
      double[] time = new double[n];
      for (int i = 0; i < n; i++) {
        time[i] = rng.nextInt(1 + rng.nextInt(n)); // many ties
      }
      Table t = new Table(List.<Column>of(new NumericColumn("t", time)));
      int[][] parts = TimeSplit.split(t, "t", new double[] {0.7, 0.3});
      assertEquals(n, parts[0].length + parts[1].length);
      double newestTrain = Double.NEGATIVE_INFINITY;
      for (int r : parts[0]) {
        newestTrain = Math.max(newestTrain, time[r]);
      }
      for (int r : parts[1]) {
        assertTrue(time[r] > newestTrain, "holdout strictly newer than every training row");
      }
      assertTrue(parts[0].length >= Math.ceil(0.7 * n - 1e-9), "ties only move the cut forward");
    }
  }

  @Test
  void isoTimesParse() {
    assertEquals(0.0, TimeValues.parse("1970-01-01"));
    assertEquals(86_400.0 + 3600 + 60 + 1.5, TimeValues.parse("1970-01-02T01:01:01.5"));
    assertEquals(86_400.0 + 3600, TimeValues.parse("1970-01-02 01:00"));
    assertEquals(0.0, TimeValues.parse("1970-01-01T01:00+01:00"));
    assertEquals(3600.0, TimeValues.parse("1970-01-01T01:00:00Z"));
    assertTrue(Double.isNaN(TimeValues.parse("01/02/1970")));
    Table bad = new Table(List.<Column>of(
        CategoricalColumn.of("when", new String[] {"2020-01-01", "2020/01/02"})));
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> TimeSplit.split(bad, "when", new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("2020/01/02"),
        e.getMessage());
  }

  @Test
  void badArgumentsAreUserErrors() {
    Table t = new Table(List.<Column>of(new NumericColumn("t", new double[] {1, Double.NaN})));
    assertThrows(InvalidParameterException.class,
        () -> GroupSplit.split(t, "t", new double[] {0.5, 0.6}, 1));
    assertThrows(InvalidParameterException.class,
        () -> TimeSplit.split(t, "t", new double[] {1.0}));
    assertThrows(dev.hone.core.error.UserInputException.class,
        () -> GroupSplit.split(t, "nope", new double[] {0.5, 0.5}, 1));
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> TimeSplit.split(t, "t", new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
