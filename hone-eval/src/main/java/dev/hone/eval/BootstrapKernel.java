package dev.hone.eval;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.List;

/**
 * Evaluates every metric of a task on a bootstrap resample given as integer row multiplicities.
 *
 * <p>A resample that draws row {@code i} {@code w[i]} times has the same value of every metric as
 * the original rows weighted by {@code w}: means become weighted means, and rank statistics count a
 * row {@code w[i]} times (a positive and a negative drawn {@code a} and {@code b} times form {@code
 * a·b} pairs). The work that does not depend on the resample — sorting by score, grouping tied
 * scores, per-row loss terms, hard predictions — is done once here, so one resample costs a single
 * O(n) pass over all metrics instead of O(n log n) per ranking metric.
 *
 * <p>Rows are stored in an internal order (by decreasing score for binary tasks); {@link
 * #slot(int)} maps an original row index to its position, and {@link #evaluate} takes weights in
 * that order. Not thread-safe to share a weight array; the kernel itself is immutable.
 */
abstract class BootstrapKernel {
  private final List<Metric> metrics;
  private final int[] slotOfRow; // null = identity

  private BootstrapKernel(List<Metric> metrics, int[] slotOfRow) {
    this.metrics = metrics;
    this.slotOfRow = slotOfRow;
  }

  /** The metrics evaluated, in the order {@link #evaluate} writes them. */
  final List<Metric> metrics() {
    return metrics;
  }

  /** Number of rows. */
  abstract int size();

  /** Position of original row {@code row} in the weight array. */
  final int slot(int row) {
    return slotOfRow == null ? row : slotOfRow[row];
  }

  /**
   * Writes the value of each metric for the row multiplicities {@code weights} (indexed by slot,
   * each {@code >= 0}, not all zero) into {@code out[0 .. metrics().size())}; NaN where undefined.
   */
  abstract void evaluate(int[] weights, double[] out);

  /** A kernel for {@code Metric.forTask(task)}; inputs must already be validated. */
  static BootstrapKernel of(TaskType task, double[] labels, Predictions preds) {
    switch (task) {
      case BINARY:
        return new Binary(labels, preds);
      case MULTICLASS:
        return new Multiclass(labels, preds);
      case REGRESSION:
        return new Regression(labels, preds);
      default:
        throw new AssertionError(task);
    }
  }

  // ------------------------------------------------------------------ binary

  private static final class Binary extends BootstrapKernel {
    private final byte[] y; // sorted by decreasing P(class 1)
    private final int[] groupEnds; // runs of equal scores
    private final double[] logLossTerm;
    private final double[] brierTerm;
    private final boolean[] predictedPositive;
    private final boolean nanScore;

    Binary(double[] labels, Predictions preds) {
      this(labels, preds, preds.positiveScores());
    }

    private Binary(double[] labels, Predictions preds, double[] score) {
      this(labels, preds, score, hasNaN(score));
    }

    private Binary(double[] labels, Predictions preds, double[] score, boolean nan) {
      this(labels, preds, score, nan, nan ? identity(score.length) : Metrics.descendingOrder(score));
    }

    private Binary(
        double[] labels, Predictions preds, double[] score, boolean nan, int[] order) {
      super(Metric.forTask(TaskType.BINARY), inverse(order));
      nanScore = nan;
      int n = score.length;
      double[][] p = preds.probabilities();
      y = new byte[n];
      logLossTerm = new double[n];
      brierTerm = new double[n];
      predictedPositive = new boolean[n];
      double[] sortedScore = new double[n];
      for (int k = 0; k < n; k++) {
        int row = order[k];
        int label = (int) labels[row];
        y[k] = (byte) label;
        sortedScore[k] = score[row];
        logLossTerm[k] = Metrics.logLossTerm(p[row], label);
        double d = label - score[row];
        brierTerm[k] = d * d;
        predictedPositive[k] = score[row] > Metric.BINARY_THRESHOLD;
      }
      groupEnds = nan ? new int[] {n} : Metrics.tieGroupEnds(sortedScore);
    }

    private static boolean hasNaN(double[] a) {
      for (double v : a) {
        if (Double.isNaN(v)) {
          return true;
        }
      }
      return false;
    }

    private static int[] identity(int n) {
      int[] a = new int[n];
      for (int i = 0; i < n; i++) {
        a[i] = i;
      }
      return a;
    }

    private static int[] inverse(int[] order) {
      int[] slot = new int[order.length];
      for (int k = 0; k < order.length; k++) {
        slot[order[k]] = k;
      }
      return slot;
    }

    @Override
    int size() {
      return y.length;
    }

