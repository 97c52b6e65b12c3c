package dev.hone.search.pruner;

/**
 * What a {@link Pruner} tells a running trial after it reported an intermediate value.
 *
 * <p>{@link #PAUSE} is returned only to a caller that declared it can checkpoint and resume its
 * training (see {@link Pruner#decide}); every other caller receives {@link #CONTINUE} or {@link
 * #STOP}.
 */
public enum PruneDecision {
  /** Keep training. */
  CONTINUE,
  /**
   * Stop training now; the trial ends PRUNED with its last intermediate value (Optuna's {@code
   * TrialPruned}).
   */
  STOP,
  /**
   * Stop training for now but keep a checkpoint: the trial is not promotable at this rung yet, and
   * may become promotable once more trials reach the rung (asynchronous successive halving, Li et
   * al. 2020). Only for callers that can checkpoint and resume.
   */
  PAUSE;

  /** True for {@link #STOP} and {@link #PAUSE}: the caller must stop training now. */
  public boolean stopsTraining() {
    return this != CONTINUE;
  }
}
