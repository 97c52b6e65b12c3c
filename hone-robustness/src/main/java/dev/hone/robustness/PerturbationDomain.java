package dev.hone.robustness;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where adversarial examples may lie, for a model's input features ({@code nFeatures} columns):
 * which features may change ({@link #mutable}), the unit in which each change is measured
 * ({@link #scale}) and the valid range of each feature ({@link #lower}, {@link #upper}).
 *
 * <p>Units: a perturbation {@code δ = x_adv − x} is measured as {@code z_j = δ_j / scale_j}, and an
 * attack with budget ε keeps {@code ‖z‖ ≤ ε} in its norm. For tabular data {@link #fromTraining}
 * takes {@code scale_j} = the training standard deviation (population, divisor n) of feature j, so
 * an L∞ budget ε = 0.5 lets every mutable feature move by half a standard deviation; the range is the
 * training minimum and maximum. Held features ({@code mutable_j = false}) are never changed; a
 * missing value ({@code NaN}) in a row is held too. Immutable.
 */
public final class PerturbationDomain {
  private final List<String> names;
  private final double[] scale;
  private final double[] lower;
  private final double[] upper;
  private final boolean[] mutable;
  private final String[] notes;

  /**
   * @param names feature names, {@code nFeatures}
   * @param scale per-feature unit of ε, each finite and {@code > 0} where mutable
   * @param lower per-feature minimum (finite where mutable)
   * @param upper per-feature maximum, {@code ≥ lower}
   * @param mutable whether each feature may change
   * @param notes why each held feature is held ({@code null} entries allowed)
   * @throws InvalidParameterException if shapes differ or a mutable feature has an invalid scale
   *     or range
   */
  public PerturbationDomain(
      List<String> names, double[] scale, double[] lower, double[] upper, boolean[] mutable,
      String[] notes) {
    int d = names.size();
    if (scale.length != d || lower.length != d || upper.length != d || mutable.length != d
        || (notes != null && notes.length != d)) {
      throw new InvalidParameterException(
          "perturbation domain: " + d + " names but arrays of length " + scale.length + ", "
              + lower.length + ", " + upper.length + ", " + mutable.length);
    }
    for (int j = 0; j < d; j++) {
      if (mutable[j]
          && (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(lower[j])
              || !Double.isFinite(upper[j]) || lower[j] > upper[j])) {
        throw new InvalidParameterException(
            "feature '" + names.get(j) + "' is mutable but has scale " + scale[j] + " and range ["
                + lower[j] + ", " + upper[j] + "]; the scale must be finite and > 0 and the range"
                + " finite with lower <= upper");
      }
    }
    this.names = List.copyOf(names);
    this.scale = scale.clone();
    this.lower = lower.clone();
    this.upper = upper.clone();
    this.mutable = mutable.clone();
    this.notes = notes == null ? new String[d] : notes.clone();
  }

  /**
   * Every feature mutable, scale 1 and range {@code [lo, hi]}: images with pixels in [0, 1].
   *
   * @param nFeatures number of features
   */
  public static PerturbationDomain uniform(int nFeatures, double lo, double hi) {
    List<String> names = new ArrayList<>(nFeatures);
    for (int j = 0; j < nFeatures; j++) {
      names.add("x" + j);
    }
    double[] s = new double[nFeatures];
    double[] l = new double[nFeatures];
    double[] u = new double[nFeatures];
    boolean[] m = new boolean[nFeatures];
    Arrays.fill(s, 1);
    Arrays.fill(l, lo);
    Arrays.fill(u, hi);
    Arrays.fill(m, true);
    return new PerturbationDomain(names, s, l, u, m, null);
  }

  /**
   * The tabular default from the training rows: scale = training standard deviation (divisor n),
   * range = training [min, max], missing values ignored. A feature is held when it is named in
   * {@code held} (with its reason), or it is constant or entirely missing in training.
   *
   * @param xTrain training rows {@code [n][nFeatures]} in the model's feature space
   * @param names feature names
   * @param held features to hold, with why (e.g. "one-hot of categorical 'sex'", "immutable")
   * @throws InvalidParameterException if a held name is not a feature
   */
  public static PerturbationDomain fromTraining(
      double[][] xTrain, List<String> names, Map<String, String> held) {
    int d = names.size();
    for (String h : held.keySet()) {
      if (!names.contains(h)) {
        throw new InvalidParameterException(
            "held feature '" + h + "' is not one of the model's " + d + " features");
      }
    }
    double[] s = new double[d];
    double[] l = new double[d];
    double[] u = new double[d];
    boolean[] m = new boolean[d];
    String[] notes = new String[d];
    for (int j = 0; j < d; j++) {
      double mean = 0;
      long n = 0;
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (double[] row : xTrain) {
        double v = row[j];
        if (Double.isNaN(v)) {
          continue;
        }
        n++;
        mean += (v - mean) / n;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      double ss = 0;
      for (double[] row : xTrain) {
        if (!Double.isNaN(row[j])) {
          ss += (row[j] - mean) * (row[j] - mean);
        }
      }
      s[j] = n == 0 ? Double.NaN : Math.sqrt(ss / n);
      l[j] = n == 0 ? Double.NaN : lo;
      u[j] = n == 0 ? Double.NaN : hi;
      String why = held.get(names.get(j));
      if (why != null) {
        notes[j] = why;
      } else if (n == 0) {
        notes[j] = "missing in every training row";
      } else if (!(s[j] > 0)) {
        notes[j] = "constant in training";
      } else {
        m[j] = true;
      }
    }
    return new PerturbationDomain(names, s, l, u, m, notes);
  }

  /** This domain with the named features held as well. */
  public PerturbationDomain holding(Collection<String> features, String why) {
    boolean[] m = mutable.clone();
    String[] n = notes.clone();
    for (String f : features) {
      int j = names.indexOf(f);
      if (j < 0) {
        throw new InvalidParameterException("feature '" + f + "' is not one of the model's features");
      }
      m[j] = false;
      n[j] = why;
    }
    return new PerturbationDomain(names, scale, lower, upper, m, n);
  }

  public int nFeatures() {
    return names.size();
  }

  public List<String> names() {
    return names;
  }

  public double scale(int j) {
    return scale[j];
  }

  public double lower(int j) {
    return lower[j];
  }

  public double upper(int j) {
    return upper[j];
  }

  public boolean mutable(int j) {
    return mutable[j];
  }

  /** Number of mutable features. */
  public int mutableCount() {
    int c = 0;
    for (boolean b : mutable) {
      c += b ? 1 : 0;
    }
    return c;
  }

  /** The per-feature budget, one entry per feature in order. */
  public List<FeatureBudget> budget() {
    List<FeatureBudget> out = new ArrayList<>(names.size());
    for (int j = 0; j < names.size(); j++) {
      out.add(
          new FeatureBudget(
              names.get(j), mutable[j], scale[j], lower[j], upper[j],
              mutable[j] ? "" : (notes[j] == null ? "held" : notes[j])));
    }
    return List.copyOf(out);
  }

  /**
   * Rejects rows an attack cannot start from: wrong width, or a mutable feature outside
   * {@code [lower, upper]} (missing values are allowed and held).
   *
   * @param x rows {@code [n][nFeatures]}
   * @throws DataValidationException naming the row, feature, value and range
   */
  public void checkInside(double[][] x) {
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != names.size()) {
        throw new DataValidationException(
            "row " + i + " has " + x[i].length + " features but the model has " + names.size());
      }
      for (int j = 0; j < names.size(); j++) {
        double v = x[i][j];
        if (mutable[j] && !Double.isNaN(v) && (v < lower[j] || v > upper[j])) {
          throw new DataValidationException(
              "row " + i + ", feature '" + names.get(j) + "' = " + v + " lies outside its valid"
                  + " range [" + lower[j] + ", " + upper[j] + "]; an attack must start inside the"
                  + " range. Widen the range (e.g. a domain built from more data) or hold the"
                  + " feature");
        }
      }
    }
  }

  /** Whether feature {@code j} of row {@code x} may change: mutable and not missing. */
  boolean free(double[] x, int j) {
    return mutable[j] && !Double.isNaN(x[j]);
  }

  /**
   * The scaled perturbation {@code (xAdv − x) / scale} over the free features of {@code x}; zero on
   * held ones.
   */
  public double[] scaledDelta(double[] x, double[] xAdv) {
    double[] z = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      if (free(x, j)) {
        z[j] = (xAdv[j] - x[j]) / scale[j];
      }
    }
    return z;
  }

  /** Clips {@code v} into the range of feature {@code j}. */
  double clip(int j, double v) {
    return Math.min(upper[j], Math.max(lower[j], v));
  }

  /** Feature names that are held, in order. */
  public Set<String> heldNames() {
    Set<String> out = new java.util.LinkedHashSet<>();
    for (int j = 0; j < names.size(); j++) {
      if (!mutable[j]) {
        out.add(names.get(j));
      }
    }
    return out;
  }
}
