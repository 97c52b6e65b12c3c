package dev.hone.search.pruner;

import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.TrialRecord;
import java.util.Objects;

/**
 * Hyperband (Li et al., JMLR 2018) run asynchronously as a pruner: each trial is assigned a bracket
 * by {@link HyperbandSchedule#bracketFor} (a function of the study seed and the trial number), and
 * within its bracket it is judged by ASHA's rule ({@link AshaPruner}; Li et al. 2020) at the
 * bracket's milestones {@code r_0 < ... < r_(s-1)}, against the trials of the same bracket only.
 * Trials of bracket 0 are never stopped.
 *
 * <p><b>Differences from Optuna 3.1's {@code HyperbandPruner}</b> (see {@link HyperbandSchedule}
 * for the schedule): the number of brackets uses exact integer arithmetic (Optuna's floating-point
 * logarithm gives 5 brackets instead of 6 for {@code R/r = 243, η = 3}); when {@code R/r} is not a
 * power of η, rung budgets are {@code floor(R/η^(s-i))} anchored at {@code R} (Optuna's are {@code
 * r·η^(b+k)}, anchored at {@code r} and unbounded); the bracket hash uses the study seed instead of
 * the study name; promotion is ASHA's exact top {@code max(1, floor(n/η))} with ties to the lower
 * trial number (Optuna's successive halving lets ties through), and there is no bootstrap count.
 *
 * <p>PAUSE goes to callers that can checkpoint, as in {@link AshaPruner}. Immutable and
 * thread-safe.
 */
public final class HyperbandPruner implements Pruner {
  private final HyperbandSchedule schedule;

  /**
   * @param minResource {@code r}, {@code >= 1}
   * @param maxResource {@code R}, {@code >= r}: the resource of a fully trained trial
   * @param reductionFactor η, {@code >= 2} (Optuna's default 3)
   * @throws dev.hone.core.error.InvalidParameterException naming the argument out of range
   */
  public HyperbandPruner(long minResource, long maxResource, long reductionFactor) {
    this(HyperbandSchedule.of(minResource, maxResource, reductionFactor));
  }

  /** A pruner following {@code schedule}. */
  public HyperbandPruner(HyperbandSchedule schedule) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
  }

  /** The brackets and rungs. */
  public HyperbandSchedule schedule() {
    return schedule;
  }

  @Override
  public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
    HyperbandSchedule.Bracket bracket = schedule.bracketFor(study.seed(), trial.number());
    if (bracket.s() == 0) {
      return PruneDecision.CONTINUE;
    }
    int s = bracket.s();
    long seed = study.seed();
    return AshaPruner.judge(
        study,
        trial,
        canPause,
        bracket.milestones(),
        n -> schedule.bracketFor(seed, n).s() == s,
        schedule.reductionFactor());
  }

  @Override
  public String toString() {
    return "HyperbandPruner[minResource=" + schedule.minResource() + ", maxResource="
        + schedule.maxResource() + ", reductionFactor=" + schedule.reductionFactor() + "]";
  }
}
