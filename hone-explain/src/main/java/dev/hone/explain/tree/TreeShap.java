package dev.hone.explain.tree;

import dev.hone.explain.Explanation;
import dev.hone.explain.OutputSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Path-dependent TreeSHAP: exact Shapley values of a tree ensemble's margin in {@code O(T L D²)}
 * per row (T trees, L leaves, D depth), where the value of a coalition {@code S} is the tree's
 * expected output given {@code x_S}, with the absent features' distribution taken from the
 * training covers along the tree's paths. Algorithm 2 of Lundberg, Erion and Lee, "Consistent
 * individualized feature attribution for tree ensembles" (arXiv:1802.03888, 2018), also Algorithm
 * 2 of Lundberg et al., "From local explanations to global understanding with explainable AI for
 * trees", Nature Machine Intelligence 2, 2020 — the algorithm behind XGBoost's {@code
 * pred_contribs}.
 *
 * <p>Missing values follow each split's default direction; the "hot" child at a split is the one
 * the row actually takes, the "cold" child the other. Attributions add up exactly (in double
 * arithmetic) to the ensemble's margin: {@code base + Σφ = margin(x)}, with {@code base} the
 * intercept plus each tree's cover-weighted mean leaf value.
 *
 * <p>Thread safety: immutable; {@link #explain} may run concurrently and can itself use several
 * threads.
 */
public final class TreeShap {
  /** The {@link Explanation#method()} of results. */
  public static final String METHOD = "tree-shap-path-dependent";

  private final TreeEnsemble ensemble;
  private final double[] expected;
  private final int maxDepth;

  /** Prepares the ensemble's expected values. */
  public TreeShap(TreeEnsemble ensemble) {
    this.ensemble = Objects.requireNonNull(ensemble, "ensemble");
    this.expected = ensemble.baseMargins().clone();
    for (int t = 0; t < ensemble.trees().size(); t++) {
      expected[ensemble.treeGroups()[t]] += ensemble.trees().get(t).expectedValue();
    }
    this.maxDepth = ensemble.maxDepth();
  }

  /** The base value of each output group: intercept plus the trees' expected values. */
  public double[] baseValues() {
    return expected.clone();
  }

  /**
   * SHAP values of one row for one output group.
   *
   * @param x the row, {@code [nFeatures]}, {@code NaN} = missing
   * @param group the output group, {@code 0..nGroups-1}
   * @return {@code [nFeatures + 1]}: one value per feature, then the base value (XGBoost's {@code
   *     pred_contribs} layout)
   */
  public double[] shap(double[] x, int group) {
    int f = ensemble.nFeatures();
    double[] phi = new double[f + 1];
    Workspace ws = new Workspace(maxDepth);
    for (int t = 0; t < ensemble.trees().size(); t++) {
      if (ensemble.treeGroups()[t] == group) {
        ws.run(ensemble.trees().get(t), x, phi);
      }
    }
    phi[f] = expected[group];
    return phi;
  }

  /**
   * Explains rows of {@code x} in margin space, on the calling thread.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing
   * @param rows indices into {@code x}, or {@code null} for all
   * @return one explanation per output group
   */
  public List<Explanation> explain(double[][] x, int[] rows) {
    return explain(x, rows, 1);
  }

  /**
   * Explains rows of {@code x} in margin space, splitting the rows over {@code threads} threads
   * (created for this call and stopped before it returns). The result does not depend on the
   * number of threads.
   *
   * @param threads number of threads (≥ 1)
   */
  public List<Explanation> explain(double[][] x, int[] rows, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    int f = ensemble.nFeatures();
    int[] idx = rows;
    if (idx == null) {
      idx = new int[x.length];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
    } else {
      idx = idx.clone();
    }
    for (int i : idx) {
      if (x[i].length != f) {
        throw new IllegalArgumentException(
            "row " + i + " has " + x[i].length + " values, expected " + f);
      }
    }
    int groups = ensemble.nGroups();
    double[][][] values = new double[groups][idx.length][];
    double[][] pred = new double[idx.length][];
    int[] order = idx;
    int chunks = Math.min(threads, Math.max(1, idx.length));
    Runnable[] work = new Runnable[chunks];
    for (int c = 0; c < chunks; c++) {
      int from = (int) ((long) c * idx.length / chunks);
      int to = (int) ((long) (c + 1) * idx.length / chunks);
      work[c] =
          () -> {
            Workspace ws = new Workspace(maxDepth);
            for (int r = from; r < to; r++) {
              double[] row = x[order[r]];
              double[][] phi = new double[groups][f + 1];
              for (int t = 0; t < ensemble.trees().size(); t++) {
                ws.run(ensemble.trees().get(t), row, phi[ensemble.treeGroups()[t]]);
              }
              for (int g = 0; g < groups; g++) {
                values[g][r] = java.util.Arrays.copyOf(phi[g], f);
              }
              pred[r] = ensemble.predictMargin(row);
            }
          };
    }
    runAll(work);
    double[][] fv = new double[idx.length][];
    for (int r = 0; r < idx.length; r++) {
      fv[r] = x[idx[r]].clone();
    }
    List<Explanation> out = new ArrayList<>();
    for (int g = 0; g < groups; g++) {
      double[] base = new double[idx.length];
      double[] p = new double[idx.length];
      for (int r = 0; r < idx.length; r++) {
        base[r] = expected[g];
        p[r] = pred[r][g];
      }
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("n_trees", ensemble.trees().size());
      params.put("max_depth", maxDepth);
      params.put("objective", ensemble.objective());
      out.add(
          new Explanation(
              METHOD, OutputSpace.MARGIN, g, groups == 1 ? "margin" : "margin" + g,
              ensemble.featureNames(), idx, fv, values[g], base, p, null, params));
    }
    return out;
  }

  private static void runAll(Runnable[] work) {
    if (work.length == 1) {
      work[0].run();
      return;
    }
    Thread[] threads = new Thread[work.length - 1];
    Throwable[] failure = new Throwable[1];
    for (int i = 0; i < threads.length; i++) {
      Runnable w = work[i + 1];
      threads[i] = new Thread(w, "tree-shap-" + (i + 1));
      threads[i].setUncaughtExceptionHandler((t, e) -> {
        synchronized (failure) {
          failure[0] = e;
        }
      });
      threads[i].start();
    }
    work[0].run();
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while computing TreeSHAP", e);
      }
    }
    synchronized (failure) {
      if (failure[0] instanceof RuntimeException re) {
        throw re;
      }
      if (failure[0] != null) {
        throw new IllegalStateException("TreeSHAP worker failed", failure[0]);
      }
    }
  }

  /**
   * The path of unique features from the root to the current node, stored for every recursion
   * level in one pool: level {@code d} owns a segment after its parent's.
   */
  private static final class Workspace {
    /** {@code INV[k] = 1 / k}, so the path updates multiply instead of divide. */
    final double[] INV;

    final int[] feat;
    final double[] zero;
    final double[] one;
    final double[] w;
    Tree tree;
    double[] x;
    double[] phi;

    Workspace(int depth) {
      int size = (depth + 2) * (depth + 3) / 2 + 2;
      feat = new int[size];
      zero = new double[size];
      one = new double[size];
      w = new double[size];
      INV = new double[depth + 4];
      for (int k = 1; k < INV.length; k++) {
        INV[k] = 1.0 / k;
      }
    }

    void run(Tree t, double[] row, double[] out) {
      this.tree = t;
      this.x = row;
      this.phi = out;
      recurse(0, 0, 0, 1.0, 1.0, -1);
    }

    /**
     * Visits node {@code j}: copies the parent's path ({@code parentLen} elements at {@code
     * parentOff}) into a fresh segment and extends it by the feature that led here.
     */
    void recurse(int j, int parentOff, int parentLen, double pz, double po, int pi) {
      int off = parentOff + parentLen;
      if (parentLen > 0) {
        System.arraycopy(feat, parentOff, feat, off, parentLen);
        System.arraycopy(zero, parentOff, zero, off, parentLen);
        System.arraycopy(one, parentOff, one, off, parentLen);
        System.arraycopy(w, parentOff, w, off, parentLen);
      }
      int len = extend(off, parentLen, pz, po, pi);
      if (tree.isLeaf(j)) {
        double v = tree.leafValue()[j];
        for (int i = 1; i < len; i++) {
          double s = unwoundSum(off, len, i);
          phi[feat[off + i]] += s * (one[off + i] - zero[off + i]) * v;
        }
        return;
      }
      int hot = tree.next(j, x);
      int left = tree.left()[j];
      int cold = hot == left ? tree.right()[j] : left;
      int d = tree.feature()[j];
      double iz = 1;
      double io = 1;
      for (int k = 1; k < len; k++) {
        if (feat[off + k] == d) {
          iz = zero[off + k];
          io = one[off + k];
          unwind(off, len, k);
          len--;
          break;
        }
      }
      double[] cover = tree.cover();
      double rj = cover[j];
      double rh = rj > 0 ? cover[hot] / rj : 0.5;
      double rc = rj > 0 ? cover[cold] / rj : 0.5;
      recurse(hot, off, len, iz * rh, io, d);
      recurse(cold, off, len, iz * rc, 0, d);
    }

    /** Adds an element to the path of length {@code l} at {@code off}; returns {@code l + 1}. */
    int extend(int off, int l, double pz, double po, int pi) {
      feat[off + l] = pi;
      zero[off + l] = pz;
      one[off + l] = po;
      w[off + l] = l == 0 ? 1.0 : 0.0;
      double inv = INV[l + 1];
      for (int i = l - 1; i >= 0; i--) {
        double wi = w[off + i];
        w[off + i + 1] += po * wi * (i + 1) * inv;
        w[off + i] = pz * wi * (l - i) * inv;
      }
      return l + 1;
    }

    /** Removes element {@code i} from the path of length {@code len}, undoing its extension. */
    void unwind(int off, int len, int i) {
      int l = len - 1;
      double o = one[off + i];
      double z = zero[off + i];
      double n = w[off + l];
      double lp1 = l + 1;
      double invLp1 = INV[l + 1];
      if (o != 0) {
        double invO = 1 / o;
        for (int j = l - 1; j >= 0; j--) {
          double t = w[off + j];
          double wj = n * lp1 * INV[j + 1] * invO;
          w[off + j] = wj;
          n = t - wj * z * (l - j) * invLp1;
        }
      } else {
        double invZ = z == 0 ? 0 : 1 / z;
        for (int j = l - 1; j >= 0; j--) {
          w[off + j] = w[off + j] * lp1 * invZ * INV[l - j];
        }
      }
      for (int j = i; j < l; j++) {
        feat[off + j] = feat[off + j + 1];
        zero[off + j] = zero[off + j + 1];
        one[off + j] = one[off + j + 1];
      }
    }

    /** The total weight of the path after removing element {@code i}, without changing it. */
    double unwoundSum(int off, int len, int i) {
      int l = len - 1;
      double o = one[off + i];
      double z = zero[off + i];
      double lp1 = l + 1;
      double total = 0;
      if (o != 0) {
        double invO = lp1 / o;
        double zl = z * INV[l + 1];
        double n = w[off + l];
        for (int j = l - 1; j >= 0; j--) {
          double t = n * invO * INV[j + 1];
          total += t;
          n = w[off + j] - t * zl * (l - j);
        }
      } else if (z != 0) {
        double invZ = lp1 / z;
        for (int j = l - 1; j >= 0; j--) {
          total += w[off + j] * invZ * INV[l - j];
        }
      }
      return total;
    }
  }
}
