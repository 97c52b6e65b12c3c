package dev.hone.eval.leakage;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.eval.Metrics;
import dev.hone.eval.slices.QuantileBinning;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-column target-leakage checks: the one-feature model, copies and deterministic transforms of
 * the target, and identifier-like columns. See {@link LeakageChecker} for the definitions.
 */
final class FeatureChecks {
  private FeatureChecks() {}

  // ------------------------------------------------------------------ one-feature model

  /**
   * Score of the one-feature model fitted on train and evaluated on the holdout rows.
   *
   * @return {@code {score}}: ROC AUC (binary; macro one-vs-rest for multiclass) or R²
   *     (regression); NaN when it cannot be computed (a single class or constant target in the
   *     holdout, no usable rows)
   */
  static double oneFeatureScore(Column train, Column hold, Target t, int bins) {
    int[] trainBin;
    int[] holdBin;
    int nBins;
    if (train instanceof NumericColumn tn) {
      QuantileBinning b = QuantileBinning.fit(tn.values(), bins);
      double[] hv = numbers(hold);
      nBins = b.binCount() + 1; // last = missing
      trainBin = new int[tn.size()];
      for (int r = 0; r < trainBin.length; r++) {
        int k = b.bin(tn.get(r));
        trainBin[r] = k < 0 ? nBins - 1 : k;
      }
      holdBin = new int[hv.length];
      for (int r = 0; r < hv.length; r++) {
        int k = b.bin(hv[r]);
        holdBin[r] = k < 0 ? nBins - 1 : k;
      }
    } else {
      CategoricalColumn tc = (CategoricalColumn) train;
      Map<String, Integer> idx = new HashMap<>();
      for (int l = 0; l < tc.levels().size(); l++) {
        idx.put(tc.levels().get(l), l);
      }
      nBins = tc.levels().size() + 1;
      trainBin = new int[tc.size()];
      for (int r = 0; r < trainBin.length; r++) {
        int c = tc.code(r);
        trainBin[r] = c < 0 ? nBins - 1 : c;
      }
      holdBin = new int[hold.size()];
      for (int r = 0; r < holdBin.length; r++) {
        String s = hold.format(r);
        holdBin[r] = s == null ? nBins - 1 : idx.getOrDefault(s, -1); // -1: unseen level
      }
    }
    if (t.classification()) {
      return classificationScore(trainBin, holdBin, nBins, t, raw(train, hold));
    }
    return regressionScore(trainBin, holdBin, nBins, t);
  }

  /** Holdout values of a numeric training column when none is missing, for the raw-score AUC. */
  private static double[] raw(Column train, Column hold) {
    if (!(train instanceof NumericColumn)) {
      return null;
    }
    double[] v = numbers(hold);
    for (double x : v) {
      if (Double.isNaN(x)) {
        return null;
      }
    }
    return v;
  }

  private static double[] numbers(Column c) {
    if (c instanceof NumericColumn n) {
      return n.values();
    }
    double[] out = new double[c.size()];
    for (int r = 0; r < out.length; r++) {
      String s = c.format(r);
      double v = Double.NaN;
      if (s != null) {
        try {
          v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
          v = Double.NaN;
        }
      }
      out[r] = v;
    }
    return out;
  }

