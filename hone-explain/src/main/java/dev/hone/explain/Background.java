package dev.hone.explain;

import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The reference data that "absent" features are drawn from: for a coalition {@code S}, the value
 * of {@code S} at row {@code x} is the weighted mean over background rows {@code b} of {@code
 * f(x_S, b_notS)} (interventional Shapley values; Janzing, Minorics and Blöbaum, AISTATS 2020).
 *
 * <p>The cost of every model-agnostic explainer grows linearly with the number of background rows,
 * so large data sets are summarised: by a seeded random {@linkplain #sample sample}, or by
 * {@linkplain #kMeans weighted k-means centroids} as the KernelSHAP reference implementation
 * suggests.
 *
 * @param rows background rows {@code [nBackground][nFeatures]}, {@code NaN} = missing
 * @param weights non-negative weights {@code [nBackground]} with a positive sum
 */
public record Background(double[][] rows, double[] weights) {
  /**
   * Checks shapes and weights.
   *
   * @throws IllegalArgumentException when empty, ragged, or a weight is negative or not finite
   */
  public Background {
    if (rows.length == 0) {
      throw new IllegalArgumentException("the background needs at least one row");
    }
    if (weights.length != rows.length) {
      throw new IllegalArgumentException(
          weights.length + " weights for " + rows.length + " background rows");
    }
    Matrices.checkRows(rows, rows[0].length, "background");
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("background weights must be finite and >= 0, got " + w);
      }
      sum += w;
    }
    if (sum <= 0) {
      throw new IllegalArgumentException("background weights sum to 0");
    }
  }

  /** Every row with weight 1. */
  public static Background of(double[][] rows) {
    double[] w = new double[rows.length];
    Arrays.fill(w, 1.0);
    return new Background(rows, w);
  }

  /** Number of background rows. */
  public int size() {
    return rows.length;
  }

  /** Number of columns. */
  public int nFeatures() {
    return rows[0].length;
  }

  /** Sum of the weights. */
  public double totalWeight() {
    double s = 0;
    for (double w : weights) {
      s += w;
    }
    return s;
  }

  /**
   * {@code n} rows drawn without replacement (all rows when {@code n >= x.length}), weight 1.
   *
   * @param seed drives the draw through {@code Seeds.rng(seed, "background-sample", 0)}
   */
  public static Background sample(double[][] x, int n, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("background size must be >= 1, got " + n);
    }
    if (n >= x.length) {
      return of(x);
    }
    int[] idx = new int[x.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    SplittableRandom rng = Seeds.rng(seed, "background-sample", 0);
    // partial Fisher–Yates: the first n entries are a uniform sample
    for (int i = 0; i < n; i++) {
      int j = i + rng.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = x[idx[i]].clone();
    }
    return of(rows);
  }

  /**
   * Summarises {@code x} by {@code k} weighted centroids (Lloyd's algorithm with k-means++
   * seeding; Arthur and Vassilvitskii, SODA 2007), each weighted by its cluster's size, as the
   * KernelSHAP reference implementation does with {@code shap.kmeans}.
   *
   * <p>Differences, chosen for mixed and incomplete data: distances are computed on columns
   * scaled by their standard deviation; a missing value against a present one adds 1 (one standard
   * deviation squared) to the squared distance and two missing values add 0; a centroid
   * coordinate is missing when more than half of its members miss it, otherwise the
   * weighted mean of the present values, then replaced by the nearest value present among the
   * cluster's members so that binary and one-hot columns keep values they can take. Empty
   * clusters are dropped. Returns all rows when {@code k >= x.length}.
   *
   * @param x rows {@code [n][nFeatures]}
   * @param k number of centroids (≥ 1)
   * @param seed drives the seeding through {@code Seeds.rng(seed, "background-kmeans", 0)}
   * @throws IllegalArgumentException when {@code k < 1} or {@code x} is empty or ragged
   */
  public static Background kMeans(double[][] x, int k, long seed) {
    return KMeans.summarise(x, k, seed, 100);
  }
}
