package dev.hone.explain.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random trees and ensembles for the TreeSHAP tests. */
final class RandomTrees {
  private RandomTrees() {}

  /**
   * A random tree over {@code m} features: features may repeat along a path; features {@code >=
   * oneHotFrom} are 0/1 columns split at 0.5; covers split the parent's cover at random.
   */
  static Tree tree(int m, int maxDepth, int oneHotFrom, SplittableRandom rng) {
    List<int[]> nodes = new ArrayList<>(); // {depth, left, right, feature}
    List<Float> thr = new ArrayList<>();
    List<Boolean> dl = new ArrayList<>();
    List<Double> cover = new ArrayList<>();
    nodes.add(new int[] {0, -1, -1, 0});
    thr.add(0f);
    dl.add(false);
    cover.add(50 + rng.nextDouble() * 150);
    for (int i = 0; i < nodes.size(); i++) {
      int[] n = nodes.get(i);
      boolean leaf = n[0] >= maxDepth || (n[0] > 0 && rng.nextDouble() < 0.25);
      if (leaf) {
        continue;
      }
      int f = rng.nextInt(m);
      n[3] = f;
      thr.set(i, f >= oneHotFrom ? 0.5f : (float) (rng.nextDouble() * 1.6 - 0.8));
      dl.set(i, rng.nextBoolean());
      double u = 0.05 + 0.9 * rng.nextDouble();
      double c = cover.get(i);
      n[1] = nodes.size();
      nodes.add(new int[] {n[0] + 1, -1, -1, 0});
      thr.add(0f);
      dl.add(false);
      cover.add(c * u);
      n[2] = nodes.size();
      nodes.add(new int[] {n[0] + 1, -1, -1, 0});
      thr.add(0f);
      dl.add(false);
      cover.add(c * (1 - u));
    }
    int size = nodes.size();
    int[] left = new int[size];
    int[] right = new int[size];
    int[] feat = new int[size];
    float[] t = new float[size];
    boolean[] d = new boolean[size];
    double[] leaf = new double[size];
    double[] cv = new double[size];
    for (int i = 0; i < size; i++) {
      int[] n = nodes.get(i);
      left[i] = n[1];
      right[i] = n[2];
      feat[i] = n[3];
      t[i] = thr.get(i);
      d[i] = dl.get(i);
      leaf[i] = n[1] == -1 ? rng.nextDouble() * 2 - 1 : 0;
      cv[i] = cover.get(i);
    }
    return new Tree(left, right, feat, t, d, leaf, cv);
  }

  static TreeEnsemble ensemble(int m, int nTrees, int maxDepth, int oneHotFrom, int groups, SplittableRandom rng) {
    List<Tree> trees = new ArrayList<>();
    int[] g = new int[nTrees];
    for (int i = 0; i < nTrees; i++) {
      trees.add(tree(m, maxDepth, oneHotFrom, rng));
      g[i] = i % groups;
    }
    double[] base = new double[groups];
    for (int k = 0; k < groups; k++) {
      base[k] = rng.nextDouble() - 0.5;
    }
    List<String> names = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      names.add("x" + j);
    }
    return new TreeEnsemble(names, "reg:squarederror", base, trees, g);
  }

  /** Rows over [-1, 1] with missing values and one-hot blocks from {@code oneHotFrom} on. */
  static double[][] rows(int n, int m, int oneHotFrom, double missing, SplittableRandom rng) {
    double[][] x = new double[n][m];
    for (double[] r : x) {
      for (int j = 0; j < oneHotFrom; j++) {
        r[j] = rng.nextDouble() < missing ? Double.NaN : rng.nextDouble() * 2 - 1;
      }
      int levels = m - oneHotFrom;
      if (levels > 0) {
        int level = rng.nextInt(levels + 1); // == levels: a missing category
        for (int l = 0; l < levels; l++) {
          r[oneHotFrom + l] = level == levels ? Double.NaN : (l == level ? 1 : 0);
        }
      }
    }
    return x;
  }

  /**
   * Oracle: Algorithm 1 of Lundberg et al. (2018): the path-dependent value of a coalition,
   * E[f(x) | x_S], computed recursively (follow x where the feature is in S, else average the
   * children by cover), and Shapley values by enumerating every subset of the {@code m} features.
   */
  static double[] bruteForce(TreeEnsemble e, double[] x, int group) {
    int m = e.nFeatures();
    int size = 1 << m;
    double[] v = new double[size];
    for (int mask = 0; mask < size; mask++) {
      double s = 0;
      for (int t = 0; t < e.trees().size(); t++) {
        if (e.treeGroups()[t] == group) {
          s += expValue(e.trees().get(t), x, mask, 0);
        }
      }
      v[mask] = s;
    }
    double[] phi = new double[m];
    double[] fact = new double[m + 1];
    fact[0] = 1;
    for (int i = 1; i <= m; i++) {
      fact[i] = fact[i - 1] * i;
    }
    for (int i = 0; i < m; i++) {
      for (int mask = 0; mask < size; mask++) {
        if ((mask & (1 << i)) != 0) {
          continue;
        }
        int s = Integer.bitCount(mask);
        double w = fact[s] * fact[m - s - 1] / fact[m];
        phi[i] += w * (v[mask | (1 << i)] - v[mask]);
      }
    }
    return phi;
  }

  private static double expValue(Tree t, double[] x, int mask, int n) {
    if (t.isLeaf(n)) {
      return t.leafValue()[n];
    }
    if ((mask & (1 << t.feature()[n])) != 0) {
      return expValue(t, x, mask, t.next(n, x));
    }
    int l = t.left()[n];
    int r = t.right()[n];
    return (t.cover()[l] * expValue(t, x, mask, l) + t.cover()[r] * expValue(t, x, mask, r))
        / t.cover()[n];
  }
}
