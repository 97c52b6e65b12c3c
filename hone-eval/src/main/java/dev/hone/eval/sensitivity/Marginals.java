package dev.hone.eval.sensitivity;

import dev.hone.core.model.FeatureMatrix;
import java.util.Arrays;
import java.util.List;

/**
 * The input distribution of a global sensitivity analysis, given as independent marginal
 * distributions, one per feature, through their quantile functions (inverse CDFs): a point is
 * drawn by mapping independent uniforms {@code u_j} to {@code quantile(j, u_j)}.
 *
 * <p>Independence is an assumption of the variance decomposition used by {@link SobolAnalysis}:
 * when the marginals are taken from training data ({@link #empirical(FeatureMatrix)}) the
 * correlations between features are broken, so the model is also probed at combinations the data
 * never show (e.g. a one-hot block with two or zero active levels). This is the standard approach
 * of variance-based sensitivity analysis (Saltelli et al. 2010 assume independent inputs);
 * read the indices as properties of the model over the box of observed values, not of the data.
 */
public interface Marginals {
  /** Feature names, one per dimension. */
  List<String> names();

  /** Number of features. */
  default int dimension() {
    return names().size();
  }

  /**
   * The quantile function of feature {@code j}.
   *
   * @param j feature index
   * @param u a probability in [0, 1)
   * @return the value (NaN allowed: a missing value drawn at the rate it occurs)
   */
  double quantile(int j, double u);

  /** Whether feature {@code j} takes a single value (then it has no effect to measure). */
  boolean isConstant(int j);

  /**
   * The empirical marginals of a training matrix: feature {@code j}'s quantile function is
   * {@code sorted_j[⌊u·n⌋]} over its {@code n} values sorted ascending with missing values (NaN)
   * last, i.e. drawing a uniform row's value of that column independently of the other columns.
   * Missing values are drawn at their observed rate. A column is constant when all its values are
   * equal (or all missing). Memory: one sorted {@code float} copy of the matrix.
   *
   * @param train the training features, {@code [n][p]}, {@code n >= 1}
   * @return the marginals
   * @throws IllegalArgumentException if {@code train} has no rows
   */
  static Marginals empirical(FeatureMatrix train) {
    int n = train.nRows();
    int p = train.nCols();
    if (n == 0) {
      throw new IllegalArgumentException("empirical marginals need at least one training row");
    }
    float[][] sorted = new float[p][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        sorted[j][i] = train.get(i, j);
      }
    }
    boolean[] constant = new boolean[p];
    for (int j = 0; j < p; j++) {
      Arrays.sort(sorted[j]); // NaN sorts last
      constant[j] = Float.compare(sorted[j][0], sorted[j][n - 1]) == 0;
    }
    List<String> names = train.featureNames();
    return new Marginals() {
      @Override
      public List<String> names() {
        return names;
      }

      @Override
      public double quantile(int j, double u) {
        return sorted[j][Math.min(n - 1, (int) (u * n))];
      }

      @Override
      public boolean isConstant(int j) {
        return constant[j];
      }
    };
  }

  /**
   * Independent uniform marginals {@code U(low_j, high_j)}; a feature with {@code low == high} is
   * constant. For analytic test functions.
   *
   * @param low lower bounds
   * @param high upper bounds, {@code >= low}
   * @param names feature names, same length
   * @return the marginals
   */
  static Marginals uniform(double[] low, double[] high, List<String> names) {
    if (low.length != names.size() || high.length != names.size()) {
      throw new IllegalArgumentException("bounds and names must have the same length");
    }
    double[] lo = low.clone();
    double[] hi = high.clone();
    for (int j = 0; j < lo.length; j++) {
      if (!(hi[j] >= lo[j])) {
        throw new IllegalArgumentException(
            "bounds of " + names.get(j) + " are [" + lo[j] + ", " + hi[j] + "]");
      }
    }
    List<String> copy = List.copyOf(names);
    return new Marginals() {
      @Override
      public List<String> names() {
        return copy;
      }

      @Override
      public double quantile(int j, double u) {
        return lo[j] + u * (hi[j] - lo[j]);
      }

      @Override
      public boolean isConstant(int j) {
        return lo[j] == hi[j];
      }
    };
  }
}
