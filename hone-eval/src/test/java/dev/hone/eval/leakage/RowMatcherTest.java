package dev.hone.eval.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Exact and near-duplicate matching against pairwise comparison of every train/holdout pair (the
 * O(n²) oracle), on seeded tables with ties, missing values, infinities, constant columns and text
 * that differs only in case and blanks.
 */
class RowMatcherTest {
  private static final double TOL = 1e-3;

  @Test
  void matchesPairwiseComparison() {
    SplittableRandom rng = new SplittableRandom(99);
    for (int trial = 0; trial < 150; trial++) {
      int nt = 1 + rng.nextInt(120);
      int nh = 1 + rng.nextInt(80);
      int cols = 1 + rng.nextInt(4);
      Table[] pair = randomPair(rng, nt, nh, cols);
      Table train = pair[0];
      Table hold = pair[1];
      RowMatcher m = new RowMatcher(train, hold, train.columnNames(), TOL);
      double[] width = widths(train);
      for (int h = 0; h < nh; h++) {
        boolean exact = false;
        boolean near = false;
        for (int t = 0; t < nt; t++) {
          exact |= equal(train, t, hold, h, null);
          near |= equal(train, t, hold, h, width);
        }
        int gotExact = m.exactMatch(h);
        assertEquals(exact, gotExact >= 0, "trial " + trial + " holdout row " + h + " exact");
        if (gotExact >= 0) {
          assertTrue(equal(train, gotExact, hold, h, null));
        }
        int gotNear = m.nearMatch(h);
        assertEquals(near, gotNear >= 0, "trial " + trial + " holdout row " + h + " near");
        if (gotNear >= 0) {
          assertTrue(equal(train, gotNear, hold, h, width));
        }
      }
      long selfExact = 0;
      long selfNear = 0;
      for (int a = 0; a < nt; a++) {
        boolean e = false;
        boolean n = false;
        for (int b = 0; b < nt; b++) {
          if (a != b) {
            e |= equal(train, a, train, b, null);
            n |= equal(train, a, train, b, width);
          }
        }
        selfExact += e ? 1 : 0;
        selfNear += n ? 1 : 0;
      }
      assertEquals((double) selfExact / nt, m.exactSelfShare(), 1e-15, "trial " + trial);
      assertEquals((double) selfNear / nt, m.nearSelfShare(), 1e-15, "trial " + trial);
    }
  }

  @Test
  void normalisesText() {
    assertEquals("new york", RowMatcher.normalise("  New\tYORK "));
    assertEquals("abc 1", RowMatcher.normalise("ＡＢＣ　１"), "NFKC folds full-width forms");
  }

  // ------------------------------------------------------------------ oracle

  /** Tolerance per column: tol·std for numeric columns with std > 0, else 0; null entries text. */
  private static double[] widths(Table train) {
    double[] w = new double[train.columnCount()];
    for (int j = 0; j < w.length; j++) {
      if (train.columns().get(j) instanceof NumericColumn n) {
        double s = 0;
        int k = 0;
        for (double x : n.values()) {
          if (Double.isFinite(x)) {
            s += x;
            k++;
          }
        }
        double mean = s / k;
        double ss = 0;
        for (double x : n.values()) {
          if (Double.isFinite(x)) {
            ss += (x - mean) * (x - mean);
          }
        }
        double std = k < 2 ? 0 : Math.sqrt(ss / k);
        w[j] = std > 0 ? TOL * std : 0;
      }
    }
    return w;
  }

  /** Pairwise comparison: exact when {@code width == null}, else within the tolerance. */
  private static boolean equal(Table a, int ra, Table b, int rb, double[] width) {
    for (int j = 0; j < a.columnCount(); j++) {
      Column ca = a.columns().get(j);
      Column cb = b.column(ca.name());
      if (ca instanceof NumericColumn na) {
        double x = na.get(ra);
        double y = ((NumericColumn) cb).get(rb);
        if (Double.isNaN(x) || Double.isNaN(y)) {
          if (Double.isNaN(x) != Double.isNaN(y)) {
            return false;
          }
        } else if (width == null || width[j] == 0 || Double.isInfinite(x) || Double.isInfinite(y)) {
          if (x != y) {
            return false;
          }
        } else if (Math.abs(x - y) > width[j]) {
          return false;
        }
      } else {
        String x = ca.format(ra);
        String y = cb.format(rb);
        if (x == null || y == null) {
          if (x != y) {
            return false;
          }
        } else if (width == null ? !x.equals(y)
            : !x.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ")
                .equals(y.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " "))) {
          return false;
        }
      }
    }
    return true;
  }

  private static Table[] randomPair(SplittableRandom rng, int nt, int nh, int cols) {
    List<Column> a = new ArrayList<>();
    List<Column> b = new ArrayList<>();
    String[] words = {"red", "Red", " red ", "RED", "blue", "light  blue", "light blue", null};
    for (int j = 0; j < cols; j++) {
      int kind = rng.nextInt(4);
      if (kind == 0) {
        a.add(CategoricalColumn.of("c" + j, words(rng, nt, words)));
        b.add(CategoricalColumn.of("c" + j, words(rng, nh, words)));
      } else {
        double[] x = numbers(rng, nt, kind);
        double[] y = new double[nh];
        for (int i = 0; i < nh; i++) {
          // half the holdout values are training values moved by up to 2·tol·std
          y[i] = rng.nextBoolean() && nt > 0
              ? x[rng.nextInt(nt)] + (rng.nextDouble() - 0.5) * 4 * TOL * (kind == 1 ? 1 : 3)
              : numbers(rng, 1, kind)[0];
        }
        a.add(new NumericColumn("c" + j, x));
        b.add(new NumericColumn("c" + j, y));
      }
    }
    return new Table[] {new Table(a), new Table(b)};
  }

  private static String[] words(SplittableRandom rng, int n, String[] words) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = words[rng.nextInt(words.length)];
    }
    return out;
  }

  private static double[] numbers(SplittableRandom rng, int n, int kind) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      double r = rng.nextDouble();
      out[i] = switch (kind) {
        case 1 -> rng.nextGaussian();
        case 2 -> r < 0.1 ? Double.NaN : r < 0.15 ? Double.POSITIVE_INFINITY
            : Math.round(rng.nextGaussian() * 3); // std ~3, integer ties
        default -> r < 0.3 ? Double.NaN : 7.0; // constant: exact matching
      };
    }
    return out;
  }
}
