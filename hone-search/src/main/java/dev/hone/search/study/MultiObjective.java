package dev.hone.search.study;

/**
 * A function of several objectives: suggests its parameters through the {@link Trial} and returns
 * one value per direction of the study ({@link Study#directions()}), in the same order.
 *
 * <p>A vector with a NaN entry marks the trial FAIL; throwing {@link TrialPrunedException} marks
 * it PRUNED; other exceptions are handled as for {@link Objective} (see {@link Study#optimize}).
 * Post-evaluation constraints are recorded with {@link Trial#setConstraints} before returning.
 */
@FunctionalInterface
public interface MultiObjective {
  /**
   * Evaluates one trial (run by {@link Study#optimizeMulti}).
   *
   * @return the objective vector, length {@code study.directions().size()}
   * @throws Exception on failure
   */
  double[] evaluate(Trial trial) throws Exception;
}
