package dev.hone.search.pruner;

import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving as a pruner (Jamieson and Talwalkar, "Non-stochastic Best Arm Identification
 * and Hyperparameter Optimization", AISTATS 2016), in its asynchronous form with Optuna 3.1's
 * {@code SuccessiveHalvingPruner} conventions.
 *
 * <p><b>Rungs.</b> Rung {@code k = 0, 1, ...} has milestone {@code minResource ·
 * η^(minEarlyStoppingRate + k)}, unbounded (as in Optuna; {@link AshaPruner} caps the rungs at a
 * maximum resource). A trial reaches a milestone at its first reported step at or past it (steps
 * are 0-based and compared with milestones as in Optuna: milestone 1 is reached at step 1).
 *
 * <p><b>Promotion</b>, when a report reaches a new highest milestone: with {@code c} the finite
 * rung values of every other RUNNING/COMPLETE/PRUNED trial at that rung plus this trial's value
 * ({@code n = |c|}), the trial is stopped when {@code n <= bootstrapCount}; otherwise it continues
 * iff its value is at least as good as the {@code max(floor(n/η) - 1, 0)}-th best of {@code c}
 * (Optuna's rule: ties at the cutoff all continue, and the first trial at a rung always does).
 *
 * <p><b>Differences from Optuna.</b> Rung values are derived from the stored intermediate values,
 * not from system attributes written during the run, so a peer's rung value is its value at the
 * first step at or past the milestone. A report that oversteps several milestones is judged at the
 * highest one only (Optuna judges it at each in turn with the same value, stopping at the first
 * failure). NaN and infinite values follow {@link Pruner}'s policy (a NaN stops the trial, as in
 * Optuna; non-finite peers are left out). {@code min_resource="auto"} is not offered: give the
 * minimum resource.
 *
 * <p>Never returns PAUSE. Immutable and thread-safe.
 */
public final class SuccessiveHalvingPruner implements Pruner {
  private final long minResource;
  private final long reductionFactor;
  private final int minEarlyStoppingRate;
  private final int bootstrapCount;

  /**
   * @param minResource the first milestone's resource ({@code r}), {@code >= 1}
   * @param reductionFactor η, {@code >= 2} (Optuna's default 4)
   * @param minEarlyStoppingRate {@code s}: the first milestone is {@code r·η^s}, {@code >= 0}
   * @param bootstrapCount a trial is stopped at a rung holding at most this many values (itself
   *     included), {@code >= 0} (default 0)
   * @throws dev.hone.core.error.InvalidParameterException naming the argument out of range
   */
  public SuccessiveHalvingPruner(
      long minResource, long reductionFactor, int minEarlyStoppingRate, int bootstrapCount) {
    PercentilePruner.check("minResource", minResource, 1);
    PercentilePruner.check("reductionFactor", reductionFactor, 2);
    PercentilePruner.check("minEarlyStoppingRate", minEarlyStoppingRate, 0);
    PercentilePruner.check("bootstrapCount", bootstrapCount, 0);
    this.minResource = minResource;
    this.reductionFactor = reductionFactor;
    this.minEarlyStoppingRate = minEarlyStoppingRate;
    this.bootstrapCount = bootstrapCount;
  }

  /** The milestones {@code <= step}, in increasing order. */
  long[] milestonesUpTo(int step) {
    List<Long> out = new ArrayList<>();
    long m = Rungs.mulSat(minResource, Rungs.pow(reductionFactor, minEarlyStoppingRate));
    while (m <= step) {
      out.add(m);
      m = Rungs.mulSat(m, reductionFactor);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Override
  public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
    int step = Pruners.lastStep(trial);
    if (step < 0) {
      return PruneDecision.CONTINUE;
    }
    long[] ms = milestonesUpTo(step);
    int k = ms.length - 1;
    if (k < 0 || !Rungs.firstAtOrPast(trial, step, ms[k])) {
      return PruneDecision.CONTINUE;
    }
    double value = trial.intermediateValues().get(step);
    if (!Double.isFinite(value)) {
      return PruneDecision.STOP;
    }
    List<Rungs.Peer> peers = Rungs.peers(study, ms[k], n -> true);
    int n = peers.size() + 1;
    if (n <= bootstrapCount) {
      return PruneDecision.STOP;
    }
    double[] c = new double[n];
    Direction dir = study.direction();
    for (int i = 0; i < peers.size(); i++) {
      c[i] = dir.toLoss(peers.get(i).value());
    }
    c[n - 1] = dir.toLoss(value);
    java.util.Arrays.sort(c);
    int idx = Math.max((int) (n / reductionFactor) - 1, 0);
    return dir.toLoss(value) <= c[idx] ? PruneDecision.CONTINUE : PruneDecision.STOP;
  }

  @Override
  public String toString() {
    return "SuccessiveHalvingPruner[minResource=" + minResource + ", reductionFactor="
        + reductionFactor + ", minEarlyStoppingRate=" + minEarlyStoppingRate
        + ", bootstrapCount=" + bootstrapCount + "]";
  }
}
