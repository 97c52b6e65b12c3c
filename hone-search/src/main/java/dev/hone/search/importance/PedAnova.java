package dev.hone.search.importance;

import dev.hone.core.error.UserInputException;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PED-ANOVA hyperparameter importance: S. Watanabe, A. Bansal, F. Hutter, "PED-ANOVA: Efficiently
 * Quantifying Hyperparameter Importance in Arbitrary Subspaces", IJCAI 2023.
 *
 * <p>For the top {@code gamma} fraction of COMPLETE trials (by value in the study's direction),
 * the importance of parameter {@code x_d} is the Pearson divergence between its marginal density
 * among the top trials, {@code p_top}, and among all trials, {@code p_all}: {@code D_d = integral
 * p_all(x) (p_top(x)/p_all(x) - 1)^2 dx} (the paper's Theorem 1 with the global space as the
 * region of interest: the local variance of {@code f} explained by {@code x_d}, up to the factor
 * {@code gamma^2}). A parameter that does not matter has the same marginal in both sets ({@code D
 * = 0}); one that must lie in a narrow range to be good has a sharply peaked {@code p_top}.
 *
 * <p>Densities: numeric parameters (in {@code ln x} for log scales) by Gaussian kernel density
 * estimates with Scott's bandwidth {@code 1.06 sd n^(-1/5)} (floored at 1% of the range),
 * reflected at both bounds to remove boundary bias, evaluated on {@value #GRID} evenly spaced
 * points and normalised there; integer and stepped parameters with at most {@value #GRID} values
 * on their own grid; categorical parameters by frequencies with add-one smoothing. The divergence
 * is then a sum over the grid. Cost {@code O(P n G)} for {@code P} parameters, {@code n} trials and
 * {@code G} grid points: no model is trained, unlike fANOVA.
 *
 * <p>Parameters: those present, with one distribution, in every COMPLETE trial used (others are
 * conditional and left out). Trials whose value is not finite are left out.
 */
public final class PedAnova {
  private PedAnova() {}

  /** Grid points per numeric parameter. */
  public static final int GRID = 100;

  /** Default top fraction (the paper's and Optuna's {@code target_quantile}). */
  public static final double DEFAULT_QUANTILE = 0.1;

  /**
   * Normalised importances with {@link #DEFAULT_QUANTILE}.
   *
   * @see #evaluate(List, Direction, double, boolean)
   */
  public static ImportanceResult evaluate(List<TrialRecord> trials, Direction direction) {
    return evaluate(trials, direction, DEFAULT_QUANTILE, true);
  }

  /**
   * PED-ANOVA importances.
   *
   * @param trials the study's trials (any states; only COMPLETE with finite values are used)
   * @param direction the study's direction
   * @param quantile the top fraction, in {@code (0, 1)}
   * @param normalize divide by the sum so importances add up to 1 (all zero stays zero)
   * @throws UserInputException if fewer than 2 top trials result (the message says how many
   *     COMPLETE trials are needed)
   * @throws IllegalArgumentException if {@code quantile} is not in {@code (0, 1)}
   */
  public static ImportanceResult evaluate(List<TrialRecord> trials, Direction direction,
      double quantile, boolean normalize) {
    if (!(quantile > 0 && quantile < 1)) {
      throw new IllegalArgumentException("quantile was " + quantile + " but must be in (0, 1)");
    }
    List<TrialRecord> used = new ArrayList<>();
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE && Double.isFinite(t.value())) {
        used.add(t);
      }
    }
    used.sort(Comparator.<TrialRecord>comparingDouble(t -> direction.toLoss(t.value()))
        .thenComparingInt(TrialRecord::number));
    int nTop = (int) Math.ceil(quantile * used.size());
    if (nTop < 2) {
      throw new UserInputException("PED-ANOVA needs at least 2 trials in the top " + quantile
          + " fraction but the study has " + used.size() + " COMPLETE trials with finite values;"
          + " run at least " + (int) Math.ceil(2 / quantile) + " trials or raise the quantile");
    }
    List<TrialRecord> top = used.subList(0, nTop);
    Map<String, Distribution> params = null;
    for (TrialRecord t : used) {
      if (params == null) {
        params = new TreeMap<>(t.distributions());
      } else {
        params.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
      }
    }
    List<ParamImportance> out = new ArrayList<>();
    double total = 0;
    for (Map.Entry<String, Distribution> e : params.entrySet()) {
      if (e.getValue().isSingle()) {
        continue;
      }
      double d = divergence(e.getKey(), e.getValue(), top, used);
      out.add(new ParamImportance(e.getKey(), d));
      total += d;
    }
    if (normalize && total > 0) {
      List<ParamImportance> n = new ArrayList<>();
      for (ParamImportance p : out) {
        n.add(new ParamImportance(p.name(), p.importance() / total));
      }
      out = n;
    }
    out.sort(Comparator.comparingDouble(ParamImportance::importance).reversed()
        .thenComparing(ParamImportance::name));
    return new ImportanceResult("ped-anova", quantile, used.size(), nTop, normalize, out);
  }

  /** Pearson divergence of the parameter's marginal in {@code top} from that in {@code all}. */
  static double divergence(String name, Distribution d, List<TrialRecord> top,
      List<TrialRecord> all) {
    double[] pt;
    double[] pa;
    if (d instanceof CategoricalDistribution c) {
      pt = frequencies(name, c, top);
      pa = frequencies(name, c, all);
    } else {
      double[] grid = grid(d);
      double lo = transform(d, low(d));
      double hi = transform(d, high(d));
      if (isDiscreteGrid(d)) {
        // half a step beyond the ends, like the Parzen bounds of discrete parameters
        double half = 0.5 * (grid.length > 1 ? grid[1] - grid[0] : 1);
        lo = grid[0] - half;
        hi = grid[grid.length - 1] + half;
      }
      pt = kde(values(name, d, top), grid, lo, hi);
      pa = kde(values(name, d, all), grid, lo, hi);
    }
    double s = 0;
    for (int i = 0; i < pt.length; i++) {
      if (pa[i] > 0) {
        double r = pt[i] / pa[i] - 1;
        s += pa[i] * r * r;
      }
    }
    return s;
  }

  private static double[] frequencies(String name, CategoricalDistribution c,
      List<TrialRecord> ts) {
    int m = c.choices().size();
    double[] p = new double[m];
    java.util.Arrays.fill(p, 1.0);
    double n = m;
    for (TrialRecord t : ts) {
      int k = c.choices().indexOf(t.params().get(name));
      if (k >= 0) {
        p[k]++;
        n++;
      }
    }
    for (int k = 0; k < m; k++) {
      p[k] /= n;
    }
    return p;
  }

  private static boolean isDiscreteGrid(Distribution d) {
    if (d instanceof IntDistribution i) {
      return !i.log() && i.gridIntervals() + 1 <= GRID;
    }
    FloatDistribution f = (FloatDistribution) d;
    return f.step() != null && f.gridIntervals() + 1 <= GRID;
  }

  private static double[] grid(Distribution d) {
    if (isDiscreteGrid(d)) {
      long k;
      double low;
      double step;
      if (d instanceof IntDistribution i) {
        k = i.gridIntervals();
        low = i.low();
        step = i.step();
      } else {
        FloatDistribution f = (FloatDistribution) d;
        k = f.gridIntervals();
        low = f.low();
        step = f.step();
      }
      double[] g = new double[(int) k + 1];
      for (int j = 0; j <= k; j++) {
        g[j] = low + j * step;
      }
      return g;
    }
    double lo = transform(d, low(d));
    double hi = transform(d, high(d));
    double[] g = new double[GRID];
    for (int j = 0; j < GRID; j++) {
      g[j] = lo + (j + 0.5) * (hi - lo) / GRID;
    }
    return g;
  }

  private static double low(Distribution d) {
    return d instanceof IntDistribution i ? i.low() : ((FloatDistribution) d).low();
  }

  private static double high(Distribution d) {
    return d instanceof IntDistribution i ? i.high() : ((FloatDistribution) d).high();
  }

  private static boolean log(Distribution d) {
    return d instanceof IntDistribution i ? i.log() : ((FloatDistribution) d).log();
  }

  private static double transform(Distribution d, double v) {
    return log(d) ? StrictMath.log(v) : v;
  }

  private static double[] values(String name, Distribution d, List<TrialRecord> ts) {
    double[] out = new double[ts.size()];
    int n = 0;
    for (TrialRecord t : ts) {
      Object v = t.params().get(name);
      if (v != null && d.contains(v)) {
        out[n++] = transform(d, ((Number) v).doubleValue());
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /** Reflected Gaussian KDE at {@code grid}, normalised to sum to 1 over the grid. */
  static double[] kde(double[] x, double[] grid, double lo, double hi) {
    int n = x.length;
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= Math.max(1, n);
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    double sd = n > 1 ? Math.sqrt(var / (n - 1)) : 0;
    double h = Math.max(0.01 * (hi - lo), 1.06 * sd * Math.pow(Math.max(n, 1), -0.2));
    double[] p = new double[grid.length];
    double total = 0;
    for (int j = 0; j < grid.length; j++) {
      double s = 0;
      for (double v : x) {
        s += gauss((grid[j] - v) / h) + gauss((grid[j] - (2 * lo - v)) / h)
            + gauss((grid[j] - (2 * hi - v)) / h);
      }
      p[j] = s;
      total += s;
    }
    for (int j = 0; j < grid.length; j++) {
      p[j] = total > 0 ? p[j] / total : 1.0 / grid.length;
    }
    return p;
  }

  private static double gauss(double z) {
    return StrictMath.exp(-0.5 * z * z);
  }
}
