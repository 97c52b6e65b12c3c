package dev.hone.robustness;

/**
 * Adversarial examples for {@code n} rows. Not serialised (rows can be large); summaries go into
 * {@link RobustnessReport}.
 *
 * @param adversarial {@code [n][nFeatures]}: the perturbed rows (the clean row when the attack
 *     found nothing)
 * @param norm {@code [n]}: ‖(x_adv − x) / scale‖ in the attack's norm; checked against the budget
 *     by {@link Invariants}
 * @param success {@code [n]}: whether the model's class at {@code adversarial} differs from the
 *     label (untargeted) or equals the target (targeted)
 * @param predicted {@code [n]}: the model's class at {@code adversarial}
 * @param queries model evaluations used (rows predicted or gradients taken)
 */
public record AttackResult(
    double[][] adversarial, double[] norm, boolean[] success, int[] predicted, long queries) {

  /** Share of rows with {@code success}. */
  public double successRate() {
    int s = 0;
    for (boolean b : success) {
      s += b ? 1 : 0;
    }
    return success.length == 0 ? Double.NaN : (double) s / success.length;
  }
}
