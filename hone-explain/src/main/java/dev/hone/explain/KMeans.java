package dev.hone.explain;

import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Weighted k-means for {@link Background#kMeans}; see there for the handling of missing values. */
final class KMeans {
  private KMeans() {}

  static Background summarise(double[][] x, int k, long seed, int maxIterations) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("cannot summarise an empty matrix");
    }
    int f = x[0].length;
    Matrices.checkRows(x, f, "data");
    if (k >= x.length) {
      return Background.of(copy(x));
    }
    int n = x.length;
    // scale by the standard deviation of the present values (1 when constant or all missing)
    double[] scale = new double[f];
    for (int j = 0; j < f; j++) {
      double s = 0;
      double s2 = 0;
      int c = 0;
      for (double[] r : x) {
        if (!Double.isNaN(r[j])) {
          s += r[j];
          c++;
        }
      }
      double mean = c == 0 ? 0 : s / c;
      for (double[] r : x) {
        if (!Double.isNaN(r[j])) {
          s2 += (r[j] - mean) * (r[j] - mean);
        }
      }
      double sd = c < 2 ? 0 : Math.sqrt(s2 / c);
      scale[j] = sd > 0 ? 1.0 / sd : 1.0;
    }
    double[][] z = new double[n][f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        z[i][j] = x[i][j] * scale[j];
      }
    }
    SplittableRandom rng = Seeds.rng(seed, "background-kmeans", 0);
    double[][] centres = new double[k][];
    // k-means++ seeding
    centres[0] = z[rng.nextInt(n)].clone();
    double[] d2 = new double[n];
    Arrays.fill(d2, Double.POSITIVE_INFINITY);
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        d2[i] = Math.min(d2[i], dist(z[i], centres[c - 1]));
        total += d2[i];
      }
      int pick;
      if (total <= 0) {
        pick = rng.nextInt(n);
      } else {
        double u = rng.nextDouble() * total;
        pick = n - 1;
        double acc = 0;
        for (int i = 0; i < n; i++) {
          acc += d2[i];
          if (acc >= u && d2[i] > 0) {
            pick = i;
            break;
          }
        }
      }
      centres[c] = z[pick].clone();
    }
    int[] assign = new int[n];
    Arrays.fill(assign, -1);
    for (int it = 0; it < maxIterations; it++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = 0;
        double bd = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
          if (centres[c] == null) {
            continue;
          }
          double d = dist(z[i], centres[c]);
          if (d < bd) {
            bd = d;
            best = c;
          }
        }
        if (assign[i] != best) {
          assign[i] = best;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      for (int c = 0; c < k; c++) {
        centres[c] = centre(z, assign, c, f, false);
      }
    }
    // final centroids in the original units, snapped to members' values
    List<double[]> rows = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      double[] centre = centre(x, assign, c, f, true);
      if (centre == null) {
        continue;
      }
      int count = 0;
      for (int a : assign) {
        if (a == c) {
          count++;
        }
      }
      rows.add(centre);
      weights.add((double) count);
    }
    double[] w = new double[weights.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = weights.get(i);
    }
    return new Background(rows.toArray(new double[0][]), w);
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  /** Squared distance; missing vs present adds 1, missing vs missing adds 0. */
  static double dist(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      boolean ma = Double.isNaN(a[j]);
      boolean mb = Double.isNaN(b[j]);
      if (ma || mb) {
        s += ma == mb ? 0 : 1;
      } else {
        double d = a[j] - b[j];
        s += d * d;
      }
    }
    return s;
  }

  /** Centre of cluster {@code c}, or {@code null} when it is empty. */
  private static double[] centre(double[][] x, int[] assign, int c, int f, boolean snap) {
    double[] out = new double[f];
    int members = 0;
    for (int a : assign) {
      if (a == c) {
        members++;
      }
    }
    if (members == 0) {
      return null;
    }
    for (int j = 0; j < f; j++) {
      double s = 0;
      int present = 0;
      for (int i = 0; i < x.length; i++) {
        if (assign[i] == c && !Double.isNaN(x[i][j])) {
          s += x[i][j];
          present++;
        }
      }
      if (present * 2 < members) {
        out[j] = Double.NaN;
        continue;
      }
      double mean = s / present;
      if (snap) {
        double best = Double.NaN;
        double bd = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
          if (assign[i] == c && !Double.isNaN(x[i][j])) {
            double d = Math.abs(x[i][j] - mean);
            if (d < bd) {
              bd = d;
              best = x[i][j];
            }
          }
        }
        mean = best;
      }
      out[j] = mean;
    }
    return out;
  }
}
