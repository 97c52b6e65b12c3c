package dev.hone.eval.diagnostics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a binary classifier does at each decision threshold: a row predicts class 1 when its score
 * (probability of class 1) is {@code >= threshold}, the convention of scikit-learn's {@code
 * precision_recall_curve} and {@code roc_curve}. Note that {@link dev.hone.eval.Metric#F1} and the
 * confusion matrix of the evaluator use {@code > 0.5}; the two differ only for scores exactly at a
 * threshold.
 *
 * <p>Per threshold: the confusion counts, precision {@code TP/(TP+FP)} (NaN when nothing is
 * predicted positive, where scikit-learn's {@code precision_score} would return 0 with a warning),
 * recall = TPR {@code TP/(TP+FN)} (NaN without positives), F1 {@code 2TP/(2TP+FP+FN)} (0 when the
 * denominator is 0, as {@link dev.hone.eval.Metrics#f1}), FPR {@code FP/(FP+TN)} (NaN without
 * negatives) and the predicted-positive rate {@code (TP+FP)/n}.
 *
 * @param positives rows with label 1
 * @param negatives rows with label 0
 * @param rows one row per threshold of {@link #THRESHOLDS}, ascending
 * @param f1Optimal the row at the score that maximises F1 over every distinct score used as a
 *     threshold (the largest value of {@code 2·P·R/(P+R)} along {@code precision_recall_curve}; on
 *     ties the smallest such score, as {@code numpy.argmax} over that curve's increasing
 *     thresholds); {@code null} when there is no positive row
 */
public record ThresholdTable(int positives, int negatives, List<Row> rows, Row f1Optimal) {
  /** The fixed thresholds of the table: 0.05, 0.10, ..., 0.95 (each the double nearest k/20). */
  public static final List<Double> THRESHOLDS = thresholds();

  /** Copies the list. */
  public ThresholdTable {
    rows = List.copyOf(rows);
  }

  private static List<Double> thresholds() {
    List<Double> t = new ArrayList<>();
    for (int k = 1; k <= 19; k++) {
      t.add(k / 20.0);
    }
    return List.copyOf(t);
  }

  /**
   * One threshold.
   *
   * @param threshold predict class 1 iff score {@code >= threshold}
   * @param tp true positives
   * @param fp false positives
   * @param tn true negatives
   * @param fn false negatives
   * @param precision {@code TP/(TP+FP)}, NaN when {@code TP+FP = 0}
   * @param recall {@code TP/(TP+FN)}, NaN without positives
   * @param f1 {@code 2TP/(2TP+FP+FN)}, 0 when the denominator is 0
   * @param fpr {@code FP/(FP+TN)}, NaN without negatives
   * @param tpr equals {@code recall}
   * @param predictedPositiveRate {@code (TP+FP)/n}
   */
  public record Row(
      double threshold,
      long tp,
      long fp,
      long tn,
      long fn,
      double precision,
      double recall,
      double f1,
      double fpr,
      double tpr,
      double predictedPositiveRate) {

    static Row of(double threshold, long tp, long fp, long pos, long neg) {
      long fn = pos - tp;
      long tn = neg - fp;
      long n = pos + neg;
      double precision = tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
      double recall = pos == 0 ? Double.NaN : (double) tp / pos;
      long f1Den = 2 * tp + fp + fn;
      double f1 = f1Den == 0 ? 0.0 : 2.0 * tp / f1Den;
      double fpr = neg == 0 ? Double.NaN : (double) fp / neg;
      return new Row(threshold, tp, fp, tn, fn, precision, recall, f1, fpr, recall,
          (double) (tp + fp) / n);
    }
  }

  /**
   * Builds the table.
   *
   * @param labels 0 or 1, shape {@code [n]}, {@code n >= 1}
   * @param scores probability (or any score) of class 1, finite, shape {@code [n]}
   * @return the table
   * @throws dev.hone.core.error.DataValidationException if there are no rows or a label is not 0
   *     or 1
   * @throws IllegalArgumentException if the lengths differ or a score is not finite
   */
  public static ThresholdTable of(double[] labels, double[] scores) {
    int n = Calibration.checkRows(labels.length, scores.length);
    // sort by decreasing score; prefix counts of positives
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score at row " + i + " is " + scores[i]);
      }
      Calibration.classIndex(labels[i], 2, i);
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] s = new double[n];
    long[] tpPrefix = new long[n + 1]; // positives among the first k rows
    for (int k = 0; k < n; k++) {
      s[k] = scores[order[k]];
      tpPrefix[k + 1] = tpPrefix[k] + (labels[order[k]] == 1.0 ? 1 : 0);
    }
    long pos = tpPrefix[n];
    long neg = n - pos;
    List<Row> rows = new ArrayList<>();
    for (double t : THRESHOLDS) {
      int k = countAtLeast(s, t);
      long tp = tpPrefix[k];
      rows.add(Row.of(t, tp, k - tp, pos, neg));
    }
    Row best = null;
    if (pos > 0) {
      double bestF1 = -1.0;
      int k = 0;
      while (k < n) { // groups of equal scores, decreasing
        int end = k + 1;
        while (end < n && s[end] == s[k]) {
          end++;
        }
        long tp = tpPrefix[end];
        long fp = end - tp;
        double f1 = 2.0 * tp / (2 * tp + fp + (pos - tp));
        if (f1 >= bestF1) { // later groups have smaller scores: ties go to the smallest
          bestF1 = f1;
          best = Row.of(s[k], tp, fp, pos, neg);
        }
        k = end;
      }
    }
    return new ThresholdTable((int) pos, (int) neg, rows, best);
  }

  /** Number of leading entries of the descending array {@code s} that are {@code >= t}. */
  private static int countAtLeast(double[] s, double t) {
    int lo = 0;
    int hi = s.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (s[mid] >= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
