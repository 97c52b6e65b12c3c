package dev.hone.robustness;

import java.util.List;

/**
 * Accuracy under one attack as the budget grows.
 *
 * @param attack e.g. {@code fgsm}, {@code pgd-20}, {@code hopskipjump}, {@code noise-uniform}
 * @param norm {@code linf} or {@code l2}
 * @param units what ε is measured in, e.g. {@code "training standard deviations per feature"}
 * @param points one point per ε, ascending
 * @param examplesPerSecond attacked rows per second of wall time over the whole curve (NaN when
 *     not measured)
 */
public record RobustnessCurve(
    String attack, String norm, String units, List<Point> points, double examplesPerSecond) {
  public RobustnessCurve {
    points = List.copyOf(points);
  }

  /**
   * One budget.
   *
   * @param eps the budget ε
   * @param accuracy share of the attacked rows still classified correctly under the attack (rows
   *     misclassified when clean count as wrong)
   * @param successRate share of the clean-correct rows the attack flipped (NaN when none)
   * @param rows rows attacked
   * @param flipped clean-correct rows flipped
   */
  public record Point(double eps, double accuracy, double successRate, int rows, int flipped) {}

  /** The point at {@code eps}, or {@code null}. */
  public Point at(double eps) {
    for (Point p : points) {
      if (p.eps() == eps) {
        return p;
      }
    }
    return null;
  }
}
