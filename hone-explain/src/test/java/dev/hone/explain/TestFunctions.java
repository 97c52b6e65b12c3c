package dev.hone.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random test models and data for the explainer tests. */
final class TestFunctions {
  private TestFunctions() {}

  static List<String> names(int m) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      out.add("x" + j);
    }
    return out;
  }

  /**
   * A random nonlinear function of {@code m} inputs: linear terms, pairwise products, a sine, a
   * maximum, a threshold, a three-way product and a smooth function of a sum of up to five inputs
   * (interactions of every order, which KernelSHAP's paired regression cannot fit exactly); a
   * missing input takes a fixed substitute value (as a tree's default branch would).
   */
  static PredictFunction nonlinear(int m, SplittableRandom rng) {
    double[] a = new double[m];
    double[] sub = new double[m];
    for (int j = 0; j < m; j++) {
      a[j] = rng.nextDouble() * 2 - 1;
      sub[j] = rng.nextDouble() * 2 - 1;
    }
    int pairs = Math.min(4, m * (m - 1) / 2);
    int[][] pij = new int[pairs][2];
    double[] pw = new double[pairs];
    for (int p = 0; p < pairs; p++) {
      int i = rng.nextInt(m);
      int j = (i + 1 + rng.nextInt(m - 1)) % m;
      pij[p] = new int[] {i, j};
      pw[p] = rng.nextDouble() * 2 - 1;
    }
    int s = rng.nextInt(m);
    int u = rng.nextInt(m);
    int v = rng.nextInt(m);
    int t = rng.nextInt(m);
    double thr = rng.nextDouble() - 0.5;
    int[] triple = {rng.nextInt(m), rng.nextInt(m), rng.nextInt(m)};
    int[] sum = new int[Math.min(5, m)];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = rng.nextInt(m);
    }
    return PredictFunction.ofRows(
        m,
        OutputSpace.VALUE,
        x -> {
          double[] z = new double[m];
          for (int j = 0; j < m; j++) {
            z[j] = Double.isNaN(x[j]) ? sub[j] : x[j];
          }
          double y = 0.3;
          for (int j = 0; j < m; j++) {
            y += a[j] * z[j];
          }
          for (int p = 0; p < pairs; p++) {
            y += pw[p] * z[pij[p][0]] * z[pij[p][1]];
          }
          y += Math.sin(2 * z[s]);
          y += 0.5 * Math.max(z[u], z[v]);
          y += z[t] > thr ? 0.7 : -0.2;
          y += 1.5 * z[triple[0]] * z[triple[1]] * z[triple[2]];
          double acc = 0;
          for (int i : sum) {
            acc += z[i];
          }
          y += Math.tanh(1.5 * acc);
          return y;
        });
  }

  /** Rows with entries uniform in [-1, 1], a fraction {@code missing} of them NaN. */
  static double[][] data(int n, int m, double missing, SplittableRandom rng) {
    double[][] x = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        x[i][j] = rng.nextDouble() < missing ? Double.NaN : rng.nextDouble() * 2 - 1;
      }
    }
    return x;
  }

  /**
   * Shapley values by the permutation definition: the average over all {@code M!} orderings of
   * each player's marginal contribution, with the interventional value function evaluated row by
   * row (no batching, no per-background decomposition). Independent of ExactShapley's code path.
   */
  static double[] byPermutations(
      PredictFunction f, double[] x, double[][] bg, double[] w, int output) {
    int m = x.length;
    double[] phi = new double[m];
    int[] perm = new int[m];
    for (int i = 0; i < m; i++) {
      perm[i] = i;
    }
    long count = 0;
    do {
      boolean[] in = new boolean[m];
      double prev = value(f, x, bg, w, in, output);
      for (int i = 0; i < m; i++) {
        in[perm[i]] = true;
        double cur = value(f, x, bg, w, in, output);
        phi[perm[i]] += cur - prev;
        prev = cur;
      }
      count++;
    } while (nextPermutation(perm));
    for (int i = 0; i < m; i++) {
      phi[i] /= count;
    }
    return phi;
  }

  static double value(PredictFunction f, double[] x, double[][] bg, double[] w, boolean[] in, int o) {
    double s = 0;
    double tw = 0;
    for (int b = 0; b < bg.length; b++) {
      double[] row = bg[b].clone();
      for (int j = 0; j < x.length; j++) {
        if (in[j]) {
          row[j] = x[j];
        }
      }
      s += w[b] * f.apply(new double[][] {row})[0][o];
      tw += w[b];
    }
    return s / tw;
  }

  private static boolean nextPermutation(int[] a) {
    int i = a.length - 2;
    while (i >= 0 && a[i] >= a[i + 1]) {
      i--;
    }
    if (i < 0) {
      return false;
    }
    int j = a.length - 1;
    while (a[j] <= a[i]) {
      j--;
    }
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
    for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
      t = a[l];
      a[l] = a[r];
      a[r] = t;
    }
    return true;
  }
}
