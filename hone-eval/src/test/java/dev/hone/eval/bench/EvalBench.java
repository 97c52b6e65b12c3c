package dev.hone.eval.bench;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.random.Seeds;
import dev.hone.data.PreparedTable;
import dev.hone.data.registry.DatasetRegistry;
import dev.hone.eval.leakage.LeakageChecker;
import dev.hone.eval.leakage.LeakageOptions;
import dev.hone.eval.leakage.LeakageReport;
import dev.hone.eval.slices.FoundSlice;
import dev.hone.eval.slices.SliceLine;
import dev.hone.eval.slices.SliceLineOptions;
import dev.hone.eval.slices.SliceLineResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmarks of slice discovery and leakage checks (run by {@code bench/eval_slices_leakage.sh}):
 * one warm-up, then {@code repeats} timed runs; prints the median wall time and the peak heap used
 * during the timed runs (JVM memory pools, reset before each run).
 *
 * <pre>
 * EvalBench sliceline ROWS COLUMNS REPEATS [CSV_OUT]   synthetic table, planted error slice
 * EvalBench leakage DATASETS_DIR REPEATS                credit_default_taiwan, seeded 75/25 split
 * EvalBench slices DATASETS_DIR REPEATS                 per-slice ROC AUC on adult.test
 * </pre>
 *
 * <p>{@code CSV_OUT}: also writes the synthetic table's codes and errors as CSV for a peer tool.
 */
public final class EvalBench {
  private EvalBench() {}

