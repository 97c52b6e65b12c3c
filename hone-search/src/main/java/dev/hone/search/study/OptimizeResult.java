package dev.hone.search.study;

/**
 * What one call of {@link Study#optimize} did.
 *
 * @param trialsRun trials asked (and told) by this call
 * @param complete of those, COMPLETE
 * @param failed of those, FAIL
 * @param pruned of those, PRUNED
 * @param stoppedByTimeBudget whether the time budget, not the trial target, ended the call
 */
public record OptimizeResult(
    int trialsRun, int complete, int failed, int pruned, boolean stoppedByTimeBudget) {}
