package dev.hone.eval.leakage;

import dev.hone.core.error.InvalidParameterException;

/** Validation of split fractions. */
final class Fractions {
  private Fractions() {}

  /**
   * @throws InvalidParameterException unless there are at least two fractions, each in (0, 1),
   *     summing to 1 within 1e-9
   */
  static void check(double[] fractions) {
    if (fractions.length < 2) {
      throw new InvalidParameterException(
          "a split needs at least two fractions, e.g. {0.6, 0.2, 0.2}; got " + fractions.length);
    }
    double sum = 0;
    for (double f : fractions) {
      if (!(f > 0 && f < 1)) {
        throw new InvalidParameterException(
            "split fraction " + f + " must be in (0, 1); fractions were "
                + java.util.Arrays.toString(fractions));
      }
      sum += f;
    }
    if (Math.abs(sum - 1) > 1e-9) {
      throw new InvalidParameterException(
          "split fractions " + java.util.Arrays.toString(fractions) + " sum to " + sum
              + " but must sum to 1");
    }
  }
}
