package dev.hone.fairness;

import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Post-processing to a fairness constraint with per-group randomised thresholds (Hardt, Price and
 * Srebro 2016), as fairlearn's {@code ThresholdOptimizer} does: fitted on a validation set after
 * training, applied to new scores with {@link FittedThresholds#apply}.
 *
 * <h2>Method</h2>
 *
 * For each group the deterministic rules "predict 1 iff score ≥ t", for {@code t} over {+∞, the
 * group's distinct validation scores, −∞}, give points (FP, TP) of its ROC curve. Mixing two rules
 * at random reaches every point of the segment between them, so the reachable operating points are
 * the convex hull of the ROC points. The objective — expected accuracy, or balanced accuracy
 * (mean of overall TPR and TNR) — is linear in each group's (TPR, FPR) with positive weight on TPR
 * and negative on FPR, so only the upper convex hull matters:
 *
 * <ul>
 *   <li>{@link Constraint#DEMOGRAPHIC_PARITY}: every group gets the same selection rate {@code r};
 *       each group's best point at rate {@code r} lies on its upper hull; the total objective is
 *       concave and piecewise linear in {@code r}, so its maximum is at a hull vertex of some
 *       group, and every such vertex is tried (an exact search, no grid).
 *   <li>{@link Constraint#EQUAL_OPPORTUNITY}: the same TPR {@code y} in every group, each at the
 *       smallest FPR its upper hull allows; again concave, maximised over the hull vertices.
 *   <li>{@link Constraint#EQUALIZED_ODDS}: the same (FPR, TPR) in every group. The common points
 *       reachable by all groups lie under the lower envelope of their upper hulls; the objective is
 *       maximised at a breakpoint of that envelope (hull vertices and pairwise hull crossings). A
 *       group whose hull lies above the chosen point reaches it by mixing its hull point with a
 *       score-independent coin of the same FPR (a point on the ROC diagonal), as in fairlearn.
 * </ul>
 *
 * The constraint therefore holds exactly, in expectation over the coin flips, on the validation
 * data; no tolerance is needed. Realised predictions are random: on the validation data their
 * rates differ from the expected ones by sampling noise only. The optimum equals that of the linear
 * program over all mixtures of threshold rules (checked in the tests against scipy's HiGHS).
 *
 * <h2>Groups</h2>
 *
 * Rules are fitted for every group with validation rows; {@link FittedThresholds#apply} refuses a
 * group it has not seen, naming it. Equal opportunity needs positives in every group, equalized
 * odds positives and negatives; balanced accuracy needs both classes overall. Otherwise a {@link
 * DataValidationException} says which group lacks what.
 *
 * <p>References: Hardt, Price and Srebro, "Equality of Opportunity in Supervised Learning",
 * NeurIPS 2016; fairlearn {@code postprocessing.ThresholdOptimizer} (Bird et al. 2020); Provost
 * and Fawcett, "Robust classification for imprecise environments", Machine Learning 42, 2001 (the
 * ROC convex hull).
 */
public final class ThresholdOptimizer {
  /** The fairness constraint. */
  public enum Constraint {
    /** Equal selection rates P(ŷ=1 | g). */
    DEMOGRAPHIC_PARITY,
    /** Equal true positive rates P(ŷ=1 | y=1, g). */
    EQUAL_OPPORTUNITY,
    /** Equal true and false positive rates. */
    EQUALIZED_ODDS
  }

  /** What is maximised subject to the constraint. */
  public enum Objective {
    /** Expected fraction of correct predictions over all validation rows. */
    ACCURACY,
    /** Expected (TPR + TNR) / 2 over all validation rows. */
    BALANCED_ACCURACY
  }

  private ThresholdOptimizer() {}

  /** One vertex of a group's upper ROC hull, in counts. */
  private record Vertex(double fp, double tp, double threshold) {}

  /** A group's hull and counts. */
  private static final class Hull {
    final String key;
    final int n;
    final double pos;
    final double neg;
    final Vertex[] v;

    Hull(String key, int n, double pos, double neg, Vertex[] v) {
      this.key = key;
      this.n = n;
      this.pos = pos;
      this.neg = neg;
      this.v = v;
    }
  }

  /** A point on a hull: between vertices {@code k} and {@code k+1} with weight {@code mix}. */
  private record Point(int k, double mix, double fp, double tp) {}

  /**
   * Fits per-group thresholds on validation data.
   *
   * @param labels validation labels in {0, 1}, shape {@code [n]}
   * @param scores validation scores P(class 1), shape {@code [n]}, NaN-free
   * @param groups the attribute's groups of the same rows
   * @param constraint the fairness constraint
   * @param objective accuracy or balanced accuracy
   * @param seed seed of the coin flips at prediction time
   * @return the fitted rules
   * @throws DataValidationException if a group lacks the positives or negatives the constraint
   *     needs, or balanced accuracy is asked for with a single class
   * @throws IllegalArgumentException on empty or mismatched inputs, labels outside {0, 1}, NaN
   *     scores
   */
  public static FittedThresholds fit(
      int[] labels,
      double[] scores,
      Groups groups,
      Constraint constraint,
      Objective objective,
      long seed) {
    int[] dummy = new int[labels.length];
    FairnessAudit.validate(labels, scores, dummy, List.of(groups), java.util.Map.of());
    int n = labels.length;
    long posAll = Arrays.stream(labels).filter(y -> y == 1).count();
    long negAll = n - posAll;
    if (objective == Objective.BALANCED_ACCURACY && (posAll == 0 || negAll == 0)) {
      throw new DataValidationException(
          "balanced accuracy needs both classes in the validation data, which has " + posAll
              + " positive and " + negAll + " negative rows; use ACCURACY or more data");
    }
    List<Hull> hulls = new ArrayList<>();
    int[][] rows = groups.rowsByGroup();
    for (int g = 0; g < rows.length; g++) {
      if (rows[g].length > 0) {
        hulls.add(hull(groups.keys().get(g), rows[g], labels, scores));
      }
    }
    for (Hull h : hulls) {
      String col = String.join(", ", groups.columns());
      if (constraint != Constraint.DEMOGRAPHIC_PARITY && h.pos == 0) {
        throw new DataValidationException(
            "group '" + h.key + "' of column " + col + " has no positive rows in the validation"
                + " data, so its true positive rate cannot be set; " + constraint
                + " needs positives in every group (merge the group or use DEMOGRAPHIC_PARITY)");
      }
      if (constraint == Constraint.EQUALIZED_ODDS && h.neg == 0) {
        throw new DataValidationException(
            "group '" + h.key + "' of column " + col + " has no negative rows in the validation"
                + " data, so its false positive rate cannot be set; EQUALIZED_ODDS needs"
                + " negatives in every group");
      }
    }
    // the objective is Σ_g (a·TP_g − b·FP_g) + const, with TP, FP in counts
    double a = objective == Objective.ACCURACY ? 1.0 / n : 0.5 / posAll;
    double b = objective == Objective.ACCURACY ? 1.0 / n : 0.5 / negAll;
    double constant = objective == Objective.ACCURACY ? (double) negAll / n : 0.5;

    List<GroupRule> rules = new ArrayList<>();
    double total = constant;
    switch (constraint) {
      case DEMOGRAPHIC_PARITY, EQUAL_OPPORTUNITY -> {
        boolean dp = constraint == Constraint.DEMOGRAPHIC_PARITY;
        TreeSet<Double> candidates = new TreeSet<>();
        for (Hull h : hulls) {
          for (Vertex v : h.v) {
            candidates.add(dp ? (v.fp + v.tp) / h.n : v.tp / h.pos);
          }
        }
        double best = Double.NEGATIVE_INFINITY;
        double bestT = 0;
        for (double t : candidates) {
          double value = 0;
          for (Hull h : hulls) {
            Point p = dp ? atSelection(h, t * h.n) : atTruePositives(h, t * h.pos);
            value += a * p.tp - b * p.fp;
          }
          if (value > best) {
            best = value;
            bestT = t;
          }
        }
        for (Hull h : hulls) {
          Point p = dp ? atSelection(h, bestT * h.n) : atTruePositives(h, bestT * h.pos);
          rules.add(rule(h, p, 0, 0));
        }
        total += best;
      }
      case EQUALIZED_ODDS -> {
        double bestX = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (double x : envelopeBreakpoints(hulls)) {
          double y = envelope(hulls, x);
          double value = a * y * posAll - b * x * negAll;
          if (value > best) {
            best = value;
            bestX = x;
          }
        }
        double y = envelope(hulls, bestX);
        for (Hull h : hulls) {
          Point p = atFalsePositives(h, bestX * h.neg);
          double hy = p.tp / h.pos;
          double share = hy > bestX ? (hy - y) / (hy - bestX) : 0;
          share = Math.min(1, Math.max(0, share));
          rules.add(rule(h, p, share, bestX));
        }
        total += best;
      }
      default -> throw new AssertionError(constraint);
    }
    return new FittedThresholds(
        groups.name(), groups.columns(), constraint, objective, seed, rules, total, n);
  }

  private static GroupRule rule(Hull h, Point p, double share, double rate) {
    Vertex lo = h.v[p.k];
    Vertex hi = p.k + 1 < h.v.length ? h.v[p.k + 1] : lo;
    double tp = (1 - share) * p.tp + share * rate * h.pos;
    double fp = (1 - share) * p.fp + share * rate * h.neg;
    return new GroupRule(
        h.key, lo.threshold, hi.threshold, p.mix, share, rate, h.n, (tp + fp) / h.n,
        h.pos == 0 ? Double.NaN : tp / h.pos, h.neg == 0 ? Double.NaN : fp / h.neg);
  }

  /** The upper convex hull of a group's ROC points in counts, from (0, 0) to (N, P). */
  private static Hull hull(String key, int[] rows, int[] labels, double[] scores) {
    Integer[] order = Arrays.stream(rows).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x]));
    List<Vertex> pts = new ArrayList<>();
    pts.add(new Vertex(0, 0, Double.POSITIVE_INFINITY));
    double fp = 0;
    double tp = 0;
    for (int k = 0; k < order.length; k++) {
      int r = order[k];
      if (labels[r] == 1) {
        tp++;
      } else {
        fp++;
      }
      boolean lastOfTie = k + 1 == order.length || scores[order[k + 1]] != scores[r];
      if (lastOfTie) {
        pts.add(new Vertex(fp, tp, k + 1 == order.length ? Double.NEGATIVE_INFINITY : scores[r]));
      }
    }
    // Andrew's monotone chain, upper part; points are already ordered by (fp, tp)
    List<Vertex> up = new ArrayList<>();
    for (Vertex p : pts) {
      while (up.size() >= 2 && cross(up.get(up.size() - 2), up.get(up.size() - 1), p) >= 0) {
        up.remove(up.size() - 1);
      }
      up.add(p);
    }
    return new Hull(key, rows.length, tp, fp, up.toArray(Vertex[]::new));
  }

  private static double cross(Vertex o, Vertex a, Vertex b) {
    return (a.fp - o.fp) * (b.tp - o.tp) - (a.tp - o.tp) * (b.fp - o.fp);
  }

  /** The hull point selecting {@code count} rows (FP + TP = count). */
  private static Point atSelection(Hull h, double count) {
    Vertex[] v = h.v;
    for (int k = 0; k + 1 < v.length; k++) {
      double c0 = v[k].fp + v[k].tp;
      double c1 = v[k + 1].fp + v[k + 1].tp;
      if (count <= c1) {
        double mix = Math.max(0, Math.min(1, (count - c0) / (c1 - c0)));
        return point(v, k, mix);
      }
    }
    return point(v, v.length - 1, 0);
  }

  /** The hull point with {@code tpCount} true positives and the fewest false positives. */
  private static Point atTruePositives(Hull h, double tpCount) {
    Vertex[] v = h.v;
    if (tpCount <= v[0].tp) {
      return point(v, 0, 0);
    }
    for (int k = 0; k + 1 < v.length; k++) {
      if (tpCount <= v[k + 1].tp) {
        double mix = Math.max(0, Math.min(1, (tpCount - v[k].tp) / (v[k + 1].tp - v[k].tp)));
        return point(v, k, mix);
      }
    }
    return point(v, v.length - 1, 0);
  }

  /** The highest hull point with {@code fpCount} false positives. */
  private static Point atFalsePositives(Hull h, double fpCount) {
    Vertex[] v = h.v;
    int k = 0;
    while (k + 1 < v.length && v[k + 1].fp <= fpCount) {
      k++;
    }
    if (k + 1 == v.length) {
      return point(v, k, 0);
    }
    double mix = Math.max(0, Math.min(1, (fpCount - v[k].fp) / (v[k + 1].fp - v[k].fp)));
    return point(v, k, mix);
  }

  private static Point point(Vertex[] v, int k, double mix) {
    if (k + 1 >= v.length || mix == 0) {
      return new Point(Math.min(k, v.length - 1), 0, v[Math.min(k, v.length - 1)].fp,
          v[Math.min(k, v.length - 1)].tp);
    }
    Vertex lo = v[k];
    Vertex hi = v[k + 1];
    return new Point(
        k, mix, lo.fp + mix * (hi.fp - lo.fp), lo.tp + mix * (hi.tp - lo.tp));
  }

  /** min over groups of the upper-hull TPR at FPR {@code x}. */
  private static double envelope(List<Hull> hulls, double x) {
    double m = Double.POSITIVE_INFINITY;
    for (Hull h : hulls) {
      m = Math.min(m, atFalsePositives(h, x * h.neg).tp / h.pos);
    }
    return m;
  }

  /** FPR values where the envelope may bend: hull vertices and pairwise crossings. */
  private static List<Double> envelopeBreakpoints(List<Hull> hulls) {
    TreeSet<Double> xs = new TreeSet<>();
    xs.add(0.0);
    xs.add(1.0);
    for (Hull h : hulls) {
      for (Vertex v : h.v) {
        xs.add(v.fp / h.neg);
      }
    }
    List<Double> base = new ArrayList<>(xs);
    for (int i = 0; i + 1 < base.size(); i++) {
      double x0 = base.get(i);
      double x1 = base.get(i + 1);
      int g = hulls.size();
      double[] y0 = new double[g];
      double[] y1 = new double[g];
      for (int j = 0; j < g; j++) {
        Hull h = hulls.get(j);
        // values just inside the interval: both ends of the linear piece
        y0[j] = linearAt(h, x0, x1, x0);
        y1[j] = linearAt(h, x0, x1, x1);
      }
      for (int p = 0; p < g; p++) {
        for (int q = p + 1; q < g; q++) {
          double d0 = y0[p] - y0[q];
          double d1 = y1[p] - y1[q];
          if ((d0 < 0 && d1 > 0) || (d0 > 0 && d1 < 0)) {
            xs.add(x0 + (x1 - x0) * d0 / (d0 - d1));
          }
        }
      }
    }
    return new ArrayList<>(xs);
  }

  /** The linear piece of a hull on {@code [x0, x1]} (no vertex inside) evaluated at {@code x}. */
  private static double linearAt(Hull h, double x0, double x1, double x) {
    double mid = 0.5 * (x0 + x1);
    Point p = atFalsePositives(h, mid * h.neg);
    Vertex lo = h.v[p.k];
    Vertex hi = p.k + 1 < h.v.length ? h.v[p.k + 1] : lo;
    if (hi.fp == lo.fp) {
      return lo.tp / h.pos;
    }
    double slope = (hi.tp - lo.tp) / (hi.fp - lo.fp); // counts
    return (lo.tp + slope * (x * h.neg - lo.fp)) / h.pos;
  }
}
