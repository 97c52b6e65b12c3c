package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;

/** Shared helpers for the attacks. */
final class Attacks {
  private Attacks() {}

  static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  static void requireEps(String name, double eps) {
    if (!(eps >= 0) || !Double.isFinite(eps)) {
      throw new InvalidParameterException(name + " was " + eps + " but must be finite and >= 0");
    }
  }

  static int[] labels(double[] y, int nClasses) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      int c = (int) y[i];
      if (c != y[i] || c < 0 || c >= nClasses) {
        throw new InvalidParameterException(
            "label of row " + i + " was " + y[i] + " but must be a class index in [0, "
                + (nClasses - 1) + "]");
      }
      out[i] = c;
    }
    return out;
  }

  /** Cross-entropy {@code −log p_y}, floored at {@code p = 1e-300}. */
  static double crossEntropy(double[] p, int y) {
    return -Math.log(Math.max(p[y], 1e-300));
  }

  static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  /**
   * Projects {@code xAdv} in place onto the feasible set around {@code x}: held features reset,
   * the scaled perturbation projected onto the ε-ball of {@code norm} (L∞: per-coordinate clip;
   * L2: radial scaling), then each coordinate clipped into its range. Clipping a coordinate into
   * the range only moves it towards {@code x} (which is inside), so the norm stays within ε.
   */
  static void project(PerturbationDomain d, double[] x, double[] xAdv, Norm norm, double eps) {
    int nf = x.length;
    if (norm == Norm.LINF) {
      for (int j = 0; j < nf; j++) {
        if (!d.free(x, j)) {
          xAdv[j] = x[j];
          continue;
        }
        double r = eps * d.scale(j);
        double lo = Math.max(d.lower(j), x[j] - r);
        double hi = Math.min(d.upper(j), x[j] + r);
        xAdv[j] = Math.min(hi, Math.max(lo, xAdv[j]));
      }
      return;
    }
    double ss = 0;
    for (int j = 0; j < nf; j++) {
      if (!d.free(x, j)) {
        xAdv[j] = x[j];
        continue;
      }
      double z = (xAdv[j] - x[j]) / d.scale(j);
      ss += z * z;
    }
    double len = Math.sqrt(ss);
    double factor = len > eps ? eps / len : 1;
    for (int j = 0; j < nf; j++) {
      if (d.free(x, j)) {
        double z = (xAdv[j] - x[j]) / d.scale(j) * factor;
        xAdv[j] = d.clip(j, x[j] + z * d.scale(j));
      }
    }
  }
}
