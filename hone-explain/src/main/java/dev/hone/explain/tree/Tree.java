package dev.hone.explain.tree;

import java.util.Objects;

/**
 * One binary decision tree in Hone's neutral representation, with the routing rule of XGBoost:
 * at an internal node {@code n}, a row goes left when {@code (float) x[feature[n]] <
 * threshold[n]}, right when not, and to the {@code defaultLeft[n]} side when the value is missing
 * ({@code NaN}). Values are compared in float32, as XGBoost stores both features and thresholds.
 *
 * <p>Node 0 is the root; a node is a leaf when {@code left[n] == -1}. Arrays are indexed by node
 * and must not be modified after construction (they are not copied).
 *
 * @param left left child per node, {@code -1} for a leaf
 * @param right right child per node, {@code -1} for a leaf
 * @param feature split column per internal node (ignored at leaves)
 * @param threshold split threshold per internal node (ignored at leaves)
 * @param defaultLeft where a missing value goes, per internal node
 * @param leafValue the output of each leaf, in margin units (ignored at internal nodes)
 * @param cover the training weight reaching each node (XGBoost's sum of hessians); the
 *     path-dependent TreeSHAP uses ratios of covers as the conditional distribution
 */
public record Tree(
    int[] left,
    int[] right,
    int[] feature,
    float[] threshold,
    boolean[] defaultLeft,
    double[] leafValue,
    double[] cover) {

  /**
   * Checks the arrays' lengths and child indices.
   *
   * @throws IllegalArgumentException when the arrays disagree or a child index is invalid
   */
  public Tree {
    int n = left.length;
    Objects.requireNonNull(right, "right");
    if (n == 0
        || right.length != n
        || feature.length != n
        || threshold.length != n
        || defaultLeft.length != n
        || leafValue.length != n
        || cover.length != n) {
      throw new IllegalArgumentException("tree arrays must be non-empty and of equal length");
    }
    for (int i = 0; i < n; i++) {
      boolean leaf = left[i] == -1;
      if (leaf != (right[i] == -1)) {
        throw new IllegalArgumentException("node " + i + " has only one child");
      }
      if (!leaf && (left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n)) {
        throw new IllegalArgumentException("node " + i + " has an invalid child index");
      }
      if (!leaf && feature[i] < 0) {
        throw new IllegalArgumentException("node " + i + " splits on a negative feature index");
      }
    }
  }

  /** Number of nodes. */
  public int nNodes() {
    return left.length;
  }

  /** Whether node {@code n} is a leaf. */
  public boolean isLeaf(int n) {
    return left[n] == -1;
  }

  /** The child of internal node {@code n} that row {@code x} goes to. */
  public int next(int n, double[] x) {
    double v = x[feature[n]];
    if (Double.isNaN(v)) {
      return defaultLeft[n] ? left[n] : right[n];
    }
    return (float) v < threshold[n] ? left[n] : right[n];
  }

  /** The leaf value for row {@code x}. */
  public double predict(double[] x) {
    int n = 0;
    while (left[n] != -1) {
      n = next(n, x);
    }
    return leafValue[n];
  }

  /** Number of edges on the longest root-to-leaf path (0 for a single leaf). */
  public int maxDepth() {
    return depth(0);
  }

  private int depth(int n) {
    return isLeaf(n) ? 0 : 1 + Math.max(depth(left[n]), depth(right[n]));
  }

  /**
   * The cover-weighted mean leaf value, {@code E[f]} under the tree's training distribution: what
   * the path-dependent TreeSHAP starts from.
   */
  public double expectedValue() {
    return mean(0);
  }

  private double mean(int n) {
    if (isLeaf(n)) {
      return leafValue[n];
    }
    double c = cover[n];
    if (c <= 0) {
      return 0.5 * (mean(left[n]) + mean(right[n]));
    }
    return (cover[left[n]] * mean(left[n]) + cover[right[n]] * mean(right[n])) / c;
  }
}