  public static void main(String[] args) throws IOException {
    switch (args[0]) {
      case "sliceline" -> sliceLine(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
          Integer.parseInt(args[3]), args.length > 4 ? Path.of(args[4]) : null);
      case "leakage" -> leakage(Path.of(args[1]), Integer.parseInt(args[2]));
      case "slices" -> slices(Path.of(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("unknown bench " + args[0]);
    }
  }

  // ------------------------------------------------------------------ SliceLine

  /**
   * Half categorical columns (2 to 10 levels, skewed), half numeric (Gaussian, 2% missing, binned
   * into quintiles by the search); 0/1 errors at a 10% base rate, 60% inside a planted slice
   * {@code c0 = L1 & c2 = L0 & x1 in its top quintile}.
   */
  static Table synthetic(int n, int m, long seed, double[] errors) {
    SplittableRandom rng = Seeds.rng(seed, "bench.synthetic", 0);
    List<Column> cols = new ArrayList<>();
    int[][] catCodes = new int[(m + 1) / 2][];
    double[][] num = new double[m / 2][];
    for (int j = 0; j < catCodes.length; j++) {
      int levels = 2 + j % 9;
      List<String> names = new ArrayList<>();
      for (int l = 0; l < levels; l++) {
        names.add("L" + l);
      }
      int[] codes = new int[n];
      for (int i = 0; i < n; i++) {
        double u = rng.nextDouble();
        codes[i] = (int) Math.min(levels - 1, Math.floor(levels * u * u)); // skewed to L0
      }
      catCodes[j] = codes;
      cols.add(new CategoricalColumn("c" + j, names, codes));
    }
    for (int j = 0; j < num.length; j++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rng.nextInt(50) == 0 ? Double.NaN : rng.nextGaussian() * (1 + j);
      }
      num[j] = v;
      cols.add(new NumericColumn("x" + j, v));
    }
    double cut = 0.8416 * 2; // ~ top quintile of N(0, 2²) for x1
    for (int i = 0; i < n; i++) {
      boolean planted = catCodes[0][i] == 1 && catCodes[2 % catCodes.length][i] == 0
          && num.length > 1 && num[1][i] > cut;
      errors[i] = rng.nextDouble() < (planted ? 0.6 : 0.1) ? 1 : 0;
    }
    return new Table(cols);
  }

  private static void sliceLine(int n, int m, int repeats, Path csv) throws IOException {
    double[] e = new double[n];
    long t0 = System.nanoTime();
    Table t = synthetic(n, m, 1, e);
    System.out.printf(Locale.ROOT, "table: %d rows x %d columns built in %.1f s%n", n, m,
        (System.nanoTime() - t0) / 1e9);
    if (csv != null) {
      writeCsv(t, e, csv);
    }
    SliceLineOptions opts = SliceLineOptions.defaults();
    SliceLineResult r = SliceLine.find(t, e, opts); // warm-up
    double[] secs = new double[repeats];
    long peak = 0;
    for (int k = 0; k < repeats; k++) {
      System.gc();
      resetPeaks();
      long a = System.nanoTime();
      r = SliceLine.find(t, e, opts);
      secs[k] = (System.nanoTime() - a) / 1e9;
      peak = Math.max(peak, heapPeak());
    }
    System.out.printf(Locale.ROOT, "sliceline: median %.2f s over %d runs %s; peak heap %d MiB"
        + " (table itself ~%d MiB)%n", median(secs), repeats, Arrays.toString(round(secs)),
        peak >> 20, tableBytes(t) >> 20);
    System.out.println("sigma=" + r.minSupport() + " alpha=" + r.alpha() + " k=" + r.k()
        + " levels=" + r.levels());
    for (FoundSlice s : r.slices().subList(0, Math.min(3, r.slices().size()))) {
      System.out.printf(Locale.ROOT, "  %-40s size %d avg error %.4f score %.4f%n",
          s.definition(), s.size(), s.averageError(), s.score());
    }
  }

  /** Codes as the search sees them (bin or level index, -1 missing) and errors, for a peer. */
  private static void writeCsv(Table t, double[] e, Path csv) throws IOException {
    List<int[]> codes = new ArrayList<>();
    for (Column c : t.columns()) {
      int[] k = new int[t.rowCount()];
      if (c instanceof CategoricalColumn cc) {
        k = cc.codes();
      } else {
        double[] v = ((NumericColumn) c).values();
        var b = dev.hone.eval.slices.QuantileBinning.fit(v, 5);
        for (int i = 0; i < k.length; i++) {
          k[i] = b.bin(v[i]);
        }
      }
      codes.add(k);
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(csv))) {
      w.println(String.join(",", t.columnNames()) + ",error");
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < t.rowCount(); i++) {
        b.setLength(0);
        for (int[] k : codes) {
          b.append(k[i]).append(',');
        }
        b.append((int) e[i]);
        w.println(b);
      }
    }
  }

  // ------------------------------------------------------------------ leakage

  private static void leakage(Path datasets, int repeats) throws IOException {
    Path cache = Files.createTempDirectory("hone-bench-cache");
    DatasetRegistry reg = new DatasetRegistry(
        cache, datasets, DatasetRegistry.builtIn(), false, Duration.ofSeconds(5));
    long t0 = System.nanoTime();
    PreparedTable p = reg.resolve("credit_default_taiwan").prepareTrain();
    System.out.printf(Locale.ROOT, "read credit_default_taiwan (%d rows x %d columns) in %.2f s%n",
        p.table().rowCount(), p.table().columnCount(), (System.nanoTime() - t0) / 1e9);
    Table t = p.table();
    int n = t.rowCount();
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Seeds.shuffle(idx, Seeds.rng(1, "bench.split", 0));
    int cut = (int) Math.round(0.75 * n);
    int[] a = Arrays.copyOfRange(idx, 0, cut);
    int[] b = Arrays.copyOfRange(idx, cut, n);
    Arrays.sort(a);
    Arrays.sort(b);
    Table train = t.select(a);
    Table test = t.select(b);
    LeakageOptions o = LeakageOptions.defaults();
    LeakageReport r = LeakageChecker.check(train, test, "test", o); // warm-up
    double[] secs = new double[repeats];
    long peak = 0;
    for (int k = 0; k < repeats; k++) {
      System.gc();
      resetPeaks();
      long s = System.nanoTime();
      r = LeakageChecker.check(train, test, "test", o);
      secs[k] = (System.nanoTime() - s) / 1e9;
      peak = Math.max(peak, heapPeak());
    }
    System.out.printf(Locale.ROOT, "leakage (%d train / %d test rows): median %.3f s over %d runs"
        + " %s; peak heap %d MiB%n", train.rowCount(), test.rowCount(), median(secs), repeats,
        Arrays.toString(round(secs)), peak >> 20);
    r.findings().forEach(f -> System.out.println("  " + f.severity() + " " + f.kind() + " "
        + (f.column() == null ? "" : f.column())));
  }

  // ------------------------------------------------------------------ per-slice metrics

  /**
   * Per-slice ROC AUC on the 16,281 rows of adult.test with default options (every column,
   * quintiles, 1000 bootstrap resamples) plus the cross sex × race. The scores are a fixed
   * function of three columns and noise, standing in for a model: the cost does not depend on
   * the scores' quality.
   */
  private static void slices(Path datasets, int repeats) throws IOException {
    Path cache = Files.createTempDirectory("hone-bench-cache");
    DatasetRegistry reg = new DatasetRegistry(
        cache, datasets, DatasetRegistry.builtIn(), false, Duration.ofSeconds(5));
    var adult = reg.resolve("adult");
    PreparedTable train = adult.prepareTrain();
    PreparedTable test = adult.prepareTest(train).orElseThrow();
    Table t = test.table();
    int n = t.rowCount();
    int[] y = test.classCodes();
    double[] labels = new double[n];
    double[][] p = new double[n][];
    double[] age = ((NumericColumn) t.column("age")).values();
    double[] edu = ((NumericColumn) t.column("education-num")).values();
    double[] hours = ((NumericColumn) t.column("hours-per-week")).values();
    SplittableRandom rng = Seeds.rng(1, "bench.scores", 0);
    for (int i = 0; i < n; i++) {
      labels[i] = y[i];
      double z = -8 + 0.04 * age[i] + 0.35 * edu[i] + 0.03 * hours[i] + 1.5 * y[i]
          + rng.nextGaussian();
      double p1 = 1 / (1 + Math.exp(-z));
      p[i] = new double[] {1 - p1, p1};
    }
    var preds = new dev.hone.core.model.Predictions(dev.hone.core.data.TaskType.BINARY, p, null);
    var opts = dev.hone.eval.slices.SliceOptions.defaults(1)
        .withCrosses(List.of(List.of("sex", "race")));
    var r = dev.hone.eval.slices.SliceAnalysis.analyse(t, labels, preds, opts); // warm-up
    double[] secs = new double[repeats];
    long peak = 0;
    for (int k = 0; k < repeats; k++) {
      System.gc();
      resetPeaks();
      long s = System.nanoTime();
      r = dev.hone.eval.slices.SliceAnalysis.analyse(t, labels, preds, opts);
      secs[k] = (System.nanoTime() - s) / 1e9;
      peak = Math.max(peak, heapPeak());
    }
    System.out.printf(Locale.ROOT, "slices (%d rows, %d slices, %d tested, %d significant):"
        + " median %.2f s over %d runs %s; peak heap %d MiB%n", n, r.slices().size(), r.tested(),
        r.significant().size(), median(secs), repeats, Arrays.toString(round(secs)), peak >> 20);
  }

  // ------------------------------------------------------------------ helpers

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long heapPeak() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static long tableBytes(Table t) {
    long b = 0;
    for (Column c : t.columns()) {
      b += c instanceof NumericColumn ? 8L * t.rowCount() : 4L * t.rowCount();
    }
    return b;
  }

  private static double median(double[] a) {
    double[] s = a.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static double[] round(double[] a) {
    return Arrays.stream(a).map(x -> Math.round(x * 100) / 100.0).toArray();
  }
}
