package dev.hone.search.sampler;

import java.util.Arrays;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Gaussian-process regression with a Matérn 5/2 kernel with automatic relevance determination
 * (Rasmussen and Williams, "Gaussian Processes for Machine Learning", MIT Press 2006, Eq. 4.17 and
 * Algorithm 2.1), on inputs in {@code [0, 1]^D}.
 *
 * <p>{@code k(x, x') = s (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)}, {@code r^2 = sum_d (x_d -
 * x'_d)^2 / l_d^2}; observations carry Gaussian noise of variance {@code noise}. The hyperparameters
 * are handled as {@code theta = (ln l_1, ..., ln l_D, ln s, ln(noise - NOISE_FLOOR))}.
 *
 * <p>Cost: {@code O(n^3)} to condition on {@code n} points (a Cholesky factorisation, from
 * Hipparchus), {@code O(n D + n^2)} per posterior evaluation, {@code O(n^3 + n^2 D)} per
 * log-marginal-likelihood gradient. Shapes: {@code x[n][D]}, {@code y[n]}.
 */
final class GaussianProcess {
  /** Smallest noise variance (of standardised outputs): keeps {@code K} well conditioned. */
  static final double NOISE_FLOOR = 1e-6;

  private static final double SQRT5 = StrictMath.sqrt(5.0);

  final double[][] x;
  final double[] y;
  final double[] invLs2;
  final double signal;
  final double noise;
  final double[][] l;
  final double[] alpha;
  final double logDetHalf;

  /**
   * Conditions the process on {@code (x, y)}.
   *
   * @throws IllegalArgumentException if the kernel matrix is not positive definite
   */
  GaussianProcess(double[][] x, double[] y, double[] lengthscales, double signal, double noise) {
    this.x = x;
    this.y = y;
    int dim = lengthscales.length;
    invLs2 = new double[dim];
    for (int d = 0; d < dim; d++) {
      invLs2[d] = 1.0 / (lengthscales[d] * lengthscales[d]);
    }
    this.signal = signal;
    this.noise = noise;
    int n = x.length;
    double[][] k = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double v = signal * matern52(r2(x[i], x[j], invLs2));
        k[i][j] = v;
        k[j][i] = v;
      }
      k[i][i] += noise;
    }
    CholeskyDecomposition chol;
    try {
      chol = new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-9, 1e-300);
    } catch (MathIllegalArgumentException e) {
      throw new IllegalArgumentException("kernel matrix is not positive definite", e);
    }
    RealMatrix lm = chol.getL();
    l = lm.getData();
    alpha = chol.getSolver().solve(new org.hipparchus.linear.ArrayRealVector(y, false)).toArray();
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += StrictMath.log(l[i][i]);
    }
    logDetHalf = s;
  }

  /** {@code (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r)} as a function of {@code r^2}. */
  static double matern52(double r2) {
    double r = StrictMath.sqrt(r2);
    return (1 + SQRT5 * r + 5.0 / 3.0 * r2) * StrictMath.exp(-SQRT5 * r);
  }

  static double r2(double[] a, double[] b, double[] invLs2) {
    double s = 0;
    for (int d = 0; d < a.length; d++) {
      double t = a[d] - b[d];
      s += t * t * invLs2[d];
    }
    return s;
  }

  /** Posterior mean and variance of the latent function at {@code q}: {@code {mean, var}}. */
  double[] posterior(double[] q) {
    int n = x.length;
    double[] ks = new double[n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      ks[i] = signal * matern52(r2(q, x[i], invLs2));
      mean += ks[i] * alpha[i];
    }
    // v = L^-1 k*, var = s - v.v
    double vv = 0;
    for (int i = 0; i < n; i++) {
      double t = ks[i];
      double[] li = l[i];
      for (int j = 0; j < i; j++) {
        t -= li[j] * ks[j];
      }
      t /= li[i];
      ks[i] = t;
      vv += t * t;
    }
    return new double[] {mean, Math.max(signal - vv, 1e-12 * signal)};
  }

  /** {@code log p(y | x, theta) = -y' alpha / 2 - sum ln L_ii - n ln(2 pi) / 2}. */
  double logMarginalLikelihood() {
    double q = 0;
    for (int i = 0; i < y.length; i++) {
      q += y[i] * alpha[i];
    }
    return -0.5 * q - logDetHalf - 0.5 * y.length * StrictMath.log(2 * Math.PI);
  }

  /**
   * The log marginal likelihood at {@code theta} and its gradient: {@code [0]} is {@code {value}},
   * {@code [1]} the gradient {@code d/dtheta = tr((alpha alpha' - K^-1) dK/dtheta) / 2}. Returns
   * {@code {-Infinity}} and a zero gradient when the kernel matrix cannot be factorised.
   */
  static double[][] logMarginalLikelihoodAndGradient(double[][] x, double[] y, double[] theta) {
    int dim = theta.length - 2;
    int n = x.length;
    double[] ls = new double[dim];
    for (int d = 0; d < dim; d++) {
      ls[d] = StrictMath.exp(theta[d]);
    }
    double signal = StrictMath.exp(theta[dim]);
    double noiseFree = StrictMath.exp(theta[dim + 1]);
    GaussianProcess gp;
    try {
      gp = new GaussianProcess(x, y, ls, signal, NOISE_FLOOR + noiseFree);
    } catch (IllegalArgumentException e) {
      return new double[][] {{Double.NEGATIVE_INFINITY}, new double[theta.length]};
    }
    double value = gp.logMarginalLikelihood();
    // W = alpha alpha' - K^-1, with K^-1 from the Cholesky factor (L^-T L^-1)
    double[][] kinv = inverseFromCholesky(gp.l);
    double[] grad = new double[theta.length];
    double[] alpha = gp.alpha;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = alpha[i] * alpha[j] - kinv[i][j];
        double r2 = r2(x[i], x[j], gp.invLs2);
        double r = StrictMath.sqrt(r2);
        double e = StrictMath.exp(-SQRT5 * r);
        // d/d ln s: s M(r)
        grad[dim] += 0.5 * w * signal * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * e;
        // d/d ln l_d: s (5/3) (1 + sqrt5 r) exp(-sqrt5 r) diff_d^2 / l_d^2
        double common = 0.5 * w * signal * (5.0 / 3.0) * (1 + SQRT5 * r) * e;
        if (common != 0) {
          for (int d = 0; d < dim; d++) {
            double t = x[i][d] - x[j][d];
            grad[d] += common * t * t * gp.invLs2[d];
          }
        }
      }
      grad[dim + 1] += 0.5 * (alpha[i] * alpha[i] - kinv[i][i]) * noiseFree;
    }
    return new double[][] {{value}, grad};
  }

  /** {@code (L L')^-1} from the lower-triangular {@code L}. */
  static double[][] inverseFromCholesky(double[][] l) {
    int n = l.length;
    // M = L^-1 (lower triangular) by forward substitution
    double[][] m = new double[n][n];
    for (int c = 0; c < n; c++) {
      for (int i = c; i < n; i++) {
        double t = i == c ? 1.0 : 0.0;
        double[] li = l[i];
        for (int j = c; j < i; j++) {
          t -= li[j] * m[j][c];
        }
        m[i][c] = t / li[i];
      }
    }
    // K^-1 = M' M
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = i; k < n; k++) {
          s += m[k][i] * m[k][j];
        }
        out[i][j] = s;
        out[j][i] = s;
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "GaussianProcess[n=" + x.length + ", invLs2=" + Arrays.toString(invLs2) + ", signal="
        + signal + ", noise=" + noise + "]";
  }
}
