package dev.hone.eval;

/**
 * Whether larger or smaller values of a metric are better.
 *
 * <p>Named after the optimisation direction a search takes when the metric is its objective
 * ({@code maximize} / {@code minimize}, as in Optuna's {@code StudyDirection}).
 */
public enum Direction {
  /** Larger is better (AUC, accuracy, F1, R²). */
  MAXIMIZE,
  /** Smaller is better (log loss, Brier score, RMSE, MAE). */
  MINIMIZE;

  /** {@code true} for {@link #MAXIMIZE}. */
  public boolean higherIsBetter() {
    return this == MAXIMIZE;
  }

  /**
   * Whether {@code candidate} is strictly better than {@code incumbent} in this direction.
   *
   * <p>A NaN candidate is never better; any non-NaN candidate is better than a NaN incumbent.
   *
   * @param candidate the new value
   * @param incumbent the value to beat
   * @return {@code true} when the candidate is strictly better
   */
  public boolean isBetter(double candidate, double incumbent) {
    if (Double.isNaN(candidate)) {
      return false;
    }
    if (Double.isNaN(incumbent)) {
      return true;
    }
    return this == MAXIMIZE ? candidate > incumbent : candidate < incumbent;
  }
}
