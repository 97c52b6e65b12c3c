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

    /** Whether continuous kernels have unit peak height (see {@link NumericDim}). */
    final boolean unitHeight;

    Numeric(
        double[] observations,
        double lo,
        double hi,
        double priorWeight,
        int window,
        boolean considerEndpoints,
        boolean clipBandwidth) {
      this(observations, lo, hi, priorWeight, window, considerEndpoints, clipBandwidth, false);
    }

    Numeric(
        double[] observations,
        double lo,
        double hi,
        double priorWeight,
        int window,
        boolean considerEndpoints,
        boolean clipBandwidth,
        boolean unitHeight) {
      this.unitHeight = unitHeight;
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
        logWeights[i] = NormalMath.log(w[i]);
        c += w[i];
        cumWeights[i] = c;
      }
    }

    private static double[] neighbourSigmas(
        double[] mus, double lo, double hi, boolean considerEndpoints) {
      int k = mus.length;
      // stable sort by value: ties keep first-come order
      int[] order = argsort(mus);
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

    /** This estimator as a one-dimensional {@link Mixture}. */
    Mixture mixture() {
      return mixture(true);
    }

    /**
     * This estimator as a one-dimensional {@link Mixture}; {@code dedupe} shares the evaluation of
     * kernels with equal {@code (mu, sigma)} wherever they are (worth it on grids).
     */
    Mixture mixture(boolean dedupe) {
      Mixture m = dedupe ? mix : mixPlain;
      if (m == null) {
        m = new Mixture(new Dim[] {new NumericDim(lo, hi, mus, sigmas, dedupe, unitHeight)},
            logWeights, cumWeights);
        if (dedupe) {
          mix = m;
        } else {
          mixPlain = m;
        }
      }
      return m;
    }

    private volatile Mixture mixPlain;
    private volatile Mixture mix;

    /** Log density at {@code x} (continuous parameters); the plain per-point evaluation. */
    double logDensity(double x) {
      return mixture().logPdfOne(new double[] {x}, new double[] {x});
    }

    /**
     * Log probability of the cell {@code [a, b]} (discrete parameters: the rounding cell of one
     * grid value, clipped to {@code [lo, hi]}); the plain per-point evaluation.
     */
    double logCellMass(double a, double b) {
      return mixture().logPdfOne(new double[] {a}, new double[] {b});
    }
  }

  /** One dimension of a {@link Mixture}: the per-kernel component of one parameter. */
  abstract static class Dim {
    /**
     * Adds, for each candidate {@code c} and kernel {@code i}, the log of kernel {@code i}'s
     * component at candidate {@code c} to {@code acc[c * k + i]}.
     *
     * @param a per candidate: the point (continuous), the cell's lower end (discrete) or the
     *     choice index (categorical)
     * @param b per candidate: equal to {@code a} for a point, else the cell's upper end
     */
    abstract void addLogs(double[] a, double[] b, double[] acc, int k);

    /** The log of kernel {@code i}'s component at one candidate (plain evaluation). */
    abstract double log(int i, double a, double b);
  }

  /**
   * A numeric dimension: kernel {@code i} is {@code N(mu_i, sigma_i^2)} truncated to {@code [lo,
   * hi]}. At a point {@code a == b} the component is the truncated density; for a cell {@code a <
   * b} its probability mass. Kernels with equal {@code (mu, sigma)} (repeated observations on a
   * grid) share one evaluation per candidate; the result is bit-for-bit the per-kernel one.
   */
  static final class NumericDim extends Dim {
    final double lo;
    final double hi;
    final double[] mus;
    final double[] sigmas;
    final int[] uid;
    final double[] uMu;
    final double[] uSigma;
    final double[] uLogNorm;
    /** {@code -log sigma - log sqrt(2 pi) - logNorm} per unique kernel. */
    final double[] uConst;
    /** {@code exp(-logNorm)} per unique kernel. */
    final double[] uInvNorm;

    NumericDim(double lo, double hi, double[] mus, double[] sigmas, boolean dedupe) {
      this(lo, hi, mus, sigmas, dedupe, false);
    }

    /**
     * @param unitHeight score continuous points with {@code phi(z) / mass} instead of the density
     *     {@code phi(z) / (sigma mass)}: every kernel has peak height {@code 1/sqrt(2 pi)} over its
     *     truncation mass whatever its bandwidth, i.e. kernels count in proportion to their
     *     bandwidth (what Optuna 3.1's {@code _truncnorm.logpdf} computes); cells are unaffected
     */
    NumericDim(double lo, double hi, double[] mus, double[] sigmas, boolean dedupe,
        boolean unitHeight) {
      this.lo = lo;
      this.hi = hi;
      this.mus = mus;
      this.sigmas = sigmas;
      int k = mus.length;
      int[] order;
      if (dedupe) {
        order = argsort(mus);
      } else {
        order = new int[k];
        for (int i = 0; i < k; i++) {
          order[i] = i;
        }
      }
      uid = new int[k];
      double[] um = new double[k];
      double[] us = new double[k];
      int u = -1;
      for (int r = 0; r < k; r++) {
        int i = order[r];
        if (u < 0 || mus[i] != um[u] || sigmas[i] != us[u]) {
          u++;
          um[u] = mus[i];
          us[u] = sigmas[i];
        }
        uid[i] = u;
      }
      int nu = u + 1;
      uMu = Arrays.copyOf(um, nu);
      uSigma = Arrays.copyOf(us, nu);
      uLogNorm = new double[nu];
      uConst = new double[nu];
      uInvNorm = new double[nu];
      for (int j = 0; j < nu; j++) {
        // the kernel's mean lies in [lo, hi], so its mass there is at least 1/2 - 1/(2 sqrt e)
        double mass = NormalMath.mass((lo - uMu[j]) / uSigma[j], (hi - uMu[j]) / uSigma[j]);
        uLogNorm[j] = mass > 1e-280
            ? NormalMath.log(mass)
            : NormalMath.logMass((lo - uMu[j]) / uSigma[j], (hi - uMu[j]) / uSigma[j]);
        uConst[j] = (unitHeight ? 0.0 : -NormalMath.log(uSigma[j])) - NormalMath.LOG_SQRT_2PI
            - uLogNorm[j];
        uInvNorm[j] = mass > 1e-280 ? 1.0 / mass : StrictMath.exp(-uLogNorm[j]);
      }
    }

    private double unique(int j, double a, double b) {
      if (a == b) {
        double z = (a - uMu[j]) / uSigma[j];
        return uConst[j] - 0.5 * z * z;
      }
      double lo2 = Math.max(a, lo);
      double hi2 = Math.min(b, hi);
      return NormalMath.logMassFast((lo2 - uMu[j]) / uSigma[j], (hi2 - uMu[j]) / uSigma[j])
          - uLogNorm[j];
    }

    @Override
    void addLogs(double[] a, double[] b, double[] acc, int k) {
      int count = a.length;
      double[][] rows = new double[count][];
      for (int c = 0; c < count; c++) {
        // candidates that repeat an earlier one (same grid cell) reuse its row
        for (int e = 0; e < c && rows[c] == null; e++) {
          if (a[e] == a[c] && b[e] == b[c]) {
            rows[c] = rows[e];
          }
        }
        if (rows[c] == null) {
          double[] tmp = new double[uMu.length];
          for (int j = 0; j < tmp.length; j++) {
            tmp[j] = unique(j, a[c], b[c]);
          }
          rows[c] = tmp;
        }
        double[] tmp = rows[c];
        int off = c * k;
        for (int i = 0; i < k; i++) {
          acc[off + i] += tmp[uid[i]];
        }
      }
    }

    @Override
    double log(int i, double a, double b) {
      return unique(uid[i], a, b);
    }

    /** Kernel {@code j}'s (unique) component itself, not its log: density or cell mass. */
    private double uniqueLinear(int j, double a, double b) {
      if (a == b) {
        double z = (a - uMu[j]) / uSigma[j];
        return NormalMath.exp(uConst[j] - 0.5 * z * z);
      }
      double lo2 = Math.max(a, lo);
      double hi2 = Math.min(b, hi);
      return NormalMath.massAbsolute((lo2 - uMu[j]) / uSigma[j], (hi2 - uMu[j]) / uSigma[j])
          * uInvNorm[j];
    }

    /**
     * {@code sum_i w_i K_i(candidate)} in linear space for each candidate (the one-dimensional
     * mixture, where no product can underflow): no logarithm per kernel.
     */
    double[] mixtureLinear(double[] a, double[] b, double[] w) {
      int count = a.length;
      double[] out = new double[count];
      double[] tmp = new double[uMu.length];
      for (int c = 0; c < count; c++) {
        int prev = -1;
        for (int e = 0; e < c && prev < 0; e++) {
          if (a[e] == a[c] && b[e] == b[c]) {
            prev = e;
          }
        }
        if (prev >= 0) {
          out[c] = out[prev];
          continue;
        }
        for (int j = 0; j < tmp.length; j++) {
          tmp[j] = uniqueLinear(j, a[c], b[c]);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
          sum += w[i] * tmp[uid[i]];
        }
        out[c] = sum;
      }
      return out;
    }

    /** The same sum at one candidate, kernel by kernel (plain evaluation). */
    double mixtureLinearOne(double a, double b, double[] w) {
      double sum = 0;
      for (int i = 0; i < w.length; i++) {
        sum += w[i] * uniqueLinear(uid[i], a, b);
      }
      return sum;
    }
  }

  /**
   * A categorical dimension over {@code m} choices: observation kernel {@code i} with choice
   * {@code c_i} puts mass {@code ([k == c_i] + eps) / (1 + m eps)} on choice {@code k}, with
   * {@code eps = priorWeight / (n + 1)}; the last (prior) kernel is uniform (Optuna's {@code
   * _calculate_categorical_params}).
   */
  static final class CategoricalDim extends Dim {
    final int m;
    final int[] obs;
    final double eps;
    final double logHit;
    final double logMiss;
    final double logPrior;

    CategoricalDim(int[] observations, int m, double priorWeight) {
      this.m = m;
      this.obs = observations.clone();
      int n = observations.length;
      eps = priorWeight / (n + 1);
      double rowSum = 1.0 + m * eps;
      logHit = StrictMath.log((1.0 + eps) / rowSum);
      logMiss = StrictMath.log(eps / rowSum);
      logPrior = StrictMath.log(1.0 / m);
    }

    @Override
    void addLogs(double[] a, double[] b, double[] acc, int k) {
      for (int c = 0; c < a.length; c++) {
        int choice = (int) a[c];
        int off = c * k;
        for (int i = 0; i < obs.length; i++) {
          acc[off + i] += obs[i] == choice ? logHit : logMiss;
        }
        acc[off + obs.length] += logPrior;
      }
    }

    @Override
    double log(int i, double a, double b) {
      if (i == obs.length) {
        return logPrior;
      }
      return obs[i] == (int) a ? logHit : logMiss;
    }

    /** Draws a choice from kernel {@code i}. */
    int sample(int i, SplittableRandom rng) {
      double u = rng.nextDouble();
      if (i == obs.length) {
        return Math.min(m - 1, (int) (u * m));
      }
      double target = u * (1.0 + m * eps);
      double acc = 0;
      for (int k = 0; k < m; k++) {
        acc += eps + (k == obs[i] ? 1.0 : 0.0);
        if (target < acc) {
          return k;
        }
      }
      return m - 1;
    }
  }

  /**
   * A Parzen estimator over one or several parameters: {@code K} kernels with normalised weights,
   * each the product of one component per dimension ({@link NumericDim}, {@link CategoricalDim}).
   * With one dimension it is TPE's univariate estimator; with several, the multivariate one of
   * Falkner et al. (2018) as in Optuna's {@code multivariate=True}. The log density at a candidate
   * is {@code log sum_i exp(log w_i + sum_d log K_(i,d)(x_d))}, evaluated as a log-sum-exp over
   * kernels with the largest term factored out.
   */
  static final class Mixture {
    final Dim[] dims;
    final double[] logWeights;
    final double[] cumWeights;
    final int k;

    /** Normalised weights (linear). */
    final double[] weights;

    Mixture(Dim[] dims, double[] logWeights, double[] cumWeights) {
      this.dims = dims;
      this.logWeights = logWeights;
      this.cumWeights = cumWeights;
      this.k = logWeights.length;
      this.weights = new double[k];
      double prev = 0;
      for (int i = 0; i < k; i++) {
        weights[i] = cumWeights[i] - prev;
        prev = cumWeights[i];
      }
    }

    /**
     * One numeric dimension: the mixture is summed in linear space (the prior kernel keeps the sum
     * far from underflow), with one logarithm per candidate; a sum below 1e-290 falls back to the
     * log-sum-exp.
     */
    private boolean linear() {
      return dims.length == 1 && dims[0] instanceof NumericDim;
    }

    /**
     * Log densities at {@code count} candidates; {@code a[d][c]}, {@code b[d][c]} encode candidate
     * {@code c} in dimension {@code d} as for {@link Dim#addLogs}. Bit-for-bit equal to calling
     * {@link #logPdfOne} on each candidate.
     */
    double[] logPdf(double[][] a, double[][] b, int count) {
      if (linear()) {
        double[] lin = ((NumericDim) dims[0]).mixtureLinear(a[0], b[0], weights);
        double[] out = new double[count];
        for (int c = 0; c < count; c++) {
          out[c] = lin[c] > 1e-290 ? NormalMath.log(lin[c]) : logSumOne(a[0][c], b[0][c]);
        }
        return out;
      }
      double[] acc = new double[count * k];
      for (int c = 0; c < count; c++) {
        System.arraycopy(logWeights, 0, acc, c * k, k);
      }
      for (int d = 0; d < dims.length; d++) {
        dims[d].addLogs(a[d], b[d], acc, k);
      }
      double[] out = new double[count];
      for (int c = 0; c < count; c++) {
        out[c] = logSumExp(acc, c * k, k);
      }
      return out;
    }

    /** The plain evaluation at one candidate ({@code a[d]}, {@code b[d]} per dimension). */
    double logPdfOne(double[] a, double[] b) {
      if (linear()) {
        double lin = ((NumericDim) dims[0]).mixtureLinearOne(a[0], b[0], weights);
        return lin > 1e-290 ? NormalMath.log(lin) : logSumOne(a[0], b[0]);
      }
      return logSumOneGeneral(a, b);
    }

    private double logSumOne(double a, double b) {
      return logSumOneGeneral(new double[] {a}, new double[] {b});
    }

    private double logSumOneGeneral(double[] a, double[] b) {
      double[] t = new double[k];
      for (int i = 0; i < k; i++) {
        double v = logWeights[i];
        for (int d = 0; d < dims.length; d++) {
          v += dims[d].log(i, a[d], b[d]);
        }
        t[i] = v;
      }
      return logSumExp(t, 0, k);
    }

    /** Kernel index drawn by weight. */
    int pickKernel(SplittableRandom rng) {
      return pick(cumWeights, rng.nextDouble());
    }
  }

  /**
   * Indices that sort {@code key} ascending ({@link Double#compare} order), equal keys in
   * increasing index order (a stable argsort): the keys are sorted as primitives, then each index
   * is placed at the first free slot of its key's run.
   */
  static int[] argsort(double[] key) {
    int n = key.length;
    double[] sorted = key.clone();
    Arrays.sort(sorted);
    int[] used = new int[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      int lo = 0;
      int hi = n;
      while (lo < hi) { // first position whose key is not below key[i]
        int mid = (lo + hi) >>> 1;
        if (Double.compare(sorted[mid], key[i]) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      order[lo + used[lo]++] = i;
    }
    return order;
  }

  /** {@code log sum exp} of {@code v[off .. off + n)} with {@link NormalMath#exp}. */
  static double logSumExp(double[] v, int off, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = off; i < off + n; i++) {
      if (v[i] > max) {
        max = v[i];
      }
    }
    if (max == Double.NEGATIVE_INFINITY || Double.isNaN(max)
        || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double s = 0;
    for (int i = off; i < off + n; i++) {
      s += NormalMath.exp(v[i] - max);
    }
    return max + NormalMath.log(s);
  }

  /**
   * Normalised weights as log and cumulative arrays: {@code [0]} log weights, {@code [1]}
   * cumulative sums.
   */
  static double[][] logAndCum(double[] w) {
    double[] lw = new double[w.length];
    double[] cw = new double[w.length];
    double c = 0;
    for (int i = 0; i < w.length; i++) {
      lw[i] = NormalMath.log(w[i]);
      c += w[i];
      cw[i] = c;
    }
    return new double[][] {lw, cw};
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
