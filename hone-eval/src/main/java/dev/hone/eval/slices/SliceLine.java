package dev.hone.eval.slices;

import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Predictions;
import dev.hone.eval.Metric;
import dev.hone.eval.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the slices where a model errs most: the exact top-K slices of SliceLine (Sagadeeva and
 * Boehm, "SliceLine: Fast, Linear-Algebra-based Slice Finding for ML Model Debugging", SIGMOD
 * 2021), over conjunctions of up to three predicates {@code column = value}.
 *
 * <h2>Problem</h2>
 *
 * <p>Each column is encoded as in the per-slice metrics ({@link SliceAnalysis}): one value per
 * categorical level, per quantile bin of a numeric column ({@link QuantileBinning}) and one for
 * missing. A slice {@code S} is a conjunction of predicates on distinct columns. With {@code n}
 * rows, row errors {@code e} (non-negative, e.g. {@link #errors}), mean error {@code ē}, slice size
 * {@code |S|} and slice mean error {@code ē_S}, the score is
 *
 * <pre>  sc(S) = α·(ē_S / ē − 1) − (1 − α)·(n / |S| − 1)</pre>
 *
 * <p>and the result is the {@code K} slices with the highest score among those with {@code |S| >=
 * σ} (minimum support) and {@code sc(S) > 0}, with at most {@code maxLevel} predicates. Ties are
 * broken by larger size, then fewer predicates, then the predicates in column and value order, so
 * the result is a deterministic function of the input.
 *
 * <h2>Algorithm</h2>
 *
 * <p>The lattice is enumerated level by level as in the paper: level 1 holds every column value;
 * level {@code L + 1} candidates join surviving level-{@code L} slices that differ in one
 * predicate, and a candidate is kept only if all {@code L + 1} of its parents survived. The
 * parents bound the candidate's size {@code ss}, error sum {@code se} and maximum row error {@code
 * sm} from above (each the minimum over the parents), and the paper's upper bound on the score of
 * the candidate and all its descendants,
 *
 * <pre>  max over s in {σ, se/sm, ss} (clamped to [σ, ss]) of α·(min(s·sm, se)/s / ē − 1) − (1−α)·(n/s − 1)</pre>
 *
 * <p>(the score relaxed to sizes {@code s} in {@code [σ, ss]} is monotone between those points),
 * prunes it when it is below the current K-th best score (or not positive), or when {@code ss <
 * σ}. A slice survives to seed the next level when its size is at least {@code σ}, its error sum is
 * positive and its own bound is not pruned. Pruning is exact: the bound never underestimates a
 * descendant's score, the K-th best score only grows, and a slice is pruned only when its bound is
 * strictly below it (a small relative slack of 1e-12 guards against rounding), so ties are kept.
 *
 * <p>Unlike the paper's sparse linear-algebra formulation, the candidates of a level are evaluated
 * by walking their prefix tree: the rows of each common prefix are obtained by a stable counting
 * sort on the prefix's columns, and at a full parent one pass over its rows accumulates size, error
 * sum and maximum for every extension at once. Codes are stored row-major in one {@code byte} per
 * cell (two bytes when a column has more than 256 values), so the memory beyond the table is about
 * {@code n·columns} bytes plus {@code 2·n} ints of buffers. Error sums are accumulated in row order,
 * exactly as a direct sum over the slice's rows.
 *
 * <p>Thread safety: stateless.
 */
public final class SliceLine {
  private static final Logger LOG = LoggerFactory.getLogger(SliceLine.class);

  private static final int ID_BITS = 21;
  private static final long ID_MASK = (1L << ID_BITS) - 1;
  private static final double SLACK = 1e-12;

  private SliceLine() {}

  /**
   * Per-row errors of a model for slice finding.
   *
   * @param kind the error; {@link ErrorKind#ZERO_ONE} and {@link ErrorKind#LOG_LOSS} need a
   *     classification task, {@link ErrorKind#SQUARED} and {@link ErrorKind#ABSOLUTE} regression
   * @param labels true targets, shape {@code [n]} (class indices or values)
   * @param preds predictions for the same rows
   * @return errors, shape {@code [n]}, each {@code >= 0}
   * @throws InvalidParameterException if the kind does not fit the task or lengths differ
   */
  public static double[] errors(ErrorKind kind, double[] labels, Predictions preds) {
    int n = labels.length;
    if (preds.size() != n) {
      throw new InvalidParameterException(
          "there are " + n + " labels but " + preds.size() + " predictions");
    }
    boolean classification = preds.task().isClassification();
    boolean wantsClassification = kind == ErrorKind.ZERO_ONE || kind == ErrorKind.LOG_LOSS;
    if (classification != wantsClassification) {
      throw new InvalidParameterException(
          "error kind " + kind + " does not fit a " + preds.task().name().toLowerCase(java.util.Locale.ROOT)
              + " task: use " + (classification ? "ZERO_ONE or LOG_LOSS" : "SQUARED or ABSOLUTE"));
    }
    double[] e = new double[n];
    switch (kind) {
      case ZERO_ONE:
        {
          int[] pred = preds.predictedClasses();
          for (int i = 0; i < n; i++) {
            int c = preds.task() == TaskType.BINARY
                ? (preds.probabilities()[i][1] > Metric.BINARY_THRESHOLD ? 1 : 0)
                : pred[i];
            e[i] = c == (int) labels[i] ? 0.0 : 1.0;
          }
          break;
        }
      case LOG_LOSS:
        for (int i = 0; i < n; i++) {
          e[i] = Metrics.logLoss(new int[] {(int) labels[i]}, new double[][] {preds.probabilities()[i]});
        }
        break;
      case SQUARED:
        for (int i = 0; i < n; i++) {
          double d = labels[i] - preds.values()[i];
          e[i] = d * d;
        }
        break;
      case ABSOLUTE:
        for (int i = 0; i < n; i++) {
          e[i] = Math.abs(labels[i] - preds.values()[i]);
        }
        break;
      default:
        throw new AssertionError(kind);
    }
    return e;
  }

  /**
   * Finds the top-K slices.
   *
   * @param table the rows, shape {@code [n]}; its target column, if marked, is not searched
   * @param errors the row errors, shape {@code [n]}, finite and {@code >= 0}
   * @param opts settings
   * @return the slices and the search statistics
   * @throws InvalidParameterException if lengths differ, an error is negative or not finite, a
   *     named column is unknown, or the columns have too many values in total (more than about
   *     two million)
   */
  public static SliceLineResult find(Table table, double[] errors, SliceLineOptions opts) {
    int n = table.rowCount();
    if (errors.length != n) {
      throw new InvalidParameterException(
          "the table has " + n + " rows but there are " + errors.length + " errors");
    }
    for (int i = 0; i < n; i++) {
      if (!(errors[i] >= 0) || Double.isInfinite(errors[i])) {
        throw new InvalidParameterException(
            "error at row " + i + " is " + errors[i] + " but slice finding needs finite errors >= 0");
      }
    }
    List<String> columns = opts.columns();
    if (columns.isEmpty()) {
      columns = new ArrayList<>(table.columnNames());
      columns.remove(table.target());
    }
    ColumnEncoding[] enc = new ColumnEncoding[columns.size()];
    for (int f = 0; f < enc.length; f++) {
      String name = columns.get(f);
      if (!table.hasColumn(name)) {
        throw new InvalidParameterException(
            "slice-finding column '" + name + "' is not a column; columns are "
                + table.columnNames());
      }
      enc[f] = ColumnEncoding.of(table.column(name), opts.bins());
    }
    long started = System.nanoTime();
    Search s = new Search(enc, n, errors, opts);
    List<FoundSlice> top = s.run();
    LOG.debug(
        "slice finding over {} rows x {} columns: {} slices in {} ms", n, enc.length, top.size(),
        (System.nanoTime() - started) / 1_000_000);
    return new SliceLineResult(
        top, n, s.eAvg, opts.alpha(), s.sigma, opts.maxLevel(), opts.k(), opts.bins(), columns,
        s.levels);
  }

  // ------------------------------------------------------------------ search

  /** One search; not reusable. */
  private static final class Search {
    private final ColumnEncoding[] enc;
    private final int n;
    private final int m;
    private final double[] e;
    private final double alpha;
    private final long sigma;
    private final int k;
    private final int maxLevel;
    private final double eAvg;
    private final int[] off; // first id of each feature
    private final int[] dom; // values per feature
    private final int[] featOf; // id -> feature
    private final int total;
    private final byte[] bytes; // row-major codes, or
    private final char[] chars;
    /** Per value id {@code g}: {@code acc[3g]} rows, {@code acc[3g+1]} error sum, {@code acc[3g+2]} max. */
    private final double[] acc;
    private int[][] buffers;
    final List<SliceLineResult.Level> levels = new ArrayList<>();
    private final List<Entry> top = new ArrayList<>();

    Search(ColumnEncoding[] enc, int n, double[] e, SliceLineOptions opts) {
      this.enc = enc;
      this.n = n;
      this.m = enc.length;
      this.e = e;
      this.alpha = opts.alpha();
      this.sigma = opts.effectiveMinSupport(n);
      this.k = opts.k();
      this.maxLevel = Math.min(opts.maxLevel(), Math.max(1, m));
      double s = 0;
      for (double v : e) {
        s += v;
      }
      this.eAvg = n == 0 ? 0 : s / n;
      off = new int[m];
      dom = new int[m];
      int t = 0;
      int maxDom = 0;
      for (int f = 0; f < m; f++) {
        off[f] = t;
        dom[f] = enc[f].size;
        t += dom[f];
        maxDom = Math.max(maxDom, dom[f]);
      }
      if (t >= ID_MASK || maxDom > 65536) {
        throw new InvalidParameterException(
            "the searched columns have " + t + " values in total (largest column " + maxDom
                + "); slice finding supports up to " + (ID_MASK - 1) + " in total and 65536 per"
                + " column: leave out identifier-like columns");
      }
      total = t;
      featOf = new int[t];
      for (int f = 0; f < m; f++) {
        Arrays.fill(featOf, off[f], off[f] + dom[f], f);
      }
      long cells = (long) n * m;
      if (cells > Integer.MAX_VALUE - 8) {
        throw new InvalidParameterException(
            "slice finding over " + n + " rows x " + m + " columns exceeds 2^31 cells; search"
                + " fewer columns or a sample of rows");
      }
      if (maxDom <= 256) {
        bytes = new byte[(int) cells];
        chars = null;
        for (int f = 0; f < m; f++) {
          for (int r = 0; r < n; r++) {
            bytes[r * m + f] = (byte) enc[f].code(r);
          }
        }
      } else {
        bytes = null;
        chars = new char[(int) cells];
        for (int f = 0; f < m; f++) {
          for (int r = 0; r < n; r++) {
            chars[r * m + f] = (char) enc[f].code(r);
          }
        }
      }
      acc = new double[3 * t];
    }

    private int code(int cell) {
      return bytes != null ? bytes[cell] & 0xFF : chars[cell];
    }

    // ---------------------------------------------------------------- scoring

    double score(double ss, double se) {
      return alpha * ((se / ss) / eAvg - 1) - (1 - alpha) * (n / ss - 1);
    }

    /** The paper's upper bound on the score of a slice and its descendants. */
    double upperBound(double ss, double se, double sm) {
      if (ss < sigma || !(se > 0) || !(sm > 0)) {
        return Double.NEGATIVE_INFINITY;
      }
      double mid = Math.min(Math.max(se / sm, sigma), ss);
      return Math.max(relaxed(sigma, se, sm), Math.max(relaxed(mid, se, sm), relaxed(ss, se, sm)));
    }

    /** The score relaxed to a size {@code s}: error sum at most {@code min(s·sm, se)}. */
    private double relaxed(double s, double se, double sm) {
      return alpha * ((Math.min(s * sm, se) / s) / eAvg - 1) - (1 - alpha) * (n / s - 1);
    }

    /** Whether a bound {@code ub} rules out every slice below it. */
    boolean pruned(double ub) {
      double threshold = top.size() >= k ? top.get(top.size() - 1).score : 0.0;
      return ub < threshold - SLACK * Math.max(1.0, Math.abs(threshold));
    }

    // ---------------------------------------------------------------- top-K

    private record Entry(long key, int level, long size, double errorSum, double score) {}

    private static int compare(Entry a, Entry b) {
      int c = Double.compare(b.score, a.score);
      if (c != 0) {
        return c;
      }
      c = Long.compare(b.size, a.size);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(a.level, b.level);
      if (c != 0) {
        return c;
      }
      return Long.compareUnsigned(a.key, b.key);
    }

    void offer(long key, int level, long size, double errorSum) {
      if (size < sigma || !(errorSum > 0)) {
        return;
      }
      double sc = score(size, errorSum);
      if (!(sc > 0)) {
        return;
      }
      Entry entry = new Entry(key, level, size, errorSum, sc);
      if (top.size() >= k && compare(entry, top.get(top.size() - 1)) >= 0) {
        return;
      }
      int at = top.size();
      while (at > 0 && compare(entry, top.get(at - 1)) < 0) {
        at--;
      }
      top.add(at, entry);
      if (top.size() > k) {
        top.remove(top.size() - 1);
      }
    }

    // ---------------------------------------------------------------- keys

    static long key1(int id) {
      return (id + 1L) << (2 * ID_BITS);
    }

    static int idAt(long key, int pos) {
      return (int) (((key >>> ((2 - pos) * ID_BITS)) & ID_MASK) - 1);
    }

    static long append(long key, int pos, int id) {
      return key | ((id + 1L) << ((2 - pos) * ID_BITS));
    }

    // ---------------------------------------------------------------- levels

    List<FoundSlice> run() {
      if (n == 0 || m == 0 || !(eAvg > 0)) {
        levels.add(new SliceLineResult.Level(1, total, 0, 0));
        return List.of();
      }
      // level 1: one pass over all rows and columns
      int[] allFeats = new int[m];
      for (int f = 0; f < m; f++) {
        allFeats[f] = f;
      }
      accumulate(null, 0, n, allFeats, m);
      long[] keys = new long[total];
      long[] ss = new long[total];
      double[] se = new double[total];
      double[] sm = new double[total];
      int valid = 0;
      for (int id = 0; id < total; id++) {
        keys[id] = key1(id);
        ss[id] = (long) acc[3 * id];
        se[id] = acc[3 * id + 1];
        sm[id] = acc[3 * id + 2];
        if (ss[id] >= sigma && se[id] > 0) {
          valid++;
        }
        offer(keys[id], 1, ss[id], se[id]);
      }
      reset(allFeats, m);
      levels.add(new SliceLineResult.Level(1, total, total, valid));

      int[] level1 = null; // surviving level-1 ids, ascending
      double[] s1 = null;
      double[] e1 = null;
      double[] m1 = null;
      for (int level = 2; level <= maxLevel; level++) {
        // survivors of the previous level under the current threshold
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
          if (!pruned(upperBound(ss[i], se[i], sm[i]))) {
            keys[count] = keys[i];
            ss[count] = ss[i];
            se[count] = se[i];
            sm[count] = sm[i];
            count++;
          }
        }
        if (level == 2) {
          level1 = new int[count];
          s1 = new double[count];
          e1 = new double[count];
          m1 = new double[count];
          for (int i = 0; i < count; i++) {
            level1[i] = idAt(keys[i], 0);
            s1[i] = ss[i];
            e1[i] = se[i];
            m1[i] = sm[i];
          }
        } else {
          // level-1 survivors may have been pruned further by a higher threshold
          int c1 = 0;
          for (int i = 0; i < level1.length; i++) {
            if (!pruned(upperBound(s1[i], e1[i], m1[i]))) {
              level1[c1] = level1[i];
              s1[c1] = s1[i];
              e1[c1] = e1[i];
              m1[c1] = m1[i];
              c1++;
            }
          }
          level1 = Arrays.copyOf(level1, c1);
          s1 = Arrays.copyOf(s1, c1);
          e1 = Arrays.copyOf(e1, c1);
          m1 = Arrays.copyOf(m1, c1);
        }
        if (count == 0 || level1.length == 0) {
          break;
        }
        LongIndex parents = new LongIndex(count);
        for (int i = 0; i < count; i++) {
          parents.put(keys[i], i);
        }
        // candidates: parent + one level-1 survivor on a later column, all parents present
        LongList cand = new LongList();
        long generated = 0;
        for (int p = 0; p < count; p++) {
          long pk = keys[p];
          int lastFeature = featOf[idAt(pk, level - 2)];
          int from = firstAfterFeature(level1, lastFeature);
          for (int q = from; q < level1.length; q++) {
            int id = level1[q];
            long cssMin = Math.min(ss[p], (long) s1[q]);
            double cse = Math.min(se[p], e1[q]);
            double csm = Math.min(sm[p], m1[q]);
            boolean allParents = true;
            for (int drop = 0; drop < level - 1 && allParents; drop++) {
              if (level == 2) {
                break; // the parents are p and q themselves
              }
              long other = 0;
              int pos = 0;
              for (int j = 0; j < level - 1; j++) {
                if (j != drop) {
                  other = append(other, pos++, idAt(pk, j));
                }
              }
              other = append(other, pos, id);
              int idx = parents.get(other);
              if (idx < 0) {
                allParents = false;
              } else {
                cssMin = Math.min(cssMin, ss[idx]);
                cse = Math.min(cse, se[idx]);
                csm = Math.min(csm, sm[idx]);
              }
            }
            if (!allParents) {
              continue;
            }
            generated++;
            if (cssMin < sigma || pruned(upperBound(cssMin, cse, csm))) {
              continue;
            }
            cand.add(append(pk, level - 1, id));
          }
        }
        long[] ck = cand.toArray();
        int c = ck.length;
        long[] css = new long[c];
        double[] cse = new double[c];
        double[] csm = new double[c];
        if (c > 0) {
          evaluate(ck, level, css, cse, csm);
        }
        int validHere = 0;
        for (int i = 0; i < c; i++) {
          if (css[i] >= sigma && cse[i] > 0) {
            validHere++;
          }
          offer(ck[i], level, css[i], cse[i]);
        }
        levels.add(new SliceLineResult.Level(level, generated, c, validHere));
        keys = ck;
        ss = css;
        se = cse;
        sm = csm;
        if (c == 0) {
          break;
        }
      }
      List<FoundSlice> out = new ArrayList<>(top.size());
      for (Entry t : top) {
        out.add(describe(t));
      }
      return out;
    }

    private int firstAfterFeature(int[] ids, int feature) {
      int lo = 0;
      int hi = ids.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (featOf[ids[mid]] <= feature) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private FoundSlice describe(Entry t) {
      List<String> preds = new ArrayList<>();
      for (int pos = 0; pos < t.level; pos++) {
        int id = idAt(t.key, pos);
        int f = featOf[id];
        preds.add(enc[f].definitions[id - off[f]]);
      }
      return new FoundSlice(
          String.join(" & ", preds), preds, t.size, t.errorSum, t.errorSum / t.size, t.score);
    }

    // ---------------------------------------------------------------- evaluation

    /** Sizes, error sums and maxima of sorted candidate keys of one level. */
    private void evaluate(long[] keys, int level, long[] ss, double[] se, double[] sm) {
      if (buffers == null || buffers.length < level - 1) {
        buffers = new int[level - 1][];
      }
      for (int d = 0; d < level - 1; d++) {
        if (buffers[d] == null) {
          buffers[d] = new int[n];
        }
      }
      visit(0, null, 0, n, keys, 0, keys.length, level, ss, se, sm);
    }

    /**
     * Candidates {@code keys[lo, hi)} share their first {@code depth} predicates, whose rows are
     * {@code rows[from, from + len)} (all rows when {@code rows == null}).
     */
    private void visit(
        int depth, int[] rows, int from, int len, long[] keys, int lo, int hi, int level,
        long[] ss, double[] se, double[] sm) {
      if (depth == level - 1) {
        leaf(rows, from, len, keys, lo, hi, level, ss, se, sm);
        return;
      }
      int[] buf = buffers[depth];
      int i = lo;
      while (i < hi) {
        int f = featOf[idAt(keys[i], depth)];
        int j = i;
        while (j < hi && featOf[idAt(keys[j], depth)] == f) {
          j++;
        }
        // stable counting sort of the rows by the code of column f
        int d = dom[f];
        int[] start = new int[d + 1];
        for (int t = 0; t < len; t++) {
          int r = rows == null ? t : rows[from + t];
          start[code(r * m + f) + 1]++;
        }
        for (int c = 0; c < d; c++) {
          start[c + 1] += start[c];
        }
        int[] cursor = Arrays.copyOf(start, d);
        for (int t = 0; t < len; t++) {
          int r = rows == null ? t : rows[from + t];
          buf[cursor[code(r * m + f)]++] = r;
        }
        int a = i;
        while (a < j) {
          int id = idAt(keys[a], depth);
          int b = a;
          while (b < j && idAt(keys[b], depth) == id) {
            b++;
          }
          int c = id - off[f];
          int size = start[c + 1] - start[c];
          if (size > 0) {
            visit(depth + 1, buf, start[c], size, keys, a, b, level, ss, se, sm);
          }
          a = b;
        }
        i = j;
      }
    }

    private void leaf(
        int[] rows, int from, int len, long[] keys, int lo, int hi, int level, long[] ss,
        double[] se, double[] sm) {
      int pos = level - 1;
      int[] feats = new int[m];
      int nf = 0;
      for (int i = lo; i < hi; i++) {
        int f = featOf[idAt(keys[i], pos)];
        if (nf == 0 || feats[nf - 1] != f) {
          feats[nf++] = f;
        }
      }
      accumulate(rows, from, len, feats, nf);
      for (int i = lo; i < hi; i++) {
        int id = idAt(keys[i], pos);
        ss[i] = (long) acc[3 * id];
        se[i] = acc[3 * id + 1];
        sm[i] = acc[3 * id + 2];
      }
      reset(feats, nf);
    }

    /** Adds size, error sum and maximum per value of {@code feats[0, nf)} over the rows. */
    private void accumulate(int[] rows, int from, int len, int[] feats, int nf) {
      for (int t = 0; t < len; t++) {
        int r = rows == null ? t : rows[from + t];
        double er = e[r];
        int base = r * m;
        for (int x = 0; x < nf; x++) {
          int f = feats[x];
          int g = 3 * (off[f] + code(base + f));
          acc[g] += 1.0;
          acc[g + 1] += er;
          if (er > acc[g + 2]) {
            acc[g + 2] = er;
          }
        }
      }
    }

    private void reset(int[] feats, int nf) {
      for (int x = 0; x < nf; x++) {
        int f = feats[x];
        Arrays.fill(acc, 3 * off[f], 3 * (off[f] + dom[f]), 0.0);
      }
    }
  }

  // ------------------------------------------------------------------ primitive collections

  /** A growable list of longs. */
  private static final class LongList {
    private long[] a = new long[64];
    private int size;

    void add(long v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, size * 2);
      }
      a[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** Open-addressing map from non-zero long keys to non-negative ints. */
  private static final class LongIndex {
    private final long[] keys;
    private final int[] values;
    private final int mask;

    LongIndex(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
      keys = new long[cap];
      values = new int[cap];
      mask = cap - 1;
    }

    void put(long key, int value) {
      int i = slot(key);
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      keys[i] = key;
      values[i] = value;
    }

    int get(long key) {
      int i = slot(key);
      while (keys[i] != 0) {
        if (keys[i] == key) {
          return values[i];
        }
        i = (i + 1) & mask;
      }
      return -1;
    }

    private int slot(long key) {
      return (int) dev.hone.core.random.Seeds.mix(key) & mask;
    }
  }
}
