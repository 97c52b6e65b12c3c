package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.random.Seeds;
import java.util.SplittableRandom;

/**
 * White-box gradient attacks on a {@link DifferentiableModel} classifier: the fast gradient sign
 * method (FGSM; Goodfellow, Shlens and Szegedy, "Explaining and harnessing adversarial examples",
 * ICLR 2015) and projected gradient descent (PGD; Madry et al., "Towards deep learning models
 * resistant to adversarial attacks", ICLR 2018), under an L∞ or L2 budget, in the units of a
 * {@link PerturbationDomain}. Parameters follow the Adversarial Robustness Toolbox's names:
 * {@code eps}, {@code eps_step}, {@code max_iter}, {@code num_random_init}, {@code targeted}.
 *
 * <p>Each step works in scaled coordinates {@code z = (x_adv − x) / scale}: the gradient of the
 * cross-entropy loss with respect to {@code z} is {@code ∇_x loss ∘ scale}; an L∞ step adds {@code
 * eps_step · sign(∇_z)}, an L2 step adds {@code eps_step · ∇_z / ‖∇_z‖₂} (over the free features).
 * After each step the perturbation is projected onto the ε-ball and every coordinate clipped into
 * its range; held features never move. Untargeted attacks ascend the loss of the true label;
 * targeted attacks descend the loss of the target class.
 *
 * <p>Random start (PGD, on by default): the first iterate is drawn uniformly from the ε-ball (L∞:
 * each {@code z_j ~ U[−ε, ε]}; L2: uniformly in the ball). With {@code numRandomInit = r > 1} the
 * attack runs r times and each row keeps its most damaging result: a successful one before an
 * unsuccessful one, then the one with the larger loss (untargeted) or smaller target loss
 * (targeted). Every returned row passes {@link Invariants#check}. Thread safety: instances are
 * immutable; {@link #generate} may run concurrently if the model allows it.
 *
 * @param norm the budget's norm
 * @param eps the budget ε ≥ 0, in domain units
 * @param epsStep step size per iteration, in domain units
 * @param maxIter iterations (1 for FGSM)
 * @param numRandomInit number of random starts (0 = start at x, no restarts)
 * @param targeted whether labels are targets to reach (default false)
 * @param seed seed of the random starts
 */
