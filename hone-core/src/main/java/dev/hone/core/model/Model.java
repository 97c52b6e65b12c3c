package dev.hone.core.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A fitted model over preprocessed features. Holds native state in some implementations, so it is
 * {@link AutoCloseable}; close it when done. Implementations document their thread safety.
 */
public interface Model extends AutoCloseable {
  /** Name of the learner that produced it, as in {@link Learner#name()}. */
  String learnerName();

  /**
   * Predicts for every row of {@code x}.
   *
   * @param x features with the same columns, in the same order, as at fit time
   * @return predictions of shape {@code [x.nRows()]...}
   * @throws IllegalArgumentException if the column count differs
   */
  Predictions predict(FeatureMatrix x);

  /** Writes the model into {@code dir} (created if needed) so {@link Learner#load} can read it. */
  void save(Path dir);

  /** Facts learned during fitting for provenance, e.g. {@code best_iteration}. */
  Map<String, Object> fitInfo();

  @Override
  void close();
}
