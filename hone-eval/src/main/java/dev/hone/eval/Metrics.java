package dev.hone.eval;

/**
 * Evaluation metrics as pure static functions over plain arrays, each matching a scikit-learn
 * function (the version the tests were generated with is recorded in the test resource {@code
 * reference_metrics.json}; agreement is to a relative 1e-12).
 *
 * <p>Conventions:
 *
 * <ul>
 *   <li>Class labels are class indices: {@code 0} and {@code 1} for binary functions (1 is the
 *       positive class), {@code 0 .. nClasses-1} for multiclass ones.
 *   <li>Probabilities have shape {@code [nRows][nClasses]}; scores and values have shape {@code
 *       [nRows]}.
 *   <li>A metric that is mathematically undefined on its input returns {@link Double#NaN}: ROC AUC
 *       when only one class is present, average precision when no positive is present. NaN scores
 *       also give NaN. Callers (e.g. the bootstrap in {@link Evaluator}) decide what NaN means.
 *   <li>Arrays of different lengths, empty arrays and labels outside the allowed range are
 *       programming errors and throw {@link IllegalArgumentException}.
 * </ul>
 *
 * <p>Thread safety: stateless; safe to call from any thread. Inputs are never modified.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>Pedregosa et al., "Scikit-learn: Machine Learning in Python", JMLR 12, 2011 ({@code
 *       sklearn.metrics}).
 *   <li>Fawcett, "An introduction to ROC analysis", Pattern Recognition Letters 27(8), 2006.
 *   <li>Hanley and McNeil, "The meaning and use of the area under a receiver operating
 *       characteristic (ROC) curve", Radiology 143(1), 1982.
 *   <li>Brier, "Verification of forecasts expressed in terms of probability", Monthly Weather
 *       Review 78(1), 1950.
 * </ul>
 */
public final class Metrics {
  /**
   * Probabilities are clipped to {@code [LOG_LOSS_EPS, 1 - LOG_LOSS_EPS]} before the logarithm:
   * the machine epsilon of IEEE-754 double precision, 2<sup>-52</sup> ≈ 2.22e-16, which is {@code
   * numpy.finfo(numpy.float64).eps}, the clip scikit-learn applies to float64 input since 1.2.
   */
  public static final double LOG_LOSS_EPS = Math.ulp(1.0);

  private Metrics() {}

  // ------------------------------------------------------------------ binary ranking

  /**
   * Area under the ROC curve for a binary task; matches {@code sklearn.metrics.roc_auc_score(y,
   * score)}.
   *
   * <p>Computed exactly as the Mann–Whitney U statistic with mid-ranks for ties: the fraction of
   * (positive, negative) pairs in which the positive scores higher, a tie counting one half. This
   * equals the trapezoidal area under the ROC curve whose points are the distinct score thresholds,
   * which is what scikit-learn integrates. The count is kept in 64-bit integers and divided once.
   *
   * @param y true labels in {0, 1}, shape {@code [n]}
   * @param score scores for class 1 (larger = more likely positive), shape {@code [n]}; any
   *     order-preserving transform gives the same value
   * @return AUC in [0, 1]; NaN when {@code y} holds a single class (scikit-learn raises) or a score
   *     is NaN
   * @throws IllegalArgumentException on empty or mismatched arrays or labels outside {0, 1}
   */
  public static double rocAuc(int[] y, double[] score) {
    return rankingMetrics(y, score)[0];
  }