  private static double classificationScore(
      int[] trainBin, int[] holdBin, int nBins, Target t, double[] raw) {
    int k = t.classes.size();
    long[][] counts = new long[nBins][k];
    long[] total = new long[nBins];
    long[] prior = new long[k];
    long all = 0;
    for (int r = 0; r < trainBin.length; r++) {
      int y = t.trainClass[r];
      if (y >= 0) {
        counts[trainBin[r]][y]++;
        total[trainBin[r]]++;
        prior[y]++;
        all++;
      }
    }
    if (all == 0 || k < 2) {
      return Double.NaN;
    }
    int m = 0;
    for (int y : t.holdClass) {
      if (y >= 0) {
        m++;
      }
    }
    if (m == 0) {
      return Double.NaN;
    }
    int[] rows = new int[m];
    m = 0;
    for (int r = 0; r < t.holdClass.length; r++) {
      if (t.holdClass[r] >= 0) {
        rows[m++] = r;
      }
    }
    double best = Double.NaN;
    // one-vs-rest AUC of P(class c | bin), averaged over classes scorable in the holdout
    int classesFrom = k == 2 ? 1 : 0;
    double sum = 0;
    int scored = 0;
    for (int c = classesFrom; c < k; c++) {
      int[] y = new int[m];
      double[] score = new double[m];
      for (int i = 0; i < m; i++) {
        int r = rows[i];
        y[i] = t.holdClass[r] == c ? 1 : 0;
        int b = holdBin[r];
        score[i] = b >= 0 && total[b] > 0
            ? (double) counts[b][c] / total[b]
            : (double) prior[c] / all;
      }
      double auc = Metrics.rocAuc(y, score);
      if (!Double.isNaN(auc)) {
        sum += auc;
        scored++;
      }
    }
    if (scored > 0) {
      best = sum / scored;
    }
    if (k == 2 && raw != null) {
      int[] y = new int[m];
      double[] score = new double[m];
      for (int i = 0; i < m; i++) {
        y[i] = t.holdClass[rows[i]];
        score[i] = raw[rows[i]];
      }
      double auc = Metrics.rocAuc(y, score);
      if (!Double.isNaN(auc)) {
        double oriented = Math.max(auc, 1 - auc);
        best = Double.isNaN(best) ? oriented : Math.max(best, oriented);
      }
    }
    return best;
  }

  private static double regressionScore(int[] trainBin, int[] holdBin, int nBins, Target t) {
    double[] sum = new double[nBins];
    long[] count = new long[nBins];
    double all = 0;
    long n = 0;
    for (int r = 0; r < trainBin.length; r++) {
      double y = t.trainValue[r];
      if (!Double.isNaN(y)) {
        sum[trainBin[r]] += y;
        count[trainBin[r]]++;
        all += y;
        n++;
      }
    }
    if (n == 0) {
      return Double.NaN;
    }
    double mean = all / n;
    int m = 0;
    for (double y : t.holdValue) {
      if (!Double.isNaN(y)) {
        m++;
      }
    }
    if (m < 2) {
      return Double.NaN;
    }
    double[] y = new double[m];
    double[] pred = new double[m];
    m = 0;
    boolean constant = true;
    for (int r = 0; r < t.holdValue.length; r++) {
      if (!Double.isNaN(t.holdValue[r])) {
        y[m] = t.holdValue[r];
        int b = holdBin[r];
        pred[m] = b >= 0 && count[b] > 0 ? sum[b] / count[b] : mean;
        constant &= y[m] == y[0];
        m++;
      }
    }
    return constant ? Double.NaN : Metrics.r2(y, pred);
  }

  // ------------------------------------------------------------------ copies of the target

  /**
   * Whether the column is the target or a deterministic transform of it on the training rows
   * where both are present (at least 10 such rows).
   *
   * @return a description such as {@code "is identical to the target"}, or null
   */
  static String targetCopy(Column col, Target t) {
    if (t.classification()) {
      Map<String, Integer> valueToClass = new HashMap<>();
      Map<Integer, String> classToValue = new HashMap<>();
      boolean identical = true;
      int rows = 0;
      int k = t.classes.size();
      for (int r = 0; r < col.size(); r++) {
        int y = t.trainClass[r];
        if (col.isMissing(r) || y < 0) {
          continue;
        }
        String v = col.format(r);
        rows++;
        Integer prevClass = valueToClass.putIfAbsent(v, y);
        if (prevClass != null && prevClass != y) {
          return null;
        }
        if (valueToClass.size() > k) {
          return null; // more values than classes: not one-to-one
        }
        String prevValue = classToValue.putIfAbsent(y, v);
        if (prevValue != null && !prevValue.equals(v)) {
          return null;
        }
        identical &= v.equals(t.classes.get(y));
      }
      if (rows < 10 || classToValue.size() < 2) {
        return null;
      }
      if (identical) {
        return "is identical to the target";
      }
      StringBuilder map = new StringBuilder();
      classToValue.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .limit(5)
          .forEach(e -> map.append(map.length() == 0 ? "" : ", ")
              .append(e.getValue()).append(" ↔ ").append(t.classes.get(e.getKey())));
      return "is in one-to-one correspondence with the target classes (" + map + ")";
    }
    if (!(col instanceof NumericColumn num)) {
      return null;
    }
    int n = 0;
    double[] x = new double[num.size()];
    double[] y = new double[num.size()];
    boolean identical = true;
    for (int r = 0; r < num.size(); r++) {
      double a = num.get(r);
      double b = t.trainValue[r];
      if (!Double.isNaN(a) && !Double.isNaN(b)) {
        x[n] = a;
        y[n] = b;
        identical &= a == b;
        n++;
      }
    }
    if (n < 10) {
      return null;
    }
    x = Arrays.copyOf(x, n);
    y = Arrays.copyOf(y, n);
    double rho = spearman(x, y);
    if (Double.isNaN(rho) || Math.abs(rho) < 1 - 1e-12) {
      return null;
    }
    if (identical) {
      return "is identical to the target";
    }
    return "is a strictly monotone transform of the target (Spearman ρ = "
        + (rho > 0 ? "1" : "-1") + ")";
  }

