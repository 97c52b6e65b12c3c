package dev.hone.eval;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import java.util.SplittableRandom;

/** Seeded synthetic labels and predictions for the tests that need no external oracle. */
final class Synthetic {
  final TaskType task;
  final double[] labels;
  final Predictions preds;

  private Synthetic(TaskType task, double[] labels, Predictions preds) {
    this.task = task;
    this.labels = labels;
    this.preds = preds;
  }

  /** Binary: P(y=1) = 0.35; scores rounded to {@code decimals} so that ties occur. */
  static Synthetic binary(int n, int decimals, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double scale = Math.pow(10, decimals);
    double[] y = new double[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      y[i] = rng.nextDouble() < 0.35 ? 1 : 0;
      double logit = 1.2 * (y[i] - 0.5) * 2 + rng.nextGaussian();
      double p1 = Math.round(scale / (1 + Math.exp(-logit))) / scale;
      p[i] = new double[] {1 - p1, p1};
    }
    return new Synthetic(TaskType.BINARY, y, new Predictions(TaskType.BINARY, p, null));
  }

  static Synthetic multiclass(int n, int k, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[n];
    double[][] p = new double[n][k];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(k);
      y[i] = c;
      double sum = 0;
      for (int j = 0; j < k; j++) {
        p[i][j] = Math.exp(rng.nextGaussian() + (j == c ? 1.0 : 0.0));
        sum += p[i][j];
      }
      for (int j = 0; j < k; j++) {
        p[i][j] /= sum;
      }
    }
    return new Synthetic(TaskType.MULTICLASS, y, new Predictions(TaskType.MULTICLASS, p, null));
  }

  static Synthetic regression(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] y = new double[n];
    double[] yhat = new double[n];
    for (int i = 0; i < n; i++) {
      double x = rng.nextGaussian();
      y[i] = 2 * x + rng.nextGaussian();
      yhat[i] = 1.8 * x;
    }
    return new Synthetic(TaskType.REGRESSION, y, new Predictions(TaskType.REGRESSION, null, yhat));
  }

  /** Rows {@code idx} of this data, in that order (duplicates allowed). */
  Synthetic rows(int[] idx) {
    double[] y = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      y[i] = labels[idx[i]];
    }
    if (task.isClassification()) {
      double[][] p = new double[idx.length][];
      for (int i = 0; i < idx.length; i++) {
        p[i] = preds.probabilities()[idx[i]];
      }
      return new Synthetic(task, y, new Predictions(task, p, null));
    }
    double[] v = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      v[i] = preds.values()[idx[i]];
    }
    return new Synthetic(task, y, new Predictions(task, null, v));
  }

  java.util.List<String> classNames() {
    if (!task.isClassification()) {
      return null;
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int k = 0; k < preds.probabilities()[0].length; k++) {
      names.add("c" + k);
    }
    return names;
  }
}