  /**
   * Average precision for a binary task; matches {@code
   * sklearn.metrics.average_precision_score(y, score)}.
   *
   * <p>{@code AP = Σ_k (R_k − R_{k−1}) · P_k} over the distinct score thresholds {@code t_k} taken
   * in decreasing order, where {@code P_k} and {@code R_k} are the precision and recall of
   * predicting positive when {@code score >= t_k}, and {@code R_0 = 0}. It is the step-wise area
   * under the precision–recall curve, not the interpolated (11-point or trapezoidal) variant. Rows
   * with equal scores form one threshold step.
   *
   * @param y true labels in {0, 1}, shape {@code [n]}
   * @param score scores for class 1, shape {@code [n]}
   * @return AP in [0, 1]; NaN when {@code y} holds no positive (scikit-learn returns 0 with a
   *     warning; recall is undefined there, so Hone reports it as undefined) or a score is NaN
   * @throws IllegalArgumentException on empty or mismatched arrays or labels outside {0, 1}
   */
  public static double averagePrecision(int[] y, double[] score) {
    return rankingMetrics(y, score)[1];
  }

  /** {@code [rocAuc, averagePrecision]} with one sort. */
  private static double[] rankingMetrics(int[] y, double[] score) {
    requireSameLength(y.length, score.length, "score");
    requireBinaryLabels(y);
    for (double s : score) {
      if (Double.isNaN(s)) {
        return new double[] {Double.NaN, Double.NaN};
      }
    }
    int[] order = descendingOrder(score);
    int n = y.length;
    byte[] ySorted = new byte[n];
    double[] sSorted = new double[n];
    for (int i = 0; i < n; i++) {
      ySorted[i] = (byte) y[order[i]];
      sSorted[i] = score[order[i]];
    }
    double[] out = new double[2];
    rankingFromSorted(ySorted, null, tieGroupEnds(sSorted), out, 0);
    return out;
  }

  /**
   * ROC AUC and average precision from rows already sorted by decreasing score.
   *
   * @param ySorted labels in sorted order
   * @param weights integer row weights in sorted order (bootstrap multiplicities), or {@code null}
   *     for all ones
   * @param groupEnds exclusive end of each run of equal scores, increasing, last = n
   * @param out receives AUC at {@code out[at]} and AP at {@code out[at + 1]}
   */
  static void rankingFromSorted(
      byte[] ySorted, int[] weights, int[] groupEnds, double[] out, int at) {
    long tp = 0;
    long fp = 0;
    long area2 = 0; // twice the Mann–Whitney U count
    double apSum = 0.0; // Σ (positives in step) · precision at step
    int start = 0;
    for (int end : groupEnds) {
      long gp = 0;
      long gn = 0;
      for (int i = start; i < end; i++) {
        long w = weights == null ? 1 : weights[i];
        if (ySorted[i] == 1) {
          gp += w;
        } else {
          gn += w;
        }
      }
      start = end;
      if (gp == 0 && gn == 0) {
        continue;
      }
      // each negative in this step is beaten by every earlier positive, tied with those here
      area2 += gn * (2 * tp + gp);
      tp += gp;
      fp += gn;
      if (gp > 0) {
        apSum += gp * ((double) tp / (double) (tp + fp));
      }
    }
    out[at] = (tp == 0 || fp == 0) ? Double.NaN : (double) area2 / (2.0 * tp * fp);
    out[at + 1] = tp == 0 ? Double.NaN : apSum / tp;
  }

  // ------------------------------------------------------------------ probabilistic