    @Override
    void evaluate(int[] w, double[] out) {
      long tp = 0; // positives so far, by decreasing score
      long fp = 0;
      long area2 = 0;
      double apSum = 0.0;
      double logLoss = 0.0;
      double brier = 0.0;
      long correct = 0;
      long predPos = 0;
      long truePredPos = 0;
      int start = 0;
      for (int end : groupEnds) {
        long gp = 0;
        long gn = 0;
        for (int i = start; i < end; i++) {
          int wi = w[i];
          if (wi == 0) {
            continue;
          }
          boolean positive = y[i] == 1;
          if (positive) {
            gp += wi;
          } else {
            gn += wi;
          }
          logLoss += wi * logLossTerm[i];
          brier += wi * brierTerm[i];
          if (predictedPositive[i]) {
            predPos += wi;
            if (positive) {
              truePredPos += wi;
              correct += wi;
            }
          } else if (!positive) {
            correct += wi;
          }
        }
        start = end;
        if (gp == 0 && gn == 0) {
          continue;
        }
        area2 += gn * (2 * tp + gp);
        tp += gp;
        fp += gn;
        if (gp > 0) {
          apSum += gp * ((double) tp / (double) (tp + fp));
        }
      }
      long total = tp + fp;
      boolean ranksDefined = !nanScore;
      out[0] = (!ranksDefined || tp == 0 || fp == 0) ? Double.NaN : (double) area2 / (2.0 * tp * fp);
      out[1] = (!ranksDefined || tp == 0) ? Double.NaN : apSum / tp;
      out[2] = logLoss / total;
      out[3] = brier / total;
      out[4] = (double) correct / total;
      long f1Denominator = tp + predPos; // 2·TP + FP + FN
      out[5] = f1Denominator == 0 ? 0.0 : (2.0 * truePredPos) / f1Denominator;
    }
  }

  // ------------------------------------------------------------------ multiclass

  private static final class Multiclass extends BootstrapKernel {
    private final int[] y;
    private final int[] pred;
    private final double[] logLossTerm;
    private final int nClasses;

    Multiclass(double[] labels, Predictions preds) {
      super(Metric.forTask(TaskType.MULTICLASS), null);
      double[][] p = preds.probabilities();
      int n = p.length;
      nClasses = p[0].length;
      y = new int[n];
      logLossTerm = new double[n];
      for (int i = 0; i < n; i++) {
        y[i] = (int) labels[i];
        logLossTerm[i] = Metrics.logLossTerm(p[i], y[i]);
      }
      pred = preds.predictedClasses();
    }

    @Override
    int size() {
      return y.length;
    }

    @Override
    void evaluate(int[] w, double[] out) {
      long[] tp = new long[nClasses];
      long[] trueCount = new long[nClasses];
      long[] predCount = new long[nClasses];
      long total = 0;
      long correct = 0;
      double logLoss = 0.0;
      for (int i = 0; i < y.length; i++) {
        int wi = w[i];
        if (wi == 0) {
          continue;
        }
        total += wi;
        logLoss += wi * logLossTerm[i];
        trueCount[y[i]] += wi;
        predCount[pred[i]] += wi;
        if (y[i] == pred[i]) {
          correct += wi;
          tp[y[i]] += wi;
        }
      }
      // order of Metric.forTask(MULTICLASS): log_loss, accuracy, macro_f1
      out[0] = logLoss / total;
      out[1] = (double) correct / total;
      out[2] = Metrics.macroF1FromCounts(tp, trueCount, predCount);
    }
  }

  // ------------------------------------------------------------------ regression

  private static final class Regression extends BootstrapKernel {
    private final double[] y;
    private final double[] sq;
    private final double[] abs;

    Regression(double[] labels, Predictions preds) {
      super(Metric.forTask(TaskType.REGRESSION), null);
      double[] yhat = preds.values();
      int n = labels.length;
      y = labels.clone();
      sq = new double[n];
      abs = new double[n];
      for (int i = 0; i < n; i++) {
        double r = labels[i] - yhat[i];
        sq[i] = r * r;
        abs[i] = Math.abs(r);
      }
    }

    @Override
    int size() {
      return y.length;
    }

    @Override
    void evaluate(int[] w, double[] out) {
      long total = 0;
      double sumY = 0.0;
      double sse = 0.0;
      double sae = 0.0;
      double first = Double.NaN;
      boolean constant = true;
      for (int i = 0; i < y.length; i++) {
        int wi = w[i];
        if (wi == 0) {
          continue;
        }
        if (total == 0) {
          first = y[i];
        } else {
          constant &= y[i] == first;
        }
        total += wi;
        sumY += wi * y[i];
        sse += wi * sq[i];
        sae += wi * abs[i];
      }
      // order of Metric.forTask(REGRESSION): rmse, mae, r2
      out[0] = Math.sqrt(sse / total);
      out[1] = sae / total;
      if (constant) {
        out[2] = Metrics.r2Constant(sse);
        return;
      }
      double mean = sumY / total;
      double ssTot = 0.0;
      for (int i = 0; i < y.length; i++) {
        int wi = w[i];
        if (wi != 0) {
          double d = y[i] - mean;
          ssTot += wi * (d * d);
        }
      }
      out[2] = 1.0 - sse / ssTot;
    }
  }
}
