package dev.hone.eval.slices;

/**
 * The per-row error {@link SliceLine} looks for slices of: non-negative, larger is worse.
 */
public enum ErrorKind {
  /**
   * Classification: 1 when the predicted class is wrong, else 0 (binary: class 1 iff P(class 1) &gt;
   * 0.5; multiclass: arg-max), as {@link dev.hone.eval.Metric#ACCURACY} predicts.
   */
  ZERO_ONE,
  /** Classification: the row's cross-entropy in nats, as {@link dev.hone.eval.Metrics#logLoss}. */
  LOG_LOSS,
  /** Regression: {@code (y − ŷ)²}. */
  SQUARED,
  /** Regression: {@code |y − ŷ|}. */
  ABSOLUTE
}