  /**
   * Mean cross-entropy (log loss) for binary or multiclass probabilities; matches {@code
   * sklearn.metrics.log_loss(y, proba, labels=range(nClasses))}.
   *
   * <p>Each probability is clipped to {@code [LOG_LOSS_EPS, 1 − LOG_LOSS_EPS]} (see {@link
   * #LOG_LOSS_EPS}), each row is then divided by its sum, and the loss is the mean over rows of
   * {@code −ln p[i][y[i]]}, in nats. The renormalisation is scikit-learn's behaviour up to 1.4
   * (later versions warn or fail instead when rows do not sum to one); it matters only for rows
   * that do not already sum to one, e.g. float32 model output, where it changes the result by about
   * the float32 rounding error. Since {@code nClasses} comes from the probabilities, the loss is
   * defined even when some class is absent from {@code y}.
   *
   * @param y true class indices in {@code [0, nClasses)}, shape {@code [n]}
   * @param proba class probabilities, shape {@code [n][nClasses]}, {@code nClasses >= 2}
   * @return log loss, {@code >= 0}; at most −ln {@link #LOG_LOSS_EPS} ≈ 36.04 when each row sums
   *     to one; NaN if a probability is NaN
   * @throws IllegalArgumentException on empty or mismatched arrays, ragged rows, fewer than two
   *     columns, or labels outside {@code [0, nClasses)}
   */
  public static double logLoss(int[] y, double[][] proba) {
    requireSameLength(y.length, proba.length, "proba");
    int k = requireRectangular(proba);
    requireLabels(y, k);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      sum += logLossTerm(proba[i], y[i]);
    }
    return sum / y.length;
  }

  /** {@code −ln} of the clipped, renormalised probability of {@code label} in {@code row}. */
  static double logLossTerm(double[] row, int label) {
    double rowSum = 0.0;
    for (double p : row) {
      rowSum += clip(p);
    }
    return -Math.log(clip(row[label]) / rowSum);
  }

  private static double clip(double p) {
    return Math.min(Math.max(p, LOG_LOSS_EPS), 1.0 - LOG_LOSS_EPS);
  }

  /**
   * Brier score, the mean squared difference between the predicted probability of class 1 and the
   * 0/1 outcome; matches {@code sklearn.metrics.brier_score_loss(y, p1, pos_label=1)}.
   *
   * @param y true labels in {0, 1}, shape {@code [n]}
   * @param p1 predicted probability of class 1, shape {@code [n]}, expected in [0, 1] (not checked)
   * @return Brier score in [0, 1] for probabilities in [0, 1]; lower is better
   * @throws IllegalArgumentException on empty or mismatched arrays or labels outside {0, 1}
   */
  public static double brierScore(int[] y, double[] p1) {
    requireSameLength(y.length, p1.length, "p1");
    requireBinaryLabels(y);
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - p1[i];
      sum += d * d;
    }
    return sum / y.length;
  }

  // ------------------------------------------------------------------ hard predictions

  /**
   * Fraction of rows whose predicted class equals the true class; matches {@code
   * sklearn.metrics.accuracy_score(y, pred)}. Works for any number of classes.
   *
   * @param y true class indices, shape {@code [n]}
   * @param pred predicted class indices, shape {@code [n]}
   * @return accuracy in [0, 1]
   * @throws IllegalArgumentException on empty or mismatched arrays
   */
  public static double accuracy(int[] y, int[] pred) {
    requireSameLength(y.length, pred.length, "pred");
    long correct = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] == pred[i]) {
        correct++;
      }
    }
    return (double) correct / y.length;
  }

  /**
   * F1 score of the positive class 1; matches {@code sklearn.metrics.f1_score(y, pred)} (average
   * {@code 'binary'}, {@code pos_label=1}, default {@code zero_division}).
   *
   * <p>Computed as {@code 2·TP / (2·TP + FP + FN)}, the harmonic mean of precision and recall.
   * When no row is positive in either {@code y} or {@code pred} (TP = FP = FN = 0) the score is
   * 0.0, the value scikit-learn returns there by default (with an {@code UndefinedMetricWarning}).
   * When positives exist but none is predicted, precision is taken as 0 and the score is 0.0, as
   * in scikit-learn.
   *
   * @param y true labels in {0, 1}, shape {@code [n]}
   * @param pred predicted labels in {0, 1}, shape {@code [n]}
   * @return F1 in [0, 1]
   * @throws IllegalArgumentException on empty or mismatched arrays or labels outside {0, 1}
   */
  public static double f1(int[] y, int[] pred) {
    requireSameLength(y.length, pred.length, "pred");
    requireBinaryLabels(y);
    requireBinaryLabels(pred);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < y.length; i++) {
      if (pred[i] == 1) {
        if (y[i] == 1) {
          tp++;
        } else {
          fp++;
        }
      } else if (y[i] == 1) {
        fn++;
      }
    }
    long denom = 2 * tp + fp + fn;
    return denom == 0 ? 0.0 : (2.0 * tp) / denom;
  }

  /**
   * Unweighted mean of the per-class F1 scores; matches {@code sklearn.metrics.f1_score(y, pred,
   * average='macro')}.
   *
   * <p>As in scikit-learn without an explicit {@code labels} argument, the mean runs over the
   * classes present in {@code y} or in {@code pred} (their union): a class that appears in
   * neither is left out, while a class that appears in only one of them scores 0 and is included.
   * Each class's F1 is {@code 2·TP / (2·TP + FP + FN)}.
   *
   * @param y true class indices in {@code [0, nClasses)}, shape {@code [n]}
   * @param pred predicted class indices in {@code [0, nClasses)}, shape {@code [n]}
   * @param nClasses number of classes, {@code >= 1}
   * @return macro F1 in [0, 1]
   * @throws IllegalArgumentException on empty or mismatched arrays or labels outside {@code [0,
   *     nClasses)}
   */
  public static double macroF1(int[] y, int[] pred, int nClasses) {
    requireSameLength(y.length, pred.length, "pred");
    if (nClasses < 1) {
      throw new IllegalArgumentException("nClasses was " + nClasses + " but must be >= 1");
    }
    requireLabels(y, nClasses);
    requireLabels(pred, nClasses);
    long[] tp = new long[nClasses];
    long[] trueCount = new long[nClasses];
    long[] predCount = new long[nClasses];
    for (int i = 0; i < y.length; i++) {
      trueCount[y[i]]++;
      predCount[pred[i]]++;
      if (y[i] == pred[i]) {
        tp[y[i]]++;
      }
    }
    return macroF1FromCounts(tp, trueCount, predCount);
  }

  /** Macro F1 from per-class counts (any non-negative weights), over classes with support. */
  static double macroF1FromCounts(long[] tp, long[] trueCount, long[] predCount) {
    double sum = 0.0;
    int present = 0;
    for (int c = 0; c < tp.length; c++) {
      long denom = trueCount[c] + predCount[c]; // = 2·TP + FP + FN
      if (denom > 0) {
        sum += (2.0 * tp[c]) / denom;
        present++;
      }
    }
    return present == 0 ? Double.NaN : sum / present;
  }

  // ------------------------------------------------------------------ regression

  /**
   * Root mean squared error; matches {@code sklearn.metrics.mean_squared_error(y, yhat,
   * squared=False)} (named {@code root_mean_squared_error} in newer releases).
   *
   * @param y true values, shape {@code [n]}
   * @param yhat predicted values, shape {@code [n]}
   * @return RMSE in [0, ∞), in the units of {@code y}
   * @throws IllegalArgumentException on empty or mismatched arrays
   */
  public static double rmse(double[] y, double[] yhat) {
    requireSameLength(y.length, yhat.length, "yhat");
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      double d = y[i] - yhat[i];
      sum += d * d;
    }
    return Math.sqrt(sum / y.length);
  }

  /**
   * Mean absolute error; matches {@code sklearn.metrics.mean_absolute_error(y, yhat)}.
   *
   * @param y true values, shape {@code [n]}
   * @param yhat predicted values, shape {@code [n]}
   * @return MAE in [0, ∞), in the units of {@code y}
   * @throws IllegalArgumentException on empty or mismatched arrays
   */
  public static double mae(double[] y, double[] yhat) {
    requireSameLength(y.length, yhat.length, "yhat");
    double sum = 0.0;
    for (int i = 0; i < y.length; i++) {
      sum += Math.abs(y[i] - yhat[i]);
    }
    return sum / y.length;
  }

  /**
   * Coefficient of determination R² = 1 − SS<sub>res</sub> / SS<sub>tot</sub>; matches {@code
   * sklearn.metrics.r2_score(y, yhat)} (default {@code force_finite=True}).
   *
   * <p>Constant target (every {@code y} equal, so SS<sub>tot</sub> = 0): the result is 1.0 when
   * the prediction is perfect (SS<sub>res</sub> = 0) and 0.0 otherwise, as scikit-learn returns.
   * Constancy is decided by comparing the values themselves rather than by testing the computed
   * SS<sub>tot</sub> against zero, so that the rounding error of the mean (e.g. of ten copies of
   * 0.1) cannot turn a constant target into a huge negative score.
   *
   * @param y true values, shape {@code [n]}
   * @param yhat predicted values, shape {@code [n]}
   * @return R² in (−∞, 1]
   * @throws IllegalArgumentException on empty or mismatched arrays
   */
  public static double r2(double[] y, double[] yhat) {
    requireSameLength(y.length, yhat.length, "yhat");
    int n = y.length;
    double sumY = 0.0;
    double ssRes = 0.0;
    boolean constant = true;
    for (int i = 0; i < n; i++) {
      sumY += y[i];
      double d = y[i] - yhat[i];
      ssRes += d * d;
      constant &= y[i] == y[0];
    }
    if (constant) {
      return r2Constant(ssRes);
    }
    double mean = sumY / n;
    double ssTot = 0.0;
    for (int i = 0; i < n; i++) {
      double d = y[i] - mean;
      ssTot += d * d;
    }
    return 1.0 - ssRes / ssTot;
  }

  /** scikit-learn's {@code force_finite} values for a constant target. */
  static double r2Constant(double ssRes) {
    if (Double.isNaN(ssRes)) {
      return Double.NaN;
    }
    return ssRes == 0.0 ? 1.0 : 0.0;
  }

  // ------------------------------------------------------------------ helpers

  /** Indices that sort {@code key} in decreasing order (merge sort; NaN-free keys). */
  static int[] descendingOrder(double[] key) {
    int n = key.length;
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    int[] b = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int o = lo;
        while (i < mid && j < hi) {
          b[o++] = key[a[j]] > key[a[i]] ? a[j++] : a[i++];
        }
        while (i < mid) {
          b[o++] = a[i++];
        }
        while (j < hi) {
          b[o++] = a[j++];
        }
      }
      int[] t = a;
      a = b;
      b = t;
    }
    return a;
  }

  /** Exclusive end of each run of equal values in a sorted array; the last entry is its length. */
  static int[] tieGroupEnds(double[] sorted) {
    int n = sorted.length;
    int[] ends = new int[n];
    int g = 0;
    for (int i = 1; i < n; i++) {
      if (sorted[i] != sorted[i - 1]) {
        ends[g++] = i;
      }
    }
    ends[g++] = n;
    return java.util.Arrays.copyOf(ends, g);
  }

  static void requireSameLength(int n, int m, String what) {
    if (n == 0) {
      throw new IllegalArgumentException("metrics need at least one row, got 0");
    }
    if (n != m) {
      throw new IllegalArgumentException(
          "y has " + n + " rows but " + what + " has " + m + ": they must have the same length");
    }
  }

  static void requireBinaryLabels(int[] y) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] != 0 && y[i] != 1) {
        throw new IllegalArgumentException(
            "label at index " + i + " is " + y[i] + " but binary metrics need 0 or 1");
      }
    }
  }

  static void requireLabels(int[] y, int nClasses) {
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0 || y[i] >= nClasses) {
        throw new IllegalArgumentException(
            "label at index " + i + " is " + y[i] + " but must be in [0, " + nClasses + ")");
      }
    }
  }

  static int requireRectangular(double[][] proba) {
    int k = proba[0].length;
    if (k < 2) {
      throw new IllegalArgumentException(
          "proba has " + k + " column(s) but needs one per class, at least 2");
    }
    for (int i = 1; i < proba.length; i++) {
      if (proba[i].length != k) {
        throw new IllegalArgumentException(
            "proba row " + i + " has " + proba[i].length + " columns but row 0 has " + k);
      }
    }
    return k;
  }
}
