package dev.hone.eval.slices;

import dev.hone.core.data.Column;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Evaluator;
import dev.hone.eval.Metric;
import dev.hone.eval.MetricValue;
import dev.hone.eval.Metrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disaggregated evaluation: one metric on every slice of the evaluated rows, each with a 95%
 * bootstrap interval, its difference from the overall value and a test of the slice against the
 * rest of the rows, corrected for multiple testing.
 *
 * <h2>Slices</h2>
 *
 * <ul>
 *   <li>every categorical column: one slice per level present, plus {@code missing};
 *   <li>every numeric column: one slice per quantile bin of {@link QuantileBinning} (fitted on the
 *       evaluated rows; the bins partition the column), plus {@code missing};
 *   <li>user-defined slices in the language of {@link SlicePredicate}, e.g. {@code sex=Female &
 *       age<30};
 *   <li>crosses of columns (e.g. sensitive attributes {@code sex × race}): every non-empty
 *       combination of their slices.
 * </ul>
 *
 * <p>Empty column slices are not listed (a category with no row, a missing slice of a complete
 * column); an empty user slice is listed as undefined.
 *
 * <h2>Per slice</h2>
 *
 * <ul>
 *   <li>the metric by {@link Metric#compute}, the 95% percentile-bootstrap interval by {@link
 *       Evaluator#evaluateMetric} (seeded per slice from the options' seed and the slice's
 *       definition, so one slice's interval does not depend on which other slices are listed);
 *   <li>{@link SliceMetric.Undefined} when the metric has no value on the slice: ROC AUC with a
 *       single class, average precision without a positive, F1 when {@code 2·TP + FP + FN = 0}
 *       (the 0/0 that {@link Metrics#f1} reports as 0), R² on a constant target, or a slice with no
 *       rows;
 *   <li>a two-sided p-value of "the metric is the same on the slice and on the rest of the rows":
 *       <ul>
 *         <li>ROC AUC: DeLong's test for two independent AUCs (DeLong et al. 1988), each side
 *             needing at least 2 positives and 2 negatives;
 *         <li>accuracy: the pooled two-proportion z-test (Agresti 2013);
 *         <li>log loss, Brier score, MAE and RMSE: Welch's t-test on the per-row losses (RMSE
 *             compares mean squared errors, the same hypothesis);
 *         <li>PR AUC, F1, macro F1 and R²: a permutation test (Good, "Permutation, Parametric and
 *             Bootstrap Tests of Hypotheses", 2005) of the difference slice − rest with {@code
 *             permutationRounds} random relabellings of which rows form the slice, {@code p = (1 +
 *             #{|d*| >= |d|}) / (1 + valid rounds)} (Phipson and Smyth, Stat. Appl. Genet. Mol.
 *             Biol. 9(1), 2010); rounds where either side is undefined are skipped;
 *       </ul>
 *       A slice whose test cannot be run (the rest is empty or undefined, too few rows) has a NaN
 *       p-value and is not part of the family;
 *   <li>Benjamini–Hochberg correction ({@link BenjaminiHochberg}) over every tested slice of the
 *       report together (column slices, user slices and crosses), at {@link SliceOptions#fdr()}.
 * </ul>
 *
 * <p>Cost: the bootstrap is {@code bootstrapRounds} linear passes over each slice, so one column
 * costs about as much as one evaluation of the whole split; the DeLong and Welch tests are {@code
 * O(n log n)} per slice; the permutation test is {@code permutationRounds} metric evaluations over
 * all rows per slice and is the expensive one.
 *
 * <p>Thread safety: stateless.
 */
public final class SliceAnalysis {
  /** Stream names under which slice draws derive from the seed. */
  public static final String BOOTSTRAP_STREAM = "slices.bootstrap";

  public static final String PERMUTATION_STREAM = "slices.permutation";

  private static final Logger LOG = LoggerFactory.getLogger(SliceAnalysis.class);

  private SliceAnalysis() {}

  /**
   * Evaluates every slice.
   *
   * @param table the evaluated rows (e.g. the test split), shape {@code [n]} rows; its target
   *     column, if marked, is not sliced
   * @param labels true targets of the same rows, shape {@code [n]}: class indices for
   *     classification, values for regression (as {@link Evaluator} takes them)
   * @param preds the model's predictions for the same rows
   * @param opts settings
   * @return the report
   * @throws InvalidParameterException if a named column is unknown, the metric does not apply to
   *     the task, or the row counts differ
   * @throws SliceDefinitionException if a user slice does not parse or names an unknown column
   * @throws dev.hone.core.error.DataValidationException if a label is missing or not a class
   */
  public static SliceReport analyse(
      Table table, double[] labels, Predictions preds, SliceOptions opts) {
    TaskType task = preds.task();
    Metric metric = opts.metric() == null ? Metric.defaultObjective(task) : opts.metric();
    if (!metric.appliesTo(task)) {
      throw new InvalidParameterException(
          "slice metric '" + metric.metricName() + "' does not apply to a "
              + task.name().toLowerCase(Locale.ROOT) + " task: use one of "
              + Metric.validNames(task));
    }
    int n = table.rowCount();
    if (labels.length != n || preds.size() != n) {
      throw new InvalidParameterException(
          "the sliced table has " + n + " rows but there are " + labels.length + " labels and "
              + preds.size() + " predictions: pass the labels and predictions of the same rows");
    }
    long started = System.nanoTime();
    List<Candidate> candidates = enumerate(table, opts);
    Evaluation eval = new Evaluation(metric, labels, preds, opts);

    MetricValue overallValue = Evaluator.evaluateMetric(
        metric, labels, preds, opts.bootstrapRounds(),
        Seeds.derive(opts.seed(), BOOTSTRAP_STREAM, "overall".hashCode()));
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    String overallReason = eval.undefinedReason(all, overallValue.value());
    double overall = overallReason == null ? overallValue.value() : Double.NaN;
    SliceMetric overallMetric =
        overallReason == null
            ? new SliceMetric.Defined(
                overall, overallValue.ciLower(), overallValue.ciUpper(),
                overallValue.bootstrapValid(), 0.0, Double.NaN, Double.NaN, false)
            : new SliceMetric.Undefined(overallReason, n);

    int m = candidates.size();
    MetricValue[] values = new MetricValue[m];
    String[] reasons = new String[m];
    double[] p = new double[m];
    java.util.Arrays.fill(p, Double.NaN);
    for (int s = 0; s < m; s++) {
      Candidate c = candidates.get(s);
      if (c.rows.length == 0) {
        reasons[s] = "the slice selects no rows";
        continue;
      }
      long key = c.definition.hashCode();
      Eval sub = eval.subset(c.rows);
      double v = metric.compute(sub.labels, sub.preds);
      reasons[s] = eval.undefinedReason(c.rows, v);
      if (reasons[s] != null) {
        continue;
      }
      values[s] = Evaluator.evaluateMetric(
          metric, sub.labels, sub.preds, opts.bootstrapRounds(),
          Seeds.derive(opts.seed(), BOOTSTRAP_STREAM, key));
      p[s] = eval.pValue(c.rows, Seeds.rng(opts.seed(), PERMUTATION_STREAM, key));
    }
    double[] adjusted = BenjaminiHochberg.adjust(p);
    boolean[] reject = BenjaminiHochberg.reject(p, opts.fdr());
    List<SliceResult> out = new ArrayList<>(m);
    int tested = 0;
    for (int s = 0; s < m; s++) {
      Candidate c = candidates.get(s);
      SliceMetric sm;
      if (reasons[s] != null) {
        sm = new SliceMetric.Undefined(reasons[s], c.rows.length);
      } else {
        MetricValue mv = values[s];
        if (!Double.isNaN(p[s])) {
          tested++;
        }
        sm = new SliceMetric.Defined(
            mv.value(), mv.ciLower(), mv.ciUpper(), mv.bootstrapValid(), mv.value() - overall,
            p[s], adjusted[s], reject[s]);
      }
      out.add(new SliceResult(c.family, c.definition, c.label, c.rows.length, sm));
    }
    LOG.debug(
        "{} slices ({} tested) of {} rows on {} in {} ms", m, tested, n, metric.metricName(),
        (System.nanoTime() - started) / 1_000_000);
    return new SliceReport(
        metric.metricName(), task.name().toLowerCase(Locale.ROOT), metric.higherIsBetter(), n,
        overallMetric, testDescription(metric), opts.fdr(), tested, opts.bootstrapRounds(),
        opts.seed(), out);
  }

  /** The test used for a metric's p-values, with its reference. */
  public static String testDescription(Metric metric) {
    switch (metric) {
      case ROC_AUC:
        return "DeLong test of equal ROC AUC on slice and rest (DeLong, DeLong & Clarke-Pearson,"
            + " Biometrics 1988), two-sided";
      case ACCURACY:
        return "pooled two-proportion z-test of equal accuracy on slice and rest (Agresti,"
            + " Categorical Data Analysis), two-sided";
      case LOG_LOSS:
      case BRIER:
      case MAE:
      case RMSE:
        return "Welch's t-test of equal mean per-row "
            + (metric == Metric.RMSE ? "squared error" : metric.metricName())
            + " on slice and rest (Welch, Biometrika 1947), two-sided";
      default:
        return "permutation test of the difference slice - rest (Good 2005; p = (1+b)/(1+B),"
            + " Phipson & Smyth 2010), two-sided";
    }
  }

  // ------------------------------------------------------------------ enumeration

  private record Candidate(String family, String definition, String label, int[] rows) {}

  private static List<Candidate> enumerate(Table table, SliceOptions opts) {
    int n = table.rowCount();
    List<String> columns = opts.columns();
    if (columns.isEmpty()) {
      columns = new ArrayList<>(table.columnNames());
      columns.remove(table.target());
    }
    Map<String, ColumnEncoding> encodings = new LinkedHashMap<>();
    Map<String, int[][]> rowsByCode = new LinkedHashMap<>();
    List<String> needed = new ArrayList<>(columns);
    for (List<String> cross : opts.crosses()) {
      needed.addAll(cross);
    }
    for (String name : needed) {
      if (encodings.containsKey(name)) {
        continue;
      }
      if (!table.hasColumn(name)) {
        throw new InvalidParameterException(
            "slice column '" + name + "' is not a column of the evaluated table; columns are "
                + table.columnNames());
      }
      Column col = table.column(name);
      ColumnEncoding e = ColumnEncoding.of(col, opts.bins());
      encodings.put(name, e);
      rowsByCode.put(name, e.rowsByCode(n));
    }
    List<Candidate> out = new ArrayList<>();
    for (String name : columns) {
      ColumnEncoding e = encodings.get(name);
      int[][] rows = rowsByCode.get(name);
      for (int c = 0; c < e.size; c++) {
        if (rows[c].length > 0) {
          out.add(new Candidate(name, e.definitions[c], e.labels[c], rows[c]));
        }
      }
    }
    for (String def : opts.userSlices()) {
      boolean[] mask = SlicePredicate.parse(def).evaluate(table);
      out.add(new Candidate("user", def.trim(), def.trim(), indices(mask)));
    }
    for (List<String> cross : opts.crosses()) {
      String family = String.join(" × ", cross);
      crossProduct(cross, 0, null, "", "", encodings, rowsByCode, family, out);
    }
    return out;
  }

  private static void crossProduct(
      List<String> cross, int depth, int[] rows, String def, String label,
      Map<String, ColumnEncoding> encodings, Map<String, int[][]> rowsByCode, String family,
      List<Candidate> out) {
    if (depth == cross.size()) {
      out.add(new Candidate(family, def, label, rows));
      return;
    }
    String name = cross.get(depth);
    ColumnEncoding e = encodings.get(name);
    int[][] byCode = rowsByCode.get(name);
    for (int c = 0; c < e.size; c++) {
      int[] next = rows == null ? byCode[c] : intersect(rows, byCode[c]);
      if (next.length == 0) {
        continue;
      }
      crossProduct(
          cross, depth + 1, next,
          depth == 0 ? e.definitions[c] : def + " & " + e.definitions[c],
          depth == 0 ? e.labels[c] : label + " × " + e.labels[c],
          encodings, rowsByCode, family, out);
    }
  }

  /** Intersection of two ascending index arrays. */
  static int[] intersect(int[] a, int[] b) {
    int[] out = new int[Math.min(a.length, b.length)];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        i++;
      } else if (a[i] > b[j]) {
        j++;
      } else {
        out[k++] = a[i];
        i++;
        j++;
      }
    }
    return java.util.Arrays.copyOf(out, k);
  }

  static int[] indices(boolean[] mask) {
    int k = 0;
    for (boolean b : mask) {
      if (b) {
        k++;
      }
    }
    int[] out = new int[k];
    k = 0;
    for (int i = 0; i < mask.length; i++) {
      if (mask[i]) {
        out[k++] = i;
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ evaluation

  private record Eval(double[] labels, Predictions preds) {}

  /** The evaluated rows with per-row terms precomputed for the tests. */
  private static final class Evaluation {
    private final Metric metric;
    private final double[] labels;
    private final Predictions preds;
    private final SliceOptions opts;
    private final int n;
    private final double[] loss; // Welch metrics: per-row loss
    private final boolean[] correct; // accuracy
    private final int[] y01; // binary labels
    private final double[] score; // binary scores

    Evaluation(Metric metric, double[] labels, Predictions preds, SliceOptions opts) {
      this.metric = metric;
      this.labels = labels;
      this.preds = preds;
      this.opts = opts;
      this.n = labels.length;
      TaskType task = preds.task();
      double[] lossTerms = null;
      boolean[] corr = null;
      int[] y = null;
      double[] s = null;
      switch (metric) {
        case LOG_LOSS:
          lossTerms = new double[n];
          for (int i = 0; i < n; i++) {
            lossTerms[i] = Metrics.logLoss(
                new int[] {(int) labels[i]}, new double[][] {preds.probabilities()[i]});
          }
          break;
        case BRIER:
          lossTerms = new double[n];
          for (int i = 0; i < n; i++) {
            double d = labels[i] - preds.probabilities()[i][1];
            lossTerms[i] = d * d;
          }
          break;
        case MAE:
        case RMSE:
          lossTerms = new double[n];
          for (int i = 0; i < n; i++) {
            double d = labels[i] - preds.values()[i];
            lossTerms[i] = metric == Metric.MAE ? Math.abs(d) : d * d;
          }
          break;
        case ACCURACY:
          corr = new boolean[n];
          int[] predicted = task == TaskType.BINARY ? null : preds.predictedClasses();
          for (int i = 0; i < n; i++) {
            int c = task == TaskType.BINARY
                ? (preds.probabilities()[i][1] > Metric.BINARY_THRESHOLD ? 1 : 0)
                : predicted[i];
            corr[i] = c == (int) labels[i];
          }
          break;
        case ROC_AUC:
          y = new int[n];
          s = preds.positiveScores();
          for (int i = 0; i < n; i++) {
            y[i] = (int) labels[i];
          }
          break;
        default:
          break;
      }
      this.loss = lossTerms;
      this.correct = corr;
      this.y01 = y;
      this.score = s;
    }

    Eval subset(int[] rows) {
      double[] l = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        l[i] = labels[rows[i]];
      }
      return new Eval(l, subsetPreds(rows));
    }

    private Predictions subsetPreds(int[] rows) {
      if (preds.task().isClassification()) {
        double[][] p = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
          p[i] = preds.probabilities()[rows[i]];
        }
        return new Predictions(preds.task(), p, null);
      }
      double[] v = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        v[i] = preds.values()[rows[i]];
      }
      return new Predictions(preds.task(), null, v);
    }

    /** Why the metric has no value on {@code rows}, or null when it has ({@code value}). */
    String undefinedReason(int[] rows, double value) {
      if (rows.length == 0) {
        return "the slice selects no rows";
      }
      switch (metric) {
        case ROC_AUC:
          if (Double.isNaN(value)) {
            return "only one class present (ROC AUC needs positives and negatives)";
          }
          break;
        case PR_AUC:
          if (Double.isNaN(value)) {
            return "no positive row (average precision needs at least one)";
          }
          break;
        case F1:
          {
            boolean any = false;
            double[][] p = preds.probabilities();
            for (int r : rows) {
              if (labels[r] == 1 || p[r][1] > Metric.BINARY_THRESHOLD) {
                any = true;
                break;
              }
            }
            if (!any) {
              return "no positive row and none predicted (F1 is 0/0)";
            }
          }
          break;
        case R2:
          {
            double first = labels[rows[0]];
            boolean constant = true;
            for (int r : rows) {
              constant &= labels[r] == first;
            }
            if (constant) {
              return "the target is constant on the slice (R² divides by its variance)";
            }
          }
          break;
        default:
          break;
      }
      if (Double.isNaN(value)) {
        return "the metric is NaN on the slice (non-finite predictions)";
      }
      return null;
    }

    /** Two-sided p-value of slice {@code rows} against the other rows; NaN when not testable. */
    double pValue(int[] rows, SplittableRandom rng) {
      int m = rows.length;
      if (m == 0 || m == n) {
        return Double.NaN;
      }
      boolean[] in = new boolean[n];
      for (int r : rows) {
        in[r] = true;
      }
      switch (metric) {
        case ROC_AUC:
          {
            int[] ya = new int[m];
            double[] sa = new double[m];
            int[] yb = new int[n - m];
            double[] sb = new double[n - m];
            int a = 0;
            int b = 0;
            for (int i = 0; i < n; i++) {
              if (in[i]) {
                ya[a] = y01[i];
                sa[a++] = score[i];
              } else {
                yb[b] = y01[i];
                sb[b++] = score[i];
              }
            }
            return TwoSampleTests.delong(ya, sa, yb, sb);
          }
        case ACCURACY:
          {
            long xa = 0;
            long xb = 0;
            for (int i = 0; i < n; i++) {
              if (correct[i]) {
                if (in[i]) {
                  xa++;
                } else {
                  xb++;
                }
              }
            }
            return TwoSampleTests.twoProportionZ(xa, m, xb, n - m);
          }
        case LOG_LOSS:
        case BRIER:
        case MAE:
        case RMSE:
          {
            double[] a = new double[m];
            double[] b = new double[n - m];
            int ia = 0;
            int ib = 0;
            for (int i = 0; i < n; i++) {
              if (in[i]) {
                a[ia++] = loss[i];
              } else {
                b[ib++] = loss[i];
              }
            }
            return TwoSampleTests.welch(a, b);
          }
        default:
          return permutation(in, m, rng);
      }
    }

    /** Metric on {@code inSlice == want} rows; NaN when undefined there. */
    private double metricOn(boolean[] inSlice, boolean want, int count) {
      int[] rows = new int[count];
      int k = 0;
      for (int i = 0; i < n; i++) {
        if (inSlice[i] == want) {
          rows[k++] = i;
        }
      }
      Eval e = subset(rows);
      double v = metric.compute(e.labels, e.preds);
      return undefinedReason(rows, v) == null ? v : Double.NaN;
    }

    private double permutation(boolean[] in, int m, SplittableRandom rng) {
      double a = metricOn(in, true, m);
      double b = metricOn(in, false, n - m);
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Double.NaN;
      }
      double observed = Math.abs(a - b);
      double tolerance = 1e-12 * Math.max(1.0, observed);
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      boolean[] mask = new boolean[n];
      int valid = 0;
      int extreme = 0;
      for (int round = 0; round < opts.permutationRounds(); round++) {
        // partial Fisher–Yates: the first m positions are a uniform random m-subset
        for (int i = 0; i < m; i++) {
          int j = i + rng.nextInt(n - i);
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
        java.util.Arrays.fill(mask, false);
        for (int i = 0; i < m; i++) {
          mask[perm[i]] = true;
        }
        double ra = metricOn(mask, true, m);
        double rb = metricOn(mask, false, n - m);
        if (Double.isNaN(ra) || Double.isNaN(rb)) {
          continue;
        }
        valid++;
        if (Math.abs(ra - rb) >= observed - tolerance) {
          extreme++;
        }
      }
      return valid == 0 ? Double.NaN : (1.0 + extreme) / (1.0 + valid);
    }
  }
}
