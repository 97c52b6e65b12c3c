package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;
import java.util.function.DoublePredicate;

/**
 * The smallest budget ε at which an attack flips a row, by bisection over ε: {@code flips(ε)} is
 * evaluated at {@code hi} first (when it is false the row is not flipped within {@code hi}), then
 * the bracket {@code [lo, hi]} with {@code flips(lo) = false}, {@code flips(hi) = true} is halved
 * until {@code hi − lo ≤ tol}. The answer is the upper end: a budget at which the attack was seen
 * to succeed. Exact for attacks whose success is monotone in ε (FGSM on a linear model; a
 * minimal-distance attack); for others it is one flipping ε inside a bracket of width {@code tol}.
 */
public final class MinimalEpsilon {
  private MinimalEpsilon() {}

  /**
   * @param flips whether the attack at budget ε flips the row
   * @param hi the largest budget considered (&gt; 0)
   * @param tol bracket width at which to stop (&gt; 0)
   * @return the smallest flipping ε found, or {@code Double.POSITIVE_INFINITY} when {@code
   *     flips(hi)} is false
   */
  public static double bisect(DoublePredicate flips, double hi, double tol) {
    if (!(hi > 0) || !(tol > 0)) {
      throw new InvalidParameterException(
          "bisection needs hi > 0 and tol > 0; got hi=" + hi + ", tol=" + tol);
    }
    if (!flips.test(hi)) {
      return Double.POSITIVE_INFINITY;
    }
    if (flips.test(0)) {
      return 0;
    }
    double lo = 0;
    while (hi - lo > tol) {
      double mid = (lo + hi) / 2;
      if (flips.test(mid)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  }
}
