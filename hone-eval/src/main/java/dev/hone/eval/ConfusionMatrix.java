package dev.hone.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Counts of (true class, predicted class) pairs on an evaluated split; the layout of {@code
 * sklearn.metrics.confusion_matrix(y, pred, labels=range(k))}.
 *
 * <p>Immutable: the counts are copied on construction and on access.
 *
 * @param labels the class names, index = class index, size {@code k >= 1}
 * @param counts shape {@code [k][k]}: {@code counts[t][p]} is the number of rows of true class
 *     {@code t} predicted as class {@code p}; rows sum to the class supports, the diagonal holds the
 *     correct predictions
 */
public record ConfusionMatrix(List<String> labels, long[][] counts) {
  /**
   * Copies and checks the arguments.
   *
   * @throws IllegalArgumentException if there are no labels, {@code counts} is not {@code [k][k]}
   *     or holds a negative count
   */
  public ConfusionMatrix {
    labels = List.copyOf(labels);
    int k = labels.size();
    if (k == 0) {
      throw new IllegalArgumentException("a confusion matrix needs at least one class");
    }
    if (counts.length != k) {
      throw new IllegalArgumentException(
          "counts has " + counts.length + " rows but there are " + k + " labels");
    }
    long[][] copy = new long[k][];
    for (int t = 0; t < k; t++) {
      if (counts[t].length != k) {
        throw new IllegalArgumentException(
            "counts row " + t + " has " + counts[t].length + " entries but must have " + k);
      }
      for (long c : counts[t]) {
        if (c < 0) {
          throw new IllegalArgumentException("counts row " + t + " holds a negative count " + c);
        }
      }
      copy[t] = counts[t].clone();
    }
    counts = copy;
  }

  /** A copy of the counts, shape {@code [k][k]}, {@code [true][predicted]}. */
  @Override
  public long[][] counts() {
    long[][] copy = new long[counts.length][];
    for (int t = 0; t < counts.length; t++) {
      copy[t] = counts[t].clone();
    }
    return copy;
  }

  /** Number of rows of true class {@code trueClass} predicted as {@code predictedClass}. */
  public long count(int trueClass, int predictedClass) {
    return counts[trueClass][predictedClass];
  }

  /** Total number of rows counted. */
  public long total() {
    long sum = 0;
    for (long[] row : counts) {
      for (long c : row) {
        sum += c;
      }
    }
    return sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConfusionMatrix other
        && labels.equals(other.labels)
        && Arrays.deepEquals(counts, other.counts);
  }

  @Override
  public int hashCode() {
    return 31 * labels.hashCode() + Arrays.deepHashCode(counts);
  }

  @Override
  public String toString() {
    return "ConfusionMatrix[labels=" + labels + ", counts=" + Arrays.deepToString(counts) + "]";
  }
}
