package dev.hone.data.split;

import java.util.Arrays;

/**
 * Row indices of a train / validation / test partition. The three arrays are disjoint, each sorted
 * ascending, and together hold every row {@code 0..n-1} exactly once. An array is empty when its
 * fraction was 0 (for instance the test part of a two-way split).
 *
 * @param train training rows
 * @param validation validation rows (early stopping, hyper-parameter search)
 * @param test held-out rows for the final, one-time evaluation
 */
public record SplitIndices(int[] train, int[] validation, int[] test) {
  public SplitIndices {
    train = train.clone();
    validation = validation.clone();
    test = test.clone();
  }

  @Override
  public int[] train() {
    return train.clone();
  }

  @Override
  public int[] validation() {
    return validation.clone();
  }

  @Override
  public int[] test() {
    return test.clone();
  }

  /** Total number of rows. */
  public int size() {
    return train.length + validation.length + test.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SplitIndices s
        && Arrays.equals(s.train, train)
        && Arrays.equals(s.validation, validation)
        && Arrays.equals(s.test, test);
  }

  @Override
  public int hashCode() {
    return (Arrays.hashCode(train) * 31 + Arrays.hashCode(validation)) * 31
        + Arrays.hashCode(test);
  }

  @Override
  public String toString() {
    return "SplitIndices[train=" + train.length + " rows, validation=" + validation.length
        + " rows, test=" + test.length + " rows]";
  }
}
