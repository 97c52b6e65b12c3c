package dev.hone.robustness;

/**
 * The checks every attack applies to each example it returns: held features (immutable,
 * categorical, missing) are unchanged, every changed coordinate lies inside its range, and the
 * perturbation is within the budget: {@code ‖(x_adv − x) / scale‖ ≤ ε + 1e-12·max(1, ε)} in the
 * attack's norm, relative to the clean input.
 */
public final class Invariants {
  /** Absolute slack for floating-point rounding, in ε units. */
  public static final double TOLERANCE = 1e-12;

  private Invariants() {}

  /**
   * Checks one example.
   *
   * @param eps the budget, or {@code Double.POSITIVE_INFINITY} for an unbounded attack
   * @return the perturbation's norm in the domain's units
   * @throws IllegalStateException when an invariant fails (a defect of the attack)
   */
  public static double check(
      PerturbationDomain d, double[] x, double[] xAdv, Norm norm, double eps) {
    for (int j = 0; j < x.length; j++) {
      boolean same = Double.compare(x[j], xAdv[j]) == 0;
      if (!d.free(x, j)) {
        if (!same) {
          throw new IllegalStateException(
              "held feature '" + d.names().get(j) + "' changed from " + x[j] + " to " + xAdv[j]);
        }
      } else if (!same && (xAdv[j] < d.lower(j) || xAdv[j] > d.upper(j) || Double.isNaN(xAdv[j]))) {
        throw new IllegalStateException(
            "feature '" + d.names().get(j) + "' = " + xAdv[j] + " left its range [" + d.lower(j)
                + ", " + d.upper(j) + "]");
      }
    }
    double n = norm.of(d.scaledDelta(x, xAdv));
    if (n > eps + TOLERANCE * Math.max(1, eps)) {
      throw new IllegalStateException(
          "perturbation norm " + n + " (" + norm.label() + ") exceeds the budget " + eps);
    }
    return n;
  }
}
