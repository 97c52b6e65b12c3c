package dev.hone.search.pruner;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.TrialRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous successive halving, ASHA (Li, Jamieson, Rostamizadeh, Gonina, Ben-tzur, Hardt,
 * Recht and Talwalkar, "A System for Massively Parallel Hyperparameter Tuning", MLSys 2020), as a
 * pruner.
 *
 * <p><b>Rungs.</b> The milestones are {@code minResource · η^(minEarlyStoppingRate + k)} for
 * {@code k = 0, 1, ...} while strictly below {@code maxResource}: strictly increasing and capped, so
 * a trial past the last milestone trains to its end. Steps are 0-based and compared with milestones
 * as in Optuna (milestone 1 is reached at step 1).
 *
 * <p><b>Promotion.</b> When a report reaches a new highest milestone (a report that oversteps
 * several is judged at the highest), the trial's value joins that rung's finite values from the
 * other RUNNING/COMPLETE/PRUNED trials ({@code n} values in all). The trial is promoted
 * (CONTINUE) iff it is among the top {@code max(1, floor(n/η))}; ties at the cutoff go to the lower
 * trial number, so exactly that many are promoted. Otherwise it is not promotable now: a caller
 * that can checkpoint gets PAUSE (ASHA keeps it in the rung, where a later look may promote it),
 * any other gets STOP. A NaN or infinite value at a milestone ranks worst and stops the trial; such
 * values are left out of every rung.
 *
 * <p>Immutable and thread-safe; decisions are a function of the stored intermediate values.
 */
public final class AshaPruner implements Pruner {
  private final long minResource;
  private final long maxResource;
  private final long reductionFactor;
  private final int minEarlyStoppingRate;
  private final long[] milestones;

  /**
   * @param minResource the first rung's resource ({@code r}), {@code >= 1}
   * @param maxResource the largest resource a trial trains with ({@code R}), {@code > minResource}
   * @param reductionFactor η, {@code >= 2}
   * @param minEarlyStoppingRate {@code s}: the first milestone is {@code r·η^s}, {@code >= 0}
   * @throws InvalidParameterException naming the argument out of range
   */
  public AshaPruner(
      long minResource, long maxResource, long reductionFactor, int minEarlyStoppingRate) {
    PercentilePruner.check("minResource", minResource, 1);
    PercentilePruner.check("reductionFactor", reductionFactor, 2);
    PercentilePruner.check("minEarlyStoppingRate", minEarlyStoppingRate, 0);
    if (maxResource <= minResource) {
      throw new InvalidParameterException(
          "pruner maxResource was " + maxResource + " but must be > minResource ("
              + minResource + ")");
    }
    this.minResource = minResource;
    this.maxResource = maxResource;
    this.reductionFactor = reductionFactor;
    this.minEarlyStoppingRate = minEarlyStoppingRate;
    List<Long> ms = new ArrayList<>();
    long m = Rungs.mulSat(minResource, Rungs.pow(reductionFactor, minEarlyStoppingRate));
    while (m < maxResource) {
      ms.add(m);
      m = Rungs.mulSat(m, reductionFactor);
    }
    this.milestones = ms.stream().mapToLong(Long::longValue).toArray();
  }

  /** The milestones at which trials are judged: strictly increasing, all {@code < maxResource}. */
  public long[] milestones() {
    return milestones.clone();
  }

  @Override
  public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
    return judge(study, trial, canPause, milestones, n -> true, reductionFactor);
  }

  /** The ASHA decision at the given milestones among the peers {@code include} accepts. */
  static PruneDecision judge(
      StudyView study,
      TrialRecord trial,
      boolean canPause,
      long[] milestones,
      java.util.function.IntPredicate include,
      long eta) {
    int step = Pruners.lastStep(trial);
    if (step < 0) {
      return PruneDecision.CONTINUE;
    }
    int k = Rungs.highestPassed(milestones, step);
    if (k < 0 || !Rungs.firstAtOrPast(trial, step, milestones[k])) {
      return PruneDecision.CONTINUE;
    }
    double value = trial.intermediateValues().get(step);
    if (!Double.isFinite(value)) {
      return PruneDecision.STOP;
    }
    List<Rungs.Peer> peers = Rungs.peers(study, milestones[k], include);
    if (Rungs.ashaPromotable(peers, trial.number(), value, eta, study.direction())) {
      return PruneDecision.CONTINUE;
    }
    return canPause ? PruneDecision.PAUSE : PruneDecision.STOP;
  }

  @Override
  public String toString() {
    return "AshaPruner[minResource=" + minResource + ", maxResource=" + maxResource
        + ", reductionFactor=" + reductionFactor + ", minEarlyStoppingRate="
        + minEarlyStoppingRate + "]";
  }
}
