package dev.hone.search.study;

/**
 * Life-cycle state of a trial: WAITING (only for enqueued trials), then RUNNING, then exactly one
 * of the three finished states.
 */
public enum TrialState {
  /**
   * Enqueued with fixed parameters ({@link Study#enqueue}) and not yet claimed by a worker. A
   * WAITING trial has a number but no start time; exactly one worker claims it, which makes it
   * RUNNING.
   */
  WAITING,
  /** Asked (or claimed), not yet told. The only state in which a trial's data can change. */
  RUNNING,
  /** Finished with an objective value. */
  COMPLETE,
  /** Stopped early by the objective (or a scheduler); may carry its last intermediate value. */
  PRUNED,
  /**
   * The objective threw, returned NaN, ran past its timeout, or the worker running it died (its
   * heartbeat went stale). The user attribute {@value TrialRecord#FAIL_REASON} says why when
   * Hone failed the trial itself.
   */
  FAIL;

  /** True for COMPLETE, PRUNED and FAIL. */
  public boolean isFinished() {
    return this == COMPLETE || this == PRUNED || this == FAIL;
  }

  /** True for COMPLETE and PRUNED: the states that count towards a trial target. */
  public boolean countsAsDone() {
    return this == COMPLETE || this == PRUNED;
  }
}
