package dev.hone.search.multiobjective;

import dev.hone.search.study.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The exact hypervolume indicator (Zitzler and Thiele 1998): the Lebesgue measure of the region
 * dominated by a set of loss vectors and bounded by a reference point.
 *
 * <p>Two objectives: a sweep over the points sorted by the first loss, {@code O(n log n)}. More:
 * hypervolume by slicing objectives (While, Hingston, Barone, Huband, "A faster algorithm for
 * calculating hypervolume", IEEE TEVC 10(1), 2006, the HSO scheme): sort by the last loss, and sum
 * the {@code (d-1)}-dimensional volumes of the points below each slice times the slice's
 * thickness, recursively down to the 2-D sweep; {@code O(n^(d-1) log n)}, exact, fine for the
 * front sizes of hyperparameter search with up to 4-5 objectives.
 *
 * <p>Points that do not strictly dominate the reference point in every coordinate contribute
 * nothing.
 */
public final class Hypervolume {
  private Hypervolume() {}

  /**
   * The hypervolume of {@code points} (losses, {@code [n][d]}) with respect to {@code reference}
   * ({@code [d]}).
   *
   * @throws IllegalArgumentException if a point's length differs from the reference's, or a
   *     coordinate is NaN
   */
  public static double of(double[][] points, double[] reference) {
    int d = reference.length;
    List<double[]> kept = new ArrayList<>();
    for (double[] p : points) {
      if (p.length != d) {
        throw new IllegalArgumentException("point " + Arrays.toString(p) + " has " + p.length
            + " coordinates but the reference point has " + d);
      }
      boolean inside = true;
      for (int i = 0; i < d; i++) {
        if (Double.isNaN(p[i]) || Double.isNaN(reference[i])) {
          throw new IllegalArgumentException("NaN coordinate in " + Arrays.toString(p)
              + " or reference " + Arrays.toString(reference));
        }
        inside &= p[i] < reference[i];
      }
      if (inside) {
        kept.add(p);
      }
    }
    if (kept.isEmpty()) {
      return 0;
    }
    return slice(kept, reference, d);
  }

  /**
   * The hypervolume of the feasible rankable evaluations, with objective values turned into
   * losses by {@code directions} and the reference point given in the objectives' own units
   * (e.g. {@code {0.5, 1e6}} for "AUC at least 0.5, at most 1 MB" with MAXIMIZE, MINIMIZE).
   */
  public static double of(List<Evaluation> evaluations, List<Direction> directions,
      double[] reference) {
    List<double[]> pts = new ArrayList<>();
    for (Evaluation e : evaluations) {
      if (e.rankable() && e.feasible()) {
        double[] p = new double[directions.size()];
        for (int i = 0; i < p.length; i++) {
          p[i] = directions.get(i).toLoss(e.values().get(i));
        }
        pts.add(p);
      }
    }
    double[] ref = new double[reference.length];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = directions.get(i).toLoss(reference[i]);
    }
    return of(pts.toArray(new double[0][]), ref);
  }

  private static double slice(List<double[]> pts, double[] ref, int d) {
    if (d == 1) {
      double min = ref[0];
      for (double[] p : pts) {
        min = Math.min(min, p[0]);
      }
      return ref[0] - min;
    }
    if (d == 2) {
      return sweep2d(pts, ref);
    }
    List<double[]> sorted = new ArrayList<>(pts);
    sorted.sort(Comparator.comparingDouble(p -> p[d - 1]));
    double volume = 0;
    List<double[]> below = new ArrayList<>();
    for (int k = 0; k < sorted.size(); k++) {
      below.add(sorted.get(k));
      double top = k + 1 < sorted.size() ? sorted.get(k + 1)[d - 1] : ref[d - 1];
      double thickness = top - sorted.get(k)[d - 1];
      if (thickness > 0) {
        volume += thickness * slice(below, ref, d - 1);
      }
    }
    return volume;
  }

  private static double sweep2d(List<double[]> pts, double[] ref) {
    double[][] s = pts.toArray(new double[0][]);
    Arrays.sort(s, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
    double area = 0;
    double bestY = ref[1];
    for (int i = 0; i < s.length; i++) {
      // between this x and the next, the dominated strip reaches down to the lowest y so far
      bestY = Math.min(bestY, s[i][1]);
      double x0 = s[i][0];
      double x1 = i + 1 < s.length ? s[i + 1][0] : ref[0];
      area += (x1 - x0) * (ref[1] - bestY);
    }
    return area;
  }
}
