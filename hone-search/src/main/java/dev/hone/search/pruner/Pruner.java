package dev.hone.search.pruner;

import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.TrialRecord;

/**
 * Decides, after a running trial reported an intermediate value, whether it should go on training
 * (Optuna's {@code BasePruner}; successive halving after Jamieson and Talwalkar 2016, ASHA after
 * Li et al. 2020, Hyperband after Li et al. 2018).
 *
 * <p><b>Contract.</b> A decision is a pure function of its arguments: the shipped pruners keep no
 * mutable state, so they are thread-safe, and a study resumed from its store gives the same
 * decisions as the run that wrote it. State that schedulers need (rung membership, a trial's
 * Hyperband bracket) is derived from the trials' intermediate values, their numbers and the
 * study's seed.
 *
 * <p><b>Steps.</b> The step being judged is the trial's last reported step (its largest key in
 * {@link TrialRecord#intermediateValues()}); steps are 0-based, in the objective's own resource
 * unit (boosting rounds, epochs).
 *
 * <p><b>NaN and failed trials.</b> A NaN intermediate value ranks worst: the trial that reported
 * it is stopped (once past any warm-up), and NaN values are left out of every cutoff statistic
 * (medians, percentiles and rung quantiles use finite values only). FAIL trials are never peers.
 * So a NaN or failed trial never disables or triggers stopping for other trials.
 */
@FunctionalInterface
public interface Pruner {
  /** Never stops a trial (the default of a study). */
  Pruner NONE = (study, trial, canPause) -> PruneDecision.CONTINUE;

  /**
   * Decides for {@code trial} at its last reported step.
   *
   * @param study the study as it is now: its direction (the direction in which intermediate values
   *     improve), seed, name and its <em>other</em> trials ordered by number (the trial being
   *     judged is not among them)
   * @param trial the RUNNING trial being judged, with every intermediate value it reported so far
   * @param canPause whether the caller can checkpoint and resume its training; when false the
   *     decision is never {@link PruneDecision#PAUSE}
   * @return the decision; {@link PruneDecision#CONTINUE} when the trial reported nothing yet
   */
  PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause);
}
