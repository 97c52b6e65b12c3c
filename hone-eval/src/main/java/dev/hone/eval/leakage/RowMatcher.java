package dev.hone.eval.leakage;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.random.Seeds;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds, for a holdout row, a training row equal to it (exact) or within tolerance (near), in
 * expected linear time over both tables.
 *
 * <p><b>Exact.</b> Numbers compare by value ({@code -0.0 = 0.0}, {@code NaN = NaN}), text by the
 * level string, missing equals missing. A column numeric in one table and categorical in the other
 * compares as text ({@link Column#format}). Rows are hashed over all compared columns; equal hashes
 * are verified cell by cell.
 *
 * <p><b>Near.</b> Text is normalised (Unicode NFKC, trimmed, case-folded with {@link
 * Locale#ROOT}, runs of white space collapsed to one blank) and must then be equal. A numeric
 * column {@code j} with training standard deviation {@code s_j > 0} matches when {@code |x − y| <=
 * tol·s_j}; a column with {@code s_j = 0} (constant, or fewer than two values), missing values and
 * infinities must match exactly. Search: the training rows are sorted by a hash of everything that
 * must match exactly, then by the cell {@code floor(x / (2·tol·s_j))} of every other numeric column
 * (most distinct cells first). A value within {@code tol·s_j} of {@code y} lies in {@code y}'s cell
 * or the neighbouring cell on the side of {@code y}'s half of its cell, so a query descends the
 * sorted rows one column at a time into at most two cells per column, and only into cells that some
 * training row occupies; candidates at the bottom are verified exactly. Pairs at a distance of
 * exactly the tolerance may be missed by floating-point rounding of the cell arithmetic.
 */
final class RowMatcher {
  private static final long MISSING = 0x7ff8_dead_beef_0001L;

  private final int nTrain;
  private final int columns;
  private final boolean[] numeric; // compared as numbers (numeric in both tables)
  private final long[][] exactTrain;
  private final long[][] exactHold;
  private final long[] hashTrain;
  private final long[] hashHold;
  private final int[] byHash; // train rows sorted by exact hash

  // near
  private final double tolerance;
  private final double[] width; // tol·s_j for numeric columns; 0 = exact
  private final long[][] normTrain; // text columns: normalised text id
  private final long[][] normHold;
  private final double[][] numTrain;
  private final double[][] numHold;
  private final int[] cellColumns; // numeric columns searched by cell, most distinct first
  private final long[] blockTrain;
  private final long[] blockHold;
  private final long[][] cellTrain; // [level][row]
  private final int[] byCells; // train rows sorted by (block, cells...)
  private final String[] names;

  RowMatcher(Table train, Table holdout, List<String> compared, double tol) {
    this.nTrain = train.rowCount();
    int nHold = holdout.rowCount();
    this.columns = compared.size();
    this.tolerance = tol;
    this.names = compared.toArray(String[]::new);
    numeric = new boolean[columns];
    exactTrain = new long[columns][];
    exactHold = new long[columns][];
    normTrain = new long[columns][];
    normHold = new long[columns][];
    numTrain = new double[columns][];
    numHold = new double[columns][];
    width = new double[columns];
    for (int j = 0; j < columns; j++) {
      Column a = train.column(compared.get(j));
      Column b = holdout.column(compared.get(j));
      if (a instanceof NumericColumn na && b instanceof NumericColumn nb) {
        numeric[j] = true;
        numTrain[j] = na.values();
        numHold[j] = nb.values();
        exactTrain[j] = numberKeys(numTrain[j]);
        exactHold[j] = numberKeys(numHold[j]);
        double s = std(numTrain[j]);
        width[j] = s > 0 && Double.isFinite(s) ? tol * s : 0.0;
      } else {
        Map<String, Long> ids = new HashMap<>();
        Map<String, Long> normIds = new HashMap<>();
        exactTrain[j] = new long[nTrain];
        exactHold[j] = new long[nHold];
        normTrain[j] = new long[nTrain];
        normHold[j] = new long[nHold];
        textKeys(a, ids, normIds, exactTrain[j], normTrain[j]);
        textKeys(b, ids, normIds, exactHold[j], normHold[j]);
      }
    }
    hashTrain = rowHashes(exactTrain, nTrain);
    hashHold = rowHashes(exactHold, nHold);
    byHash = IndexSort.sort(nTrain, (x, y) -> Long.compare(hashTrain[x], hashTrain[y]));

    // near-duplicate index
    blockTrain = blockHashes(normTrain, numTrain, nTrain);
    blockHold = blockHashes(normHold, numHold, nHold);
    int cells = 0;
    for (int j = 0; j < columns; j++) {
      if (numeric[j] && width[j] > 0) {
        cells++;
      }
    }
    int[] cellCols = new int[cells];
    long[] distinct = new long[columns];
    int c = 0;
    for (int j = 0; j < columns; j++) {
      if (numeric[j] && width[j] > 0) {
        cellCols[c++] = j;
        double w = width[j];
        distinct[j] = java.util.Arrays.stream(numTrain[j])
            .filter(Double::isFinite)
            .mapToLong(v -> cell(v, w))
            .distinct()
            .count();
      }
    }
    Integer[] boxed = new Integer[cells];
    for (int i = 0; i < cells; i++) {
      boxed[i] = cellCols[i];
    }
    java.util.Arrays.sort(boxed, (x, y) -> Long.compare(distinct[y], distinct[x]));
    cellColumns = new int[cells];
    for (int i = 0; i < cells; i++) {
      cellColumns[i] = boxed[i];
    }
    cellTrain = new long[cells][nTrain];
    for (int l = 0; l < cells; l++) {
      int j = cellColumns[l];
      for (int r = 0; r < nTrain; r++) {
        double v = numTrain[j][r];
        cellTrain[l][r] = Double.isFinite(v) ? cell(v, width[j]) : 0L;
      }
    }
    byCells = IndexSort.sort(nTrain, (x, y) -> {
      int o = Long.compare(blockTrain[x], blockTrain[y]);
      for (int l = 0; o == 0 && l < cellTrain.length; l++) {
        o = Long.compare(cellTrain[l][x], cellTrain[l][y]);
      }
      return o;
    });
  }

  // ------------------------------------------------------------------ keys

  private static long[] numberKeys(double[] v) {
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      out[i] = Double.isNaN(x) ? MISSING : Double.doubleToLongBits(x == 0.0 ? 0.0 : x);
    }
    return out;
  }

  private static void textKeys(
      Column col, Map<String, Long> ids, Map<String, Long> normIds, long[] exact, long[] norm) {
    if (col instanceof CategoricalColumn cat) {
      int levels = cat.levels().size();
      long[] levelId = new long[levels];
      long[] levelNorm = new long[levels];
      for (int l = 0; l < levels; l++) {
        String s = cat.levels().get(l);
        levelId[l] = ids.computeIfAbsent(s, k -> (long) ids.size());
        levelNorm[l] = normIds.computeIfAbsent(normalise(s), k -> (long) normIds.size());
      }
      for (int r = 0; r < cat.size(); r++) {
        int code = cat.code(r);
        exact[r] = code < 0 ? MISSING : levelId[code];
        norm[r] = code < 0 ? MISSING : levelNorm[code];
      }
    } else {
      for (int r = 0; r < col.size(); r++) {
        String s = col.format(r);
        exact[r] = s == null ? MISSING : ids.computeIfAbsent(s, k -> (long) ids.size());
        norm[r] = s == null ? MISSING : normIds.computeIfAbsent(normalise(s), k -> (long) normIds.size());
      }
    }
  }

  /** NFKC, trim, case-fold, collapse white space. */
  static String normalise(String s) {
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC).strip();
    return t.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
  }

  private static double std(double[] v) {
    double sum = 0;
    long n = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        sum += x;
        n++;
      }
    }
    if (n < 2) {
      return 0;
    }
    double mean = sum / n;
    double ss = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        double d = x - mean;
        ss += d * d;
      }
    }
    return Math.sqrt(ss / n);
  }

  private static long[] rowHashes(long[][] keys, int n) {
    long[] h = new long[n];
    for (int r = 0; r < n; r++) {
      long x = 0x9e3779b97f4a7c15L;
      for (long[] col : keys) {
        x = Seeds.mix(x ^ col[r]) + 0x632be59bd9b4e019L;
      }
      h[r] = x;
    }
    return h;
  }

  /** Hash of what must match exactly in the near comparison. */
  private long[] blockHashes(long[][] norm, double[][] num, int n) {
    long[] h = new long[n];
    for (int r = 0; r < n; r++) {
      long x = 0x2545f4914f6cdd1dL;
      for (int j = 0; j < columns; j++) {
        long v;
        if (!numeric[j]) {
          v = norm[j][r];
        } else {
          double y = num[j][r];
          v = width[j] > 0 && Double.isFinite(y)
              ? 0x5851f42d4c957f2dL
              : (Double.isNaN(y) ? MISSING : Double.doubleToLongBits(y == 0.0 ? 0.0 : y));
        }
        x = Seeds.mix(x ^ v) + 0x632be59bd9b4e019L;
      }
      h[r] = x;
    }
    return h;
  }

  private static long cell(double v, double w) {
    return (long) Math.floor(v / (2 * w));
  }

  // ------------------------------------------------------------------ exact

  /** A training row equal to holdout row {@code h}, or -1. */
  int exactMatch(int h) {
    long key = hashHold[h];
    for (int i = lowerBound(key); i < nTrain && hashTrain[byHash[i]] == key; i++) {
      if (exactEqual(byHash[i], exactHold, h)) {
        return byHash[i];
      }
    }
    return -1;
  }

  /** Fraction of training rows that equal another training row. */
  double exactSelfShare() {
    if (nTrain == 0) {
      return 0;
    }
    long dup = 0;
    int i = 0;
    while (i < nTrain) {
      int j = i;
      while (j < nTrain && hashTrain[byHash[j]] == hashTrain[byHash[i]]) {
        j++;
      }
      for (int a = i; a < j && j - i > 1; a++) {
        int ra = byHash[a];
        int other = a == i ? byHash[i + 1] : byHash[i];
        boolean found = exactEqual(other, exactTrain, ra);
        for (int b = i; !found && b < j; b++) {
          found = b != a && exactEqual(byHash[b], exactTrain, ra);
        }
        if (found) {
          dup++;
        }
      }
      i = j;
    }
    return (double) dup / nTrain;
  }

  private boolean exactEqual(int trainRow, long[][] other, int row) {
    for (int j = 0; j < columns; j++) {
      if (exactTrain[j][trainRow] != other[j][row]) {
        return false;
      }
    }
    return true;
  }

  private int lowerBound(long key) {
    int lo = 0;
    int hi = nTrain;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (hashTrain[byHash[mid]] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  // ------------------------------------------------------------------ near

  /** Whether near matching is on (tolerance > 0). */
  boolean nearEnabled() {
    return tolerance > 0;
  }

  /** A training row within tolerance of holdout row {@code h}, or -1. */
  int nearMatch(int h) {
    return near(blockHold[h], normHold, numHold, h, -1);
  }

  /** Fraction of training rows within tolerance of another training row. */
  double nearSelfShare() {
    if (nTrain == 0) {
      return 0;
    }
    long dup = 0;
    for (int r = 0; r < nTrain; r++) {
      if (near(blockTrain[r], normTrain, numTrain, r, r) >= 0) {
        dup++;
      }
    }
    return (double) dup / nTrain;
  }

  private int near(long block, long[][] norm, double[][] num, int row, int exclude) {
    int lo = 0;
    int hi = nTrain;
    // range of the block
    int a = lo;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (blockTrain[byCells[mid]] < block) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int start = a;
    b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (blockTrain[byCells[mid]] <= block) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    if (start == a) {
      return -1;
    }
    return descend(0, start, a, norm, num, row, exclude);
  }

  private int descend(
      int level, int lo, int hi, long[][] norm, double[][] num, int row, int exclude) {
    if (level == cellColumns.length) {
      for (int i = lo; i < hi; i++) {
        int t = byCells[i];
        if (t != exclude && nearEqual(t, norm, num, row)) {
          return t;
        }
      }
      return -1;
    }
    int j = cellColumns[level];
    double y = num[j][row];
    if (!Double.isFinite(y)) {
      return descendInto(level, lo, hi, 0L, norm, num, row, exclude);
    }
    double q = y / (2 * width[j]);
    long c = (long) Math.floor(q);
    boolean upper = q - Math.floor(q) >= 0.5;
    int found = descendInto(level, lo, hi, c, norm, num, row, exclude);
    if (found >= 0) {
      return found;
    }
    long other = upper ? c + 1 : c - 1;
    if ((upper && c == Long.MAX_VALUE) || (!upper && c == Long.MIN_VALUE)) {
      return -1;
    }
    return descendInto(level, lo, hi, other, norm, num, row, exclude);
  }

  private int descendInto(
      int level, int lo, int hi, long cellValue, long[][] norm, double[][] num, int row,
      int exclude) {
    long[] cells = cellTrain[level];
    int a = lo;
    int b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (cells[byCells[mid]] < cellValue) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    int start = a;
    b = hi;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (cells[byCells[mid]] <= cellValue) {
        a = mid + 1;
      } else {
        b = mid;
      }
    }
    if (start == a) {
      return -1;
    }
    return descend(level + 1, start, a, norm, num, row, exclude);
  }

  private boolean nearEqual(int t, long[][] norm, double[][] num, int row) {
    for (int j = 0; j < columns; j++) {
      if (!numeric[j]) {
        if (normTrain[j][t] != norm[j][row]) {
          return false;
        }
        continue;
      }
      double x = numTrain[j][t];
      double y = num[j][row];
      if (Double.isNaN(x) || Double.isNaN(y)) {
        if (Double.isNaN(x) != Double.isNaN(y)) {
          return false;
        }
      } else if (width[j] == 0 || Double.isInfinite(x) || Double.isInfinite(y)) {
        if (x != y) {
          return false;
        }
      } else if (Math.abs(x - y) > width[j]) {
        return false;
      }
    }
    return true;
  }

  /** The numeric column where holdout row {@code h} differs most from train row {@code t}. */
  String largestGap(int t, int h) {
    double worst = 0;
    String where = null;
    for (int j = 0; j < columns; j++) {
      if (numeric[j] && width[j] > 0) {
        double x = numTrain[j][t];
        double y = numHold[j][h];
        if (Double.isFinite(x) && Double.isFinite(y)) {
          double gap = Math.abs(x - y) / (width[j] / tolerance);
          if (gap > worst) {
            worst = gap;
            where = names[j];
          }
        }
      }
    }
    if (where == null) {
      return "numbers equal; text equal after normalisation";
    }
    return String.format(Locale.ROOT, "largest gap %.2g std in '%s'", worst, where);
  }
}
