package dev.hone.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A dense numeric design matrix handed to learners: {@code [nRows][nCols]} stored row-major in one
 * {@code float[]}; {@code NaN} marks a missing value. Produced by the fitted preprocessing.
 *
 * <p>Immutable by convention: the array is not copied for speed, and no code may write to it after
 * construction.
 *
 * @param data row-major values, length {@code nRows * nCols}
 * @param nRows number of rows (≥ 0)
 * @param featureNames one name per column; {@code nCols = featureNames.size()}
 */
public record FeatureMatrix(float[] data, int nRows, List<String> featureNames) {
  public FeatureMatrix {
    Objects.requireNonNull(data, "data");
    featureNames = List.copyOf(featureNames);
    if ((long) nRows * featureNames.size() != data.length) {
      throw new IllegalArgumentException(
          "data length " + data.length + " != " + nRows + " x " + featureNames.size());
    }
  }

  public int nCols() {
    return featureNames.size();
  }

  /** Value at ({@code row}, {@code col}). */
  public float get(int row, int col) {
    return data[row * featureNames.size() + col];
  }

  /** Rows {@code idx} in that order. */
  public FeatureMatrix select(int[] idx) {
    int c = nCols();
    float[] out = new float[idx.length * c];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(data, idx[i] * c, out, i * c, c);
    }
    return new FeatureMatrix(out, idx.length, featureNames);
  }
}
