package dev.hone.search.sampler;

/**
 * Limited-memory BFGS minimisation (Nocedal and Wright, "Numerical Optimization", 2nd ed. 2006,
 * Algorithm 7.4 with the two-loop recursion 7.5) with a backtracking Armijo line search. Used to
 * fit the Gaussian-process hyperparameters; deterministic.
 */
final class Lbfgs {
  private Lbfgs() {}

  /** A function and its gradient: returns the value and writes the gradient into {@code g}. */
  interface Function {
    double valueAndGradient(double[] x, double[] g);
  }

  /**
   * Minimises {@code f} from {@code x0}.
   *
   * @param memory number of correction pairs kept, {@code >= 1}
   * @param maxIter iteration limit
   * @return the best point found (a copy); its value is {@code f(x)}
   */
  static double[] minimize(Function f, double[] x0, int memory, int maxIter) {
    int n = x0.length;
    double[] x = x0.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g);
    if (!Double.isFinite(fx)) {
      return x;
    }
    double[][] s = new double[memory][];
    double[][] yv = new double[memory][];
    double[] rho = new double[memory];
    int stored = 0;
    int head = 0;
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    for (int iter = 0; iter < maxIter; iter++) {
      double gMax = 0;
      for (double v : g) {
        gMax = Math.max(gMax, Math.abs(v));
      }
      if (gMax < 1e-6) {
        break;
      }
      // two-loop recursion: d = -H g
      double[] q = g.clone();
      double[] a = new double[memory];
      for (int k = 0; k < stored; k++) {
        int i = Math.floorMod(head - 1 - k, memory);
        a[i] = rho[i] * dot(s[i], q);
        axpy(-a[i], yv[i], q);
      }
      double gamma = 1.0;
      if (stored > 0) {
        int last = Math.floorMod(head - 1, memory);
        gamma = dot(s[last], yv[last]) / dot(yv[last], yv[last]);
      } else {
        gamma = 1.0 / Math.max(1.0, Math.sqrt(dot(g, g)));
      }
      for (int i = 0; i < n; i++) {
        q[i] *= gamma;
      }
      for (int k = stored - 1; k >= 0; k--) {
        int i = Math.floorMod(head - 1 - k, memory);
        double b = rho[i] * dot(yv[i], q);
        axpy(a[i] - b, s[i], q);
      }
      double slope = 0;
      for (int i = 0; i < n; i++) {
        q[i] = -q[i];
        slope += q[i] * g[i];
      }
      if (!(slope < 0)) { // not a descent direction: restart with steepest descent
        stored = 0;
        for (int i = 0; i < n; i++) {
          q[i] = -g[i] / Math.max(1.0, Math.sqrt(dot(g, g)));
        }
        slope = dot(q, g);
      }
      double step = 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 30; ls++) {
        for (int i = 0; i < n; i++) {
          xNew[i] = x[i] + step * q[i];
        }
        fNew = f.valueAndGradient(xNew, gNew);
        if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      if (!accepted) {
        break;
      }
      double[] sk = new double[n];
      double[] yk = new double[n];
      for (int i = 0; i < n; i++) {
        sk[i] = xNew[i] - x[i];
        yk[i] = gNew[i] - g[i];
      }
      double sy = dot(sk, yk);
      if (sy > 1e-12) {
        s[head] = sk;
        yv[head] = yk;
        rho[head] = 1.0 / sy;
        head = (head + 1) % memory;
        stored = Math.min(stored + 1, memory);
      }
      double decrease = fx - fNew;
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      if (decrease < 1e-10 * Math.max(1.0, Math.abs(fx))) {
        break;
      }
    }
    return x;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }
}
