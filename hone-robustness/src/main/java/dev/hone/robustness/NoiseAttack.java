package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.random.Seeds;
import java.util.SplittableRandom;

/**
 * Random noise scaled per feature: the baseline any attack must beat, and a check of how brittle a
 * model is to measurement noise. For each row it draws {@code draws} perturbations in scaled units
 * {@code z} over the free features and keeps the first that changes the predicted class (else the
 * last draw):
 *
 * <ul>
 *   <li>{@link Kind#UNIFORM}: uniform in the ε-ball of the norm (L∞: each {@code z_j ~ U[−ε, ε]};
 *       L2: uniform in the ball);
 *   <li>{@link Kind#GAUSSIAN}: {@code z_j ~ N(0, (ε/3)²)} independently, then projected onto the
 *       ε-ball (rarely active for L∞: 0.27% of coordinates).
 * </ul>
 *
 * Each draw is then clipped into the ranges; held features never move. Every returned row passes
 * {@link Invariants#check}. Deterministic for a given seed.
 *
 * @param kind the distribution
 * @param norm the budget's norm
 * @param eps the budget ε ≥ 0 in domain units (feature standard deviations for tabular domains)
 * @param draws draws per row (≥ 1)
 * @param seed seed of the draws
 */
public record NoiseAttack(Kind kind, Norm norm, double eps, int draws, long seed) {
  /** The noise distribution. */
  public enum Kind {
    UNIFORM,
    GAUSSIAN
  }

  public NoiseAttack {
    Attacks.requireEps("eps", eps);
    if (draws < 1) {
      throw new InvalidParameterException("draws was " + draws + " but must be >= 1");
    }
  }

  /** The same noise at another budget. */
  public NoiseAttack withEps(double e) {
    return new NoiseAttack(kind, norm, e, draws, seed);
  }

  /**
   * Perturbs each row.
   *
   * @param model the classifier
   * @param domain features that may change, units and ranges
   * @param x clean rows {@code [n][nFeatures]}
   * @param y true classes {@code [n]}
   * @throws dev.hone.core.error.DataValidationException if a row is outside the ranges
   */
  public AttackResult generate(Classifier model, PerturbationDomain domain, double[][] x, int[] y) {
    domain.checkInside(x);
    int n = x.length;
    int nf = domain.nFeatures();
    double[][] out = Attacks.copy(x);
    boolean[] success = new boolean[n];
    int[] predicted = new int[n];
    long queries = 0;
    for (int k = 0; k < draws; k++) {
      SplittableRandom rng = Seeds.rng(seed, "noise-" + kind.name().toLowerCase(java.util.Locale.ROOT), k);
      double[][] cand = new double[n][];
      for (int i = 0; i < n; i++) {
        double[] c = x[i].clone();
        int free = 0;
        double ss = 0;
        double[] g = new double[nf];
        for (int j = 0; j < nf; j++) {
          if (domain.free(x[i], j)) {
            free++;
            g[j] =
                kind == Kind.GAUSSIAN
                    ? GradientAttack.gaussian(rng) * eps / 3
                    : norm == Norm.LINF ? (2 * rng.nextDouble() - 1) * eps : GradientAttack.gaussian(rng);
            ss += g[j] * g[j];
          }
        }
        if (kind == Kind.UNIFORM && norm == Norm.L2 && ss > 0) {
          double r = eps * Math.pow(rng.nextDouble(), 1.0 / free) / Math.sqrt(ss);
          for (int j = 0; j < nf; j++) {
            g[j] *= r;
          }
        }
        for (int j = 0; j < nf; j++) {
          if (domain.free(x[i], j)) {
            c[j] = x[i][j] + g[j] * domain.scale(j);
          }
        }
        Attacks.project(domain, x[i], c, norm, eps);
        cand[i] = c;
      }
      int[] p = model.predict(cand);
      queries += n;
      for (int i = 0; i < n; i++) {
        if (!success[i]) {
          out[i] = cand[i];
          predicted[i] = p[i];
          success[i] = p[i] != y[i];
        }
      }
    }
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = Invariants.check(domain, x[i], out[i], norm, eps);
    }
    return new AttackResult(out, norms, success, predicted, queries);
  }
}