public record GradientAttack(
    Norm norm, double eps, double epsStep, int maxIter, int numRandomInit, boolean targeted,
    long seed) {

  public GradientAttack {
    Attacks.requireEps("eps", eps);
    Attacks.requireEps("eps_step", epsStep);
    if (maxIter < 1) {
      throw new InvalidParameterException("max_iter was " + maxIter + " but must be >= 1");
    }
    if (numRandomInit < 0) {
      throw new InvalidParameterException(
          "num_random_init was " + numRandomInit + " but must be >= 0");
    }
  }

  /** FGSM: one step of size ε from the clean input, untargeted. */
  public static GradientAttack fgsm(Norm norm, double eps) {
    return new GradientAttack(norm, eps, eps, 1, 0, false, 0);
  }

  /**
   * PGD with one random start and step {@code 2.5 ε / maxIter} (the step size of Madry et al.),
   * untargeted.
   */
  public static GradientAttack pgd(Norm norm, double eps, int maxIter, long seed) {
    return new GradientAttack(norm, eps, 2.5 * eps / maxIter, maxIter, 1, false, seed);
  }

  /** The same attack at another budget, with the step scaled in proportion (for ε curves). */
  public GradientAttack withEps(double newEps) {
    double step = eps == 0 ? (maxIter == 1 ? newEps : 2.5 * newEps / maxIter) : epsStep * newEps / eps;
    return new GradientAttack(norm, newEps, step, maxIter, numRandomInit, targeted, seed);
  }

  /** The same attack with {@code r} random starts. */
  public GradientAttack withRandomInit(int r) {
    return new GradientAttack(norm, eps, epsStep, maxIter, r, targeted, seed);
  }

  /** The same attack, targeted or not. */
  public GradientAttack withTargeted(boolean t) {
    return new GradientAttack(norm, eps, epsStep, maxIter, numRandomInit, t, seed);
  }

  /** {@code fgsm} when one step without random start, else {@code pgd-<maxIter>}. */
  public String name() {
    return maxIter == 1 && numRandomInit == 0 ? "fgsm" : "pgd-" + maxIter;
  }

  /**
   * Attacks each row.
   *
   * @param model the classifier under attack
   * @param domain features that may change, their units and ranges
   * @param x clean rows {@code [n][nFeatures]}, inside the domain's ranges
   * @param y true class indices (untargeted) or target classes (targeted), {@code [n]}
   * @return the adversarial rows, each checked by {@link Invariants}
   * @throws dev.hone.core.error.DataValidationException if a row is outside the domain's range
   * @throws InvalidParameterException if a label is not a class index
   */
  public AttackResult generate(
      DifferentiableModel model, PerturbationDomain domain, double[][] x, double[] y) {
    domain.checkInside(x);
    int n = x.length;
    double[][] p0 = model.predictRows(x).probabilities();
    int nClasses = n == 0 ? 2 : p0[0].length;
    int[] label = Attacks.labels(y, nClasses);
    long queries = n;
    int runs = Math.max(1, numRandomInit);
    double[][] best = Attacks.copy(x);
    double[] bestLoss = new double[n];
    boolean[] bestSuccess = new boolean[n];
    int[] bestPred = new int[n];
    for (int i = 0; i < n; i++) {
      bestLoss[i] = Attacks.crossEntropy(p0[i], label[i]);
      bestPred[i] = Attacks.argmax(p0[i]);
      bestSuccess[i] = targeted ? bestPred[i] == label[i] : bestPred[i] != label[i];
    }
    for (int r = 0; r < runs; r++) {
      double[][] adv = Attacks.copy(x);
      if (numRandomInit > 0 && eps > 0) {
        SplittableRandom rng = Seeds.rng(seed, "gradient-attack-start", r);
        for (int i = 0; i < n; i++) {
          randomStart(domain, x[i], adv[i], rng);
        }
      }
      for (int it = 0; it < maxIter; it++) {
        double[][] g = model.lossGradient(adv, y);
        queries += n;
        for (int i = 0; i < n; i++) {
          step(domain, x[i], adv[i], g[i]);
        }
      }
      double[][] p = model.predictRows(adv).probabilities();
      queries += n;
      for (int i = 0; i < n; i++) {
        int pred = Attacks.argmax(p[i]);
        boolean success = targeted ? pred == label[i] : pred != label[i];
        double loss = Attacks.crossEntropy(p[i], label[i]);
        boolean better =
            (success && !bestSuccess[i])
                || (success == bestSuccess[i] && (targeted ? loss < bestLoss[i] : loss > bestLoss[i]));
        if (r == 0 || better) { // the first run's result, then only improvements
          best[i] = adv[i];
          bestLoss[i] = loss;
          bestSuccess[i] = success;
          bestPred[i] = pred;
        }
      }
    }
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = Invariants.check(domain, x[i], best[i], norm, eps);
    }
    return new AttackResult(best, norms, bestSuccess, bestPred, queries);
  }

  private void randomStart(PerturbationDomain d, double[] x, double[] adv, SplittableRandom rng) {
    int nf = x.length;
    if (norm == Norm.LINF) {
      for (int j = 0; j < nf; j++) {
        if (d.free(x, j)) {
          adv[j] = x[j] + (2 * rng.nextDouble() - 1) * eps * d.scale(j);
        }
      }
    } else {
      double[] g = new double[nf];
      double ss = 0;
      int free = 0;
      for (int j = 0; j < nf; j++) {
        if (d.free(x, j)) {
          g[j] = gaussian(rng);
          ss += g[j] * g[j];
          free++;
        }
      }
      if (ss > 0) {
        // uniform in the ball: a uniform direction, radius ε·U^(1/d)
        double radius = eps * Math.pow(rng.nextDouble(), 1.0 / free) / Math.sqrt(ss);
        for (int j = 0; j < nf; j++) {
          if (d.free(x, j)) {
            adv[j] = x[j] + g[j] * radius * d.scale(j);
          }
        }
      }
    }
    Attacks.project(d, x, adv, norm, eps);
  }

  private void step(PerturbationDomain d, double[] x, double[] adv, double[] grad) {
    int nf = x.length;
    double sign = targeted ? -1 : 1;
    if (norm == Norm.LINF) {
      for (int j = 0; j < nf; j++) {
        if (d.free(x, j)) {
          adv[j] += sign * epsStep * Math.signum(grad[j]) * d.scale(j);
        }
      }
    } else {
      double ss = 0;
      for (int j = 0; j < nf; j++) {
        if (d.free(x, j)) {
          double gz = grad[j] * d.scale(j);
          ss += gz * gz;
        }
      }
      if (ss > 0) {
        double f = sign * epsStep / Math.sqrt(ss);
        for (int j = 0; j < nf; j++) {
          if (d.free(x, j)) {
            adv[j] += f * grad[j] * d.scale(j) * d.scale(j);
          }
        }
      }
    }
    Attacks.project(d, x, adv, norm, eps);
  }

  static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
