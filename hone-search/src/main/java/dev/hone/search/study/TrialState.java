package dev.hone.search.study;

/** Life-cycle state of a trial: RUNNING, then exactly one of the three finished states. */
public enum TrialState {
  /** Asked, not yet told. The only state in which a trial can change. */
  RUNNING,
  /** Finished with an objective value. */
  COMPLETE,
  /** Stopped early by the objective (or a scheduler); may carry its last intermediate value. */
  PRUNED,
  /** The objective threw, returned NaN, or the process running it died. */
  FAIL;

  /** True for COMPLETE, PRUNED and FAIL. */
  public boolean isFinished() {
    return this != RUNNING;
  }
}
