package dev.hone.fairness;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Per-group counts under integer row multiplicities (bootstrap resamples), for one grouping.
 *
 * <p>Rows are stored by group, and within a group by decreasing score, so that one pass over a
 * weight vector yields every count and the weighted Mann–Whitney statistic of each group (ties of
 * equal scores count ½, as in {@code dev.hone.eval.Metrics.rocAuc}). A resample drawn by {@link
 * #draw} is group-stratified: each group keeps its size, its rows drawn with replacement from
 * itself.
 */
final class GroupKernel {
  /** Weighted counts of one group. */
  record Counts(
      long n,
      long positives,
      long predictedPositives,
      long truePositives,
      long falsePositives,
      long correct,
      double sumScore,
      double sumSquaredError,
      long twiceU) {
    long negatives() {
      return n - positives;
    }
  }

  private final int[] start; // group g occupies slots [start[g], start[g+1])
  private final byte[] y;
  private final double[] score;
  private final boolean[] pred;
  private final int[][] tieEnds; // per group, exclusive slot ends of runs of equal scores

  GroupKernel(int[] labels, double[] scores, int[] predictions, Groups groups) {
    int[][] rows = groups.rowsByGroup();
    int gCount = rows.length;
    start = new int[gCount + 1];
    int n = labels.length;
    y = new byte[n];
    score = new double[n];
    pred = new boolean[n];
    tieEnds = new int[gCount][];
    int slot = 0;
    for (int g = 0; g < gCount; g++) {
      start[g] = slot;
      Integer[] order = Arrays.stream(rows[g]).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
      int[] ends = new int[order.length];
      int e = 0;
      for (int k = 0; k < order.length; k++) {
        int r = order[k];
        if (k > 0 && scores[r] != score[slot - 1]) {
          ends[e++] = slot;
        }
        y[slot] = (byte) labels[r];
        score[slot] = scores[r];
        pred[slot] = predictions[r] == 1;
        slot++;
      }
      if (order.length > 0) {
        ends[e++] = slot;
      }
      tieEnds[g] = Arrays.copyOf(ends, e);
    }
    start[gCount] = slot;
  }

  int groupCount() {
    return tieEnds.length;
  }

  int slots() {
    return y.length;
  }

  /** Fills {@code w} (by slot) with the multiplicities of one group-stratified resample. */
  void draw(SplittableRandom rng, int[] w) {
    Arrays.fill(w, 0);
    for (int g = 0; g < tieEnds.length; g++) {
      int lo = start[g];
      int size = start[g + 1] - lo;
      for (int k = 0; k < size; k++) {
        w[lo + rng.nextInt(size)]++;
      }
    }
  }

  /** Counts of every group for multiplicities {@code w} by slot; {@code null} = all ones. */
  Counts[] evaluate(int[] w) {
    Counts[] out = new Counts[tieEnds.length];
    for (int g = 0; g < tieEnds.length; g++) {
      long n = 0;
      long pos = 0;
      long predPos = 0;
      long tp = 0;
      long fp = 0;
      long correct = 0;
      double sumScore = 0; // Neumaier-compensated sums: the bootstrap sums thousands of terms
      double cScore = 0;
      double sumSq = 0;
      double cSq = 0;
      long area2 = 0;
      long posAbove = 0;
      int from = start[g];
      for (int end : tieEnds[g]) {
        long gp = 0;
        long gn = 0;
        for (int i = from; i < end; i++) {
          long wi = w == null ? 1 : w[i];
          if (wi == 0) {
            continue;
          }
          boolean positive = y[i] == 1;
          if (positive) {
            gp += wi;
          } else {
            gn += wi;
          }
          double ts = wi * score[i];
          double t = sumScore + ts;
          cScore += Math.abs(sumScore) >= Math.abs(ts) ? (sumScore - t) + ts : (ts - t) + sumScore;
          sumScore = t;
          double d = y[i] - score[i];
          double tq = wi * (d * d);
          t = sumSq + tq;
          cSq += Math.abs(sumSq) >= Math.abs(tq) ? (sumSq - t) + tq : (tq - t) + sumSq;
          sumSq = t;
          if (pred[i]) {
            predPos += wi;
            if (positive) {
              tp += wi;
              correct += wi;
            } else {
              fp += wi;
            }
          } else if (!positive) {
            correct += wi;
          }
        }
        from = end;
        // each negative here is beaten by every positive above, tied with those here
        area2 += gn * (2 * posAbove + gp);
        posAbove += gp;
        pos += gp;
        n += gp + gn;
      }
      out[g] =
          new Counts(n, pos, predPos, tp, fp, correct, sumScore + cScore, sumSq + cSq, area2);
    }
    return out;
  }
}
