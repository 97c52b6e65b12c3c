package dev.hone.search.study;

/**
 * The function being optimised: suggests its parameters through the {@link Trial} and returns the
 * value to minimise or maximise.
 *
 * <p>Returning NaN marks the trial FAIL. Throwing {@link TrialPrunedException} marks it PRUNED;
 * any other exception marks it FAIL (see {@link Study#optimize}).
 */
@FunctionalInterface
public interface Objective {
  /**
   * Evaluates one trial.
   *
   * @return the objective value (may be infinite; NaN means failure)
   * @throws Exception on failure; see {@link Study#optimize} for how each kind is handled
   */
  double evaluate(Trial trial) throws Exception;
}
