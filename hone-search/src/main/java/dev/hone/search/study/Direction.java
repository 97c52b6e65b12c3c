package dev.hone.search.study;

/** Whether smaller or larger objective values are better. */
public enum Direction {
  MINIMIZE,
  MAXIMIZE;

  /** True when {@code a} is strictly better than {@code b} in this direction. */
  public boolean isBetter(double a, double b) {
    return this == MINIMIZE ? a < b : a > b;
  }

  /**
   * The value as a loss to minimise: {@code v} for MINIMIZE, {@code -v} for MAXIMIZE. Samplers
   * rank trials by this, which makes them direction-aware by construction.
   */
  public double toLoss(double v) {
    return this == MINIMIZE ? v : -v;
  }
}
