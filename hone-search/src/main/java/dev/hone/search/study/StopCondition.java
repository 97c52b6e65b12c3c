package dev.hone.search.study;

import dev.hone.core.error.InvalidParameterException;
import java.time.Duration;

/**
 * When {@link Study#optimize} stops asking for new trials.
 *
 * <p>It stops once the study holds {@code targetTrials} trials in state COMPLETE or PRUNED,
 * counting those from earlier runs of the same study (so a resumed study runs only the remainder
 * and never re-runs finished trials; FAIL trials do not count), or once {@code timeBudget},
 * measured from the start of {@code optimize}, has passed: no new trial starts after that, and a
 * trial that is running when the budget runs out is allowed to finish.
 *
 * @param targetTrials number of COMPLETE or PRUNED trials to reach, {@code >= 1}
 * @param timeBudget wall-clock budget, {@code > 0}, or {@code null} for none
 */
public record StopCondition(int targetTrials, Duration timeBudget) {

  /**
   * Validates the condition.
   *
   * @throws InvalidParameterException if {@code targetTrials < 1} or the budget is not positive
   */
  public StopCondition {
    if (targetTrials < 1) {
      throw new InvalidParameterException(
          "trials was " + targetTrials + " but must be >= 1");
    }
    if (timeBudget != null && (timeBudget.isNegative() || timeBudget.isZero())) {
      throw new InvalidParameterException(
          "time budget was " + timeBudget + " but must be > 0 (or absent for no budget)");
    }
  }

  /** Stop after {@code targetTrials} COMPLETE or PRUNED trials, with no time budget. */
  public static StopCondition trials(int targetTrials) {
    return new StopCondition(targetTrials, null);
  }
}
