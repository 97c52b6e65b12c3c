package dev.hone.preprocess;

import dev.hone.core.model.FeatureMatrix;
import java.util.List;
import java.util.Objects;

/**
 * The output of {@link FittedPreprocessor#transformWithReport}: the feature matrix plus what the
 * caller should be warned about.
 *
 * @param matrix features {@code [nRows][featureNames().size()]}
 * @param unseen one entry per categorical column that had levels never seen in training, in input
 *     column order; empty when there were none
 */
public record TransformResult(FeatureMatrix matrix, List<UnseenLevels> unseen) {
  public TransformResult {
    Objects.requireNonNull(matrix, "matrix");
    unseen = List.copyOf(unseen);
  }

  /** Total rows, over all columns, whose level was unseen in training (a row may count twice). */
  public long unseenLevelCount() {
    long n = 0;
    for (UnseenLevels u : unseen) {
      n += u.rows();
    }
    return n;
  }
}
