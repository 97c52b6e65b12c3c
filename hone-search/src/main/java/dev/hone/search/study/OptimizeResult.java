package dev.hone.search.study;

import dev.hone.search.execution.StopReason;

/**
 * What one call of {@link Study#optimize} did.
 *
 * @param trialsRun trials asked (and told) by this call
 * @param complete of those, COMPLETE
 * @param failed of those, FAIL
 * @param pruned of those, PRUNED
 * @param stoppedByTimeBudget whether the time budget, not the trial target, ended the call
 * @param stopReason why no further trial was asked: {@link StopReason#TARGET_REACHED}, {@link
 *     StopReason#TIME_BUDGET}, or {@link StopReason#SPACE_EXHAUSTED} when the sampler reported
 *     that it has nothing new to propose ({@link dev.hone.search.sampler.Sampler#isExhausted})
 */
public record OptimizeResult(
    int trialsRun, int complete, int failed, int pruned, boolean stoppedByTimeBudget,
    StopReason stopReason) {

  /** A result stopped by the target or, with {@code stoppedByTimeBudget}, by the time budget. */
  public OptimizeResult(
      int trialsRun, int complete, int failed, int pruned, boolean stoppedByTimeBudget) {
    this(trialsRun, complete, failed, pruned, stoppedByTimeBudget,
        stoppedByTimeBudget ? StopReason.TIME_BUDGET : StopReason.TARGET_REACHED);
  }
}
