package dev.hone.search.pruner;

import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.TrialRecord;

/**
 * Stops a trial whose best intermediate value so far is worse than the median of the COMPLETE
 * trials' values at the same step (Optuna 3.1's {@code MedianPruner}): a {@link PercentilePruner}
 * at the 50th percentile, with the same rules, warm-up, interval, peer count and NaN policy.
 *
 * <p>Immutable and thread-safe.
 */
public final class MedianPruner implements Pruner {
  private final PercentilePruner inner;

  /**
   * @param nStartupTrials no trial is stopped before this many trials are COMPLETE, {@code >= 0}
   *     (Optuna's default 5)
   * @param nWarmupSteps steps {@code < nWarmupSteps} (0-based) are never judged, {@code >= 0}
   * @param intervalSteps judge every this many steps after the warm-up, {@code >= 1}
   * @param nMinTrials judge only when at least this many COMPLETE trials reported a finite value at
   *     the step, {@code >= 1}
   * @throws dev.hone.core.error.InvalidParameterException naming the argument out of range
   */
  public MedianPruner(int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials) {
    this.inner = new PercentilePruner(50, nStartupTrials, nWarmupSteps, intervalSteps, nMinTrials);
  }

  /** With Optuna's defaults: 5 startup trials, no warm-up, interval 1, one peer. */
  public MedianPruner() {
    this(5, 0, 1, 1);
  }

  @Override
  public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
    return inner.decide(study, trial, canPause);
  }

  @Override
  public String toString() {
    return inner.toString().replace("PercentilePruner[percentile=50.0, ", "MedianPruner[");
  }
}
