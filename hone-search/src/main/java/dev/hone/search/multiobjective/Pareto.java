package dev.hone.search.multiobjective;

import dev.hone.search.study.Direction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pareto dominance, non-dominated sorting and crowding distance (K. Deb, A. Pratap, S. Agarwal,
 * T. Meyarivan, "A Fast and Elitist Multiobjective Genetic Algorithm: NSGA-II", IEEE TEVC 6(2),
 * 2002, Sections III.A, III.B and IV for constrained domination).
 *
 * <p>Objective vectors are compared as losses ({@link Direction#toLoss}), so directions may be
 * mixed. {@code a} dominates {@code b} when it is no worse in every objective and strictly better
 * in at least one: two identical vectors do not dominate each other (both stay on the front), and
 * a vector equal in one objective and worse in another is dominated. Only {@link
 * Evaluation#rankable() rankable} evaluations (COMPLETE, no NaN) are ever ranked: FAIL, PRUNED and
 * RUNNING trials never enter a front.
 */
public final class Pareto {
  private Pareto() {}

  /**
   * Whether {@code a} dominates {@code b} (see the class documentation).
   *
   * @throws IllegalArgumentException if the lengths differ from {@code directions}
   */
  public static boolean dominates(List<Double> a, List<Double> b, List<Direction> directions) {
    if (a.size() != directions.size() || b.size() != directions.size()) {
      throw new IllegalArgumentException("objective vectors " + a + " and " + b + " must have "
          + directions.size() + " entries, one per direction " + directions);
    }
    boolean strictly = false;
    for (int i = 0; i < a.size(); i++) {
      double la = directions.get(i).toLoss(a.get(i));
      double lb = directions.get(i).toLoss(b.get(i));
      if (la > lb) {
        return false;
      }
      if (la < lb) {
        strictly = true;
      }
    }
    return strictly;
  }

  /**
   * Deb's constrained domination: a feasible evaluation dominates an infeasible one; of two
   * infeasible ones the smaller total violation dominates; two feasible ones compare by {@link
   * #dominates}.
   */
  public static boolean constrainedDominates(Evaluation a, Evaluation b, List<Direction> dirs) {
    boolean fa = a.feasible();
    boolean fb = b.feasible();
    if (fa && !fb) {
      return true;
    }
    if (!fa && !fb) {
      return a.violation() < b.violation();
    }
    if (!fa) {
      return false;
    }
    return dominates(a.values(), b.values(), dirs);
  }

  /**
   * The Pareto front: the feasible rankable evaluations that no other feasible rankable
   * evaluation dominates, in input order. Infeasible evaluations are never on it (the best
   * trials reported are feasible); empty when none is feasible.
   */
  public static List<Evaluation> front(List<Evaluation> evaluations, List<Direction> directions) {
    List<Evaluation> pool = new ArrayList<>();
    for (Evaluation e : evaluations) {
      if (e.rankable() && e.feasible()) {
        pool.add(e);
      }
    }
    List<Evaluation> out = new ArrayList<>();
    for (Evaluation e : pool) {
      boolean dominated = false;
      for (Evaluation o : pool) {
        if (o != e && dominates(o.values(), e.values(), directions)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Fast non-dominated sorting under constrained domination: fronts {@code F1, F2, ...} of the
   * rankable evaluations (each front in input order), {@code O(M N^2)}.
   */
  public static List<List<Evaluation>> sort(List<Evaluation> evaluations,
      List<Direction> directions) {
    List<Evaluation> pool = new ArrayList<>();
    for (Evaluation e : evaluations) {
      if (e.rankable()) {
        pool.add(e);
      }
    }
    int n = pool.size();
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominating = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      dominating.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (i != j && constrainedDominates(pool.get(i), pool.get(j), directions)) {
          dominating.get(i).add(j);
          dominatedBy[j]++;
        }
      }
    }
    List<List<Evaluation>> fronts = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedBy[i] == 0) {
        current.add(i);
      }
    }
    while (!current.isEmpty()) {
      List<Evaluation> f = new ArrayList<>();
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        f.add(pool.get(i));
        for (int j : dominating.get(i)) {
          if (--dominatedBy[j] == 0) {
            next.add(j);
          }
        }
      }
      next.sort(Comparator.naturalOrder());
      fronts.add(f);
      current = next;
    }
    return fronts;
  }

  /**
   * Crowding distance of each member of one front (same order): per objective, the boundary
   * members get infinity and inner ones the normalised gap between their neighbours, summed over
   * objectives. An objective with equal values throughout contributes nothing.
   */
  public static double[] crowdingDistance(List<Evaluation> front, List<Direction> directions) {
    int n = front.size();
    double[] d = new double[n];
    if (n == 0) {
      return d;
    }
    for (int m = 0; m < directions.size(); m++) {
      final int obj = m;
      Integer[] idx = new Integer[n];
      for (int i = 0; i < n; i++) {
        idx[i] = i;
      }
      Arrays.sort(idx, Comparator.comparingDouble(i -> front.get(i).values().get(obj)));
      double lo = front.get(idx[0]).values().get(obj);
      double hi = front.get(idx[n - 1]).values().get(obj);
      d[idx[0]] = Double.POSITIVE_INFINITY;
      d[idx[n - 1]] = Double.POSITIVE_INFINITY;
      if (!(hi > lo) || !Double.isFinite(hi - lo)) {
        continue;
      }
      for (int k = 1; k < n - 1; k++) {
        d[idx[k]] += (front.get(idx[k + 1]).values().get(obj)
            - front.get(idx[k - 1]).values().get(obj)) / (hi - lo);
      }
    }
    return d;
  }
}