  // ------------------------------------------------------------------ identifiers

  /**
   * Whether a training column looks like a row identifier: with at least 20 rows and at most 1%
   * missing, either every value is distinct and the column is categorical or integer-valued, or
   * (numeric, at least 20 distinct values) its Spearman correlation with the row index is at least
   * 0.99 in absolute value.
   *
   * @return a description, or null
   */
  static String idLike(Column col) {
    int n = col.size();
    int present = n - col.missingCount();
    if (n < 20 || present < 0.99 * n) {
      return null;
    }
    int distinct;
    boolean integers = true;
    if (col instanceof CategoricalColumn cat) {
      boolean[] seen = new boolean[cat.levels().size()];
      distinct = 0;
      for (int r = 0; r < n; r++) {
        int c = cat.code(r);
        if (c >= 0 && !seen[c]) {
          seen[c] = true;
          distinct++;
        }
      }
    } else {
      double[] v = new double[present];
      int k = 0;
      NumericColumn num = (NumericColumn) col;
      for (int r = 0; r < n; r++) {
        double x = num.get(r);
        if (!Double.isNaN(x)) {
          v[k++] = x == 0.0 ? 0.0 : x;
          integers &= x == Math.rint(x);
        }
      }
      Arrays.sort(v);
      distinct = present == 0 ? 0 : 1;
      for (int i = 1; i < present; i++) {
        if (v[i] != v[i - 1]) {
          distinct++;
        }
      }
    }
    boolean unique = distinct == present;
    if (unique && (col instanceof CategoricalColumn || integers)) {
      return "has a distinct value in every row";
    }
    if (col instanceof NumericColumn num && distinct >= 20) {
      double[] v = new double[present];
      double[] idx = new double[present];
      int k = 0;
      for (int r = 0; r < n; r++) {
        if (!num.isMissing(r)) {
          v[k] = num.get(r);
          idx[k] = r;
          k++;
        }
      }
      double rho = spearman(v, idx);
      if (!Double.isNaN(rho) && Math.abs(rho) >= 0.99) {
        return String.format(
            java.util.Locale.ROOT, "%s with row order (Spearman ρ with the row index %.4f)",
            rho > 0 ? "increases" : "decreases", rho);
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ ranks

  /** Spearman's rank correlation with average ranks for ties; NaN when either side is constant. */
  static double spearman(double[] x, double[] y) {
    double[] rx = ranks(x);
    double[] ry = ranks(y);
    int n = x.length;
    double mx = 0;
    double my = 0;
    for (int i = 0; i < n; i++) {
      mx += rx[i];
      my += ry[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double a = rx[i] - mx;
      double b = ry[i] - my;
      sxy += a * b;
      sxx += a * a;
      syy += b * b;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /** Ranks 1..n, ties sharing their average rank (NaN-free input). */
  static double[] ranks(double[] v) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      int lo = bound(sorted, v[i], false);
      int hi = bound(sorted, v[i], true);
      r[i] = (lo + hi - 1) / 2.0 + 1; // average of ranks lo+1 .. hi
    }
    return r;
  }

  /** First index whose value is {@code >= x} ({@code > x} when {@code upper}). */
  private static int bound(double[] sorted, double x, boolean upper) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < x || (upper && sorted[mid] == x)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
