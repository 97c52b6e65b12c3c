package dev.hone.learner.xgboost;

/**
 * Tracks the best validation value (smaller is better) and decides when to stop, with XGBoost's own
 * semantics: a round is the new best only if its value is strictly smaller than the best so far
 * (ties and {@code NaN} never improve), and training stops at round {@code r} once {@code r - best
 * >= patience}. Patience 0 turns stopping off, but the best round is still tracked. Not
 * thread-safe.
 */
final class EarlyStopping {
  private final int patience;
  private int bestRound = -1;
  private double bestValue = Double.NaN;

  /**
   * @param patience rounds without strict improvement before stopping; 0 = never stop
   */
  EarlyStopping(int patience) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records the value of {@code round} (rounds must be given in order 0, 1, 2, ...).
   *
   * @return {@code true} when training should stop after this round
   */
  boolean observe(int round, double value) {
    if (!Double.isNaN(value) && (bestRound < 0 || Double.isNaN(bestValue) || value < bestValue)) {
      bestRound = round;
      bestValue = value;
    } else if (bestRound < 0) {
      // the first rounds were all NaN: count from round 0 so patience still applies
      bestRound = 0;
    }
    return patience > 0 && round - bestRound >= patience;
  }

  /** The best round so far, or -1 before the first observation. */
  int bestRound() {
    return bestRound;
  }

  /** The value at {@link #bestRound()}; {@code NaN} if no finite value was seen. */
  double bestValue() {
    return bestValue;
  }
}
