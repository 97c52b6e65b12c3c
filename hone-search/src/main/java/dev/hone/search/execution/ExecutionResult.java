package dev.hone.search.execution;

/**
 * What one {@link TrialExecutor#run} did. Counts cover the trials this call started, not earlier
 * runs or other processes.
 *
 * @param trialsRun trials started (asked or claimed from the queue) by this call
 * @param complete of those, COMPLETE
 * @param pruned of those, PRUNED
 * @param failed of those, FAIL (timed-out and duplicate trials included)
 * @param timedOut of the failed, those that ran past {@link ExecutionPlan#trialTimeout()}
 * @param duplicates of the failed, those skipped as duplicates (de-duplication on)
 * @param stopReason why no further trial was started
 * @param elapsedMillis wall-clock time of the call, in milliseconds
 */
public record ExecutionResult(
    int trialsRun,
    int complete,
    int pruned,
    int failed,
    int timedOut,
    int duplicates,
    StopReason stopReason,
    long elapsedMillis) {}
