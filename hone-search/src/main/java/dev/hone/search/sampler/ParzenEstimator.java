package dev.hone.search.sampler;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-dimensional Parzen estimators of TPE: a weighted mixture with one kernel per observation
 * plus one prior kernel (Bergstra et al. 2011, Section 4; Watanabe 2023, Section 3).
 *
 * <p>Observations are given in chronological order (by trial number). Weights: each observation
 * gets 1, except that with more than {@code window} observations the oldest {@code n - window}
 * get a linear ramp from {@code 1/n} up to 1 ("linear forgetting", Bergstra et al. 2013, as in
 * Optuna's {@code default_weights}); the prior kernel gets {@code priorWeight}; weights are then
 * normalised to sum to 1.
 */
final class ParzenEstimator {
  private ParzenEstimator() {}

  /** Lower bound on a bandwidth when clipping is off. */
  static final double EPS = 1e-12;

  /** Normalised kernel weights: {@code n} observation weights then the prior weight. */
  static double[] weights(int n, double priorWeight, int window) {
    double[] w = new double[n + 1];
    if (n < window) {
      Arrays.fill(w, 0, n, 1.0);
    } else {
      int ramp = n - window;
      double start = 1.0 / n;
      for (int i = 0; i < ramp; i++) {
        // numpy.linspace(1/n, 1, ramp): start + i * (1 - start) / (ramp - 1)
        w[i] = ramp == 1 ? start : start + i * ((1.0 - start) / (ramp - 1));
      }
      Arrays.fill(w, ramp, n, 1.0);
    }
    w[n] = priorWeight;
    double sum = 0;
    for (double v : w) {
      sum += v;
    }
    for (int i = 0; i <= n; i++) {
      w[i] /= sum;
    }
    return w;
  }

  /**
   * A mixture of Gaussians truncated to {@code [lo, hi]} (in the transformed space: {@code ln x} for
   * log scales, widened by half a step on each side for grids).
   *
   * <p>Kernel means are the observations plus the prior mean {@code (lo + hi)/2}. Bandwidths follow
   * Bergstra et al. (2011) as implemented by Optuna's univariate estimator: each kernel's {@code
   * sigma} is the larger of the distances to its neighbours in the sorted means, with {@code lo}
   * and {@code hi} as outer neighbours; with {@code considerEndpoints = false} the smallest and
   * largest means use their one inner neighbour instead of the bound. The prior kernel has {@code
   * sigma = hi - lo}. Every {@code sigma} is then clipped to {@code [minSigma, hi - lo]}, where,
   * with {@code clipBandwidth}, {@code minSigma = (hi - lo) / min(100, K + 1)} for {@code K}
   * kernels: no kernel is narrower than the spacing of {@code K + 1} evenly spread points, capped
   * at 1% of the range (hyperopt's and Optuna's "magic clip"; Watanabe 2023, Section 3.3, shows it
   * keeps the estimator from collapsing onto repeated observations, which would make {@code
   * l(x)/g(x)} explode at already-seen values). Without it, {@code minSigma = 1e-12}.
   */
  static final class Numeric {
    final double lo;
    final double hi;
    final double[] mus;
    final double[] sigmas;
    final double[] logWeights;
    final double[] cumWeights;
    /** log of each kernel's mass inside [lo, hi]. */
    final double[] logNorm;

    Numeric(
        double[] observations,
        double lo,
        double hi,
        double priorWeight,
        int window,
        boolean considerEndpoints,
        boolean clipBandwidth) {
      if (!(lo < hi)) {
        throw new IllegalArgumentException("Parzen bounds need lo < hi, got " + lo + ", " + hi);
      }
      this.lo = lo;
      this.hi = hi;
      int n = observations.length;
      int k = n + 1;
      mus = Arrays.copyOf(observations, k);
      mus[n] = 0.5 * (lo + hi);
      sigmas = neighbourSigmas(mus, lo, hi, considerEndpoints);
      double maxSigma = hi - lo;
      double minSigma = clipBandwidth ? (hi - lo) / Math.min(100.0, 1.0 + k) : EPS;
      for (int i = 0; i < k; i++) {
        sigmas[i] = Math.max(minSigma, Math.min(maxSigma, sigmas[i]));
      }
      sigmas[n] = hi - lo;
      double[] w = weights(n, priorWeight, window);
      logWeights = new double[k];
      cumWeights = new double[k];
      double c = 0;
      for (int i = 0; i < k; i++) {
        logWeights[i] = StrictMath.log(w[i]);
        c += w[i];
        cumWeights[i] = c;
      }
      logNorm = new double[k];
      for (int i = 0; i < k; i++) {
        logNorm[i] = NormalMath.logMass((lo - mus[i]) / sigmas[i], (hi - mus[i]) / sigmas[i]);
      }
    }

    private static double[] neighbourSigmas(
        double[] mus, double lo, double hi, boolean considerEndpoints) {
      int k = mus.length;
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      // stable sort by value, like numpy's argsort on ties keeps first-come order closely enough
      Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
      double[] s = new double[k + 2];
      s[0] = lo;
      for (int i = 0; i < k; i++) {
        s[i + 1] = mus[order[i]];
      }
      s[k + 1] = hi;
      double[] sorted = new double[k];
      for (int i = 0; i < k; i++) {
        sorted[i] = Math.max(s[i + 1] - s[i], s[i + 2] - s[i + 1]);
      }
      if (!considerEndpoints && k + 2 >= 4) {
        sorted[0] = s[2] - s[1];
        sorted[k - 1] = s[k] - s[k - 1];
      }
      double[] sig = new double[k];
      for (int i = 0; i < k; i++) {
        sig[order[i]] = sorted[i];
      }
      return sig;
    }

    /** Draws one value in {@code [lo, hi]}: a kernel by weight, then its truncated Gaussian. */
    double sample(SplittableRandom rng) {
      int i = pick(cumWeights, rng.nextDouble());
      return NormalMath.truncatedNormal(rng, mus[i], sigmas[i], lo, hi);
    }

    /** Log density at {@code x} (continuous parameters). */
    double logDensity(double x) {
      double[] t = new double[mus.length];
      for (int i = 0; i < mus.length; i++) {
        double z = (x - mus[i]) / sigmas[i];
        t[i] = logWeights[i] + NormalMath.logPhiDensity(z) - StrictMath.log(sigmas[i]) - logNorm[i];
      }
      return NormalMath.logSumExp(t, t.length);
    }

    /**
     * Log probability of the cell {@code [a, b]} (discrete parameters: the rounding cell of one
     * grid value, clipped to {@code [lo, hi]}).
     */
    double logCellMass(double a, double b) {
      a = Math.max(a, lo);
      b = Math.min(b, hi);
      double[] t = new double[mus.length];
      for (int i = 0; i < mus.length; i++) {
        t[i] =
            logWeights[i]
                + NormalMath.logMass((a - mus[i]) / sigmas[i], (b - mus[i]) / sigmas[i])
                - logNorm[i];
      }
      return NormalMath.logSumExp(t, t.length);
    }
  }

  /**
   * A mixture of categorical kernels over {@code m} choices. Observation {@code i} with choice
   * {@code c_i} contributes the kernel {@code p_i(k) ∝ [k == c_i] + priorWeight/(n + 1)}; the prior
   * kernel is uniform. As a mixture this is one categorical distribution, from which we sample and
   * score directly (Optuna's {@code _calculate_categorical_params}).
   */
  static final class Categorical {
    final double[] probs;
    final double[] cum;

    Categorical(int[] observations, int m, double priorWeight, int window) {
      int n = observations.length;
      double[] w = weights(n, priorWeight, window);
      probs = new double[m];
      double eps = priorWeight / (n + 1);
      double rowSum = 1.0 + m * eps;
      for (int i = 0; i < n; i++) {
        for (int k = 0; k < m; k++) {
          probs[k] += w[i] * ((k == observations[i] ? 1.0 : 0.0) + eps) / rowSum;
        }
      }
      for (int k = 0; k < m; k++) {
        probs[k] += w[n] / m;
      }
      cum = new double[m];
      double c = 0;
      for (int k = 0; k < m; k++) {
        c += probs[k];
        cum[k] = c;
      }
    }

    int sample(SplittableRandom rng) {
      return pick(cum, rng.nextDouble());
    }

    double logProb(int k) {
      return StrictMath.log(probs[k]);
    }
  }

  /** Index of the first cumulative weight above {@code u * total}. */
  static int pick(double[] cum, double u) {
    double target = u * cum[cum.length - 1];
    for (int i = 0; i < cum.length; i++) {
      if (target < cum[i]) {
        return i;
      }
    }
    return cum.length - 1;
  }
}
