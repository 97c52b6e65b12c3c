package dev.hone.robustness;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.DifferentiableModel;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Adversarial training (Goodfellow et al. 2015; Madry et al. 2018) over any learner that can
 * continue training a {@link DifferentiableModel}: each round, a share {@code ratio} of the
 * training rows (drawn afresh per round) is replaced by adversarial examples crafted against the
 * current model with a {@link GradientAttack}, and the fit function trains on the mixed rows (as
 * the Adversarial Robustness Toolbox's {@code AdversarialTrainer} with its {@code ratio}). Labels
 * stay the true ones. The fit function decides what a round is (an epoch, a few mini-batch steps)
 * and whether it continues from {@code previous}.
 */
public final class AdversarialTraining {
  private AdversarialTraining() {}

  /**
   * Trains one round.
   *
   * @param <M> the model type
   */
  @FunctionalInterface
  public interface FitFunction<M extends DifferentiableModel> {
    /**
     * @param x training rows for this round {@code [n][nFeatures]} (clean and adversarial mixed)
     * @param y class indices {@code [n]}
     * @param previous the model after the previous round, or {@code null} in round 0 when no
     *     initial model was given
     * @param round the round number, from 0
     * @return the model after this round
     */
    M fit(double[][] x, double[] y, M previous, int round);
  }

  /**
   * @param rounds rounds (≥ 1)
   * @param ratio share of rows replaced by adversarial examples each round, in [0, 1]
   * @param seed seed of the row choice (the attack has its own seed)
   */
  public record Options(int rounds, double ratio, long seed) {
    public Options {
      if (rounds < 1 || !(ratio >= 0 && ratio <= 1)) {
        throw new InvalidParameterException(
            "adversarial training needs rounds >= 1 and ratio in [0, 1]; got " + rounds + ", "
                + ratio);
      }
    }
  }

  /**
   * One round's record.
   *
   * @param round the round number
   * @param adversarialRows rows replaced this round
   * @param attackSuccessRate share of the replaced rows that fooled the model before this round
   */
  public record Round(int round, int adversarialRows, double attackSuccessRate) {}

  /**
   * @param model the final model
   * @param rounds one record per round
   */
  public record Result<M>(M model, List<Round> rounds) {}

  /**
   * Runs the rounds.
   *
   * @param initial a model to start from, or {@code null} to fit round 0 on clean rows only
   * @param x training rows {@code [n][nFeatures]} inside the domain's ranges
   * @param y class indices {@code [n]}
   */
  public static <M extends DifferentiableModel> Result<M> run(
      FitFunction<M> fit, M initial, double[][] x, double[] y, GradientAttack attack,
      PerturbationDomain domain, Options options) {
    domain.checkInside(x);
    M model = initial;
    List<Round> log = new ArrayList<>();
    int n = x.length;
    int k = (int) Math.round(options.ratio() * n);
    for (int r = 0; r < options.rounds(); r++) {
      double[][] mixed = Attacks.copy(x);
      double rate = Double.NaN;
      int replaced = 0;
      if (model != null && k > 0) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
          idx[i] = i;
        }
        SplittableRandom rng = Seeds.rng(options.seed(), "adversarial-training", r);
        Seeds.shuffle(idx, rng);
        double[][] xs = new double[k][];
        double[] ys = new double[k];
        for (int i = 0; i < k; i++) {
          xs[i] = x[idx[i]];
          ys[i] = y[idx[i]];
        }
        GradientAttack a =
            new GradientAttack(
                attack.norm(), attack.eps(), attack.epsStep(), attack.maxIter(),
                attack.numRandomInit(), attack.targeted(), Seeds.derive(attack.seed(), "round", r));
        AttackResult res = a.generate(model, domain, xs, ys);
        for (int i = 0; i < k; i++) {
          mixed[idx[i]] = res.adversarial()[i];
        }
        rate = res.successRate();
        replaced = k;
      }
      model = fit.fit(mixed, y, model, r);
      log.add(new Round(r, replaced, rate));
    }
    return new Result<>(model, List.copyOf(log));
  }
}
