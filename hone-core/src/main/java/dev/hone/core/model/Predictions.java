package dev.hone.core.model;

import dev.hone.core.data.TaskType;

/**
 * Model output for {@code nRows} rows. Immutable by convention (arrays are not copied).
 *
 * <p>Classification: {@code probabilities} has shape {@code [nRows][nClasses]}, each row summing to
 * 1 (within float rounding); {@code values} is {@code null}. Regression: {@code values} has shape
 * {@code [nRows]}; {@code probabilities} is {@code null}.
 *
 * @param task the task the model was trained for
 * @param probabilities class probabilities, classification only
 * @param values predicted values, regression only
 */
public record Predictions(TaskType task, double[][] probabilities, double[] values) {
  public Predictions {
    if (task.isClassification() ? probabilities == null : values == null) {
      throw new IllegalArgumentException("predictions do not match task " + task);
    }
  }

  public int size() {
    return task.isClassification() ? probabilities.length : values.length;
  }

  /** Binary only: probability of class 1, shape {@code [nRows]}. */
  public double[] positiveScores() {
    if (task != TaskType.BINARY) {
      throw new IllegalStateException("positive scores exist only for binary tasks");
    }
    double[] out = new double[probabilities.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = probabilities[i][1];
    }
    return out;
  }

  /** Classification only: the arg-max class index per row, shape {@code [nRows]}. */
  public int[] predictedClasses() {
    int[] out = new int[probabilities.length];
    for (int i = 0; i < out.length; i++) {
      double[] p = probabilities[i];
      int best = 0;
      for (int k = 1; k < p.length; k++) {
        if (p[k] > p[best]) {
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
