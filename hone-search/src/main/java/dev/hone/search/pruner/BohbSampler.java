package dev.hone.search.pruner;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.Distribution;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The model-based sampler of BOHB (Falkner, Klein and Hutter, "BOHB: Robust and Efficient
 * Hyperparameter Optimization at Scale", ICML 2018): a TPE density model per budget, fitted on the
 * largest budget that has enough observations; to be paired with a {@link HyperbandPruner}.
 *
 * <p><b>Observations at a budget {@code b}.</b> At the largest budget: the COMPLETE trials with
 * their objective values. At a smaller budget: the RUNNING, COMPLETE and PRUNED trials that
 * reported a finite intermediate value at a step {@code >= b}, with the value at their first such
 * step (as {@link AshaPruner} reads rungs). FAIL trials and NaN values are never observations.
 *
 * <p><b>Budget choice</b>, for each trial: the largest budget with at least {@code minObservations}
 * observations (Falkner et al. require {@code d + 2} above the {@code d + 1} a model needs; Hone
 * leaves the number to the caller). The wrapped {@link TpeSampler} then sees a history made of those
 * observations only, as COMPLETE trials with the observed values; when no budget has enough, it
 * sees an empty history and samples at random (its start-up phase), as BOHB does before its first
 * model. Falkner et al. also draw a random configuration a fixed fraction of the time; here that
 * role is left to the TPE's own prior kernel.
 *
 * <p>Intermediate values are judged in {@code intermediateDirection} (the study's direction unless
 * given: see {@link Pruners#intermediateDirection}). Same seed and same stored trials give the same
 * suggestions; thread-safe like the wrapped sampler.
 */
public final class BohbSampler implements Sampler {
  private final TpeSampler tpe;
  private final long[] budgets;
  private final int minObservations;
  private final Direction intermediateDirection;
  private final AtomicReference<Object[]> cache = new AtomicReference<>();

  /**
   * @param tpe the density model; its {@code nStartupTrials} should not exceed {@code
   *     minObservations}
   * @param budgets the budgets (resources) with a model, e.g. a Hyperband schedule's rung resources;
   *     at least one, each {@code >= 1}; the largest is the full budget
   * @param minObservations observations a budget needs to be modelled, {@code >= 1}
   * @param intermediateDirection how intermediate values improve; null for the study's direction
   * @throws InvalidParameterException if the budgets are empty or not positive, or {@code
   *     minObservations < 1}
   */
  public BohbSampler(
      TpeSampler tpe, long[] budgets, int minObservations, Direction intermediateDirection) {
    this.tpe = Objects.requireNonNull(tpe, "tpe");
    if (budgets == null || budgets.length == 0) {
      throw new InvalidParameterException("BOHB needs at least one budget");
    }
    this.budgets = Arrays.stream(budgets).distinct().sorted().toArray();
    if (this.budgets[0] < 1) {
      throw new InvalidParameterException(
          "BOHB budgets must be >= 1, got " + Arrays.toString(budgets));
    }
    PercentilePruner.check("minObservations", minObservations, 1);
    this.minObservations = minObservations;
    this.intermediateDirection = intermediateDirection;
  }

  /** With the distinct rung resources of {@code schedule} as budgets. */
  public static BohbSampler forSchedule(
      TpeSampler tpe, HyperbandSchedule schedule, int minObservations,
      Direction intermediateDirection) {
    long[] b =
        schedule.brackets().stream()
            .flatMap(br -> br.rungs().stream())
            .mapToLong(HyperbandSchedule.Rung::resource)
            .toArray();
    return new BohbSampler(tpe, b, minObservations, intermediateDirection);
  }

  /**
   * The budget whose model samples the next trial of {@code study}, or -1 when none has {@code
   * minObservations} observations (random sampling).
   */
  public long modelBudget(StudyView study) {
    for (int i = budgets.length - 1; i >= 0; i--) {
      if (observations(study, i).size() >= minObservations) {
        return budgets[i];
      }
    }
    return -1;
  }

  /** The view the TPE sees: the observations at {@link #modelBudget}, or no trials. */
  StudyView filtered(StudyView study) {
    Object[] c = cache.get();
    if (c != null && c[0] == study) {
      return (StudyView) c[1];
    }
    StudyView out = null;
    for (int i = budgets.length - 1; i >= 0 && out == null; i--) {
      List<TrialRecord> obs = observations(study, i);
      if (obs.size() >= minObservations) {
        Direction d =
            i == budgets.length - 1 || intermediateDirection == null
                ? study.direction()
                : intermediateDirection;
        out = new StudySnapshot(study.name(), d, study.seed(), obs);
      }
    }
    if (out == null) {
      out = new StudySnapshot(study.name(), study.direction(), study.seed(), List.of());
    }
    cache.set(new Object[] {study, out});
    return out;
  }

  private List<TrialRecord> observations(StudyView study, int budgetIndex) {
    boolean full = budgetIndex == budgets.length - 1;
    long b = budgets[budgetIndex];
    List<TrialRecord> out = new ArrayList<>();
    for (TrialRecord t : study.trials()) {
      Double v = null;
      if (full) {
        if (t.state() == TrialState.COMPLETE) {
          v = t.value();
        }
      } else if (t.state() == TrialState.RUNNING
          || t.state() == TrialState.COMPLETE
          || t.state() == TrialState.PRUNED) {
        v = Rungs.rungValue(t, b);
      }
      if (v != null && Double.isFinite(v)) {
        Instant at = t.startedAt() == null ? Instant.EPOCH : t.startedAt();
        out.add(
            new TrialRecord(
                t.number(), TrialState.COMPLETE, t.params(), t.distributions(), v, Map.of(),
                Map.of(), at, t.finishedAt() == null ? at : t.finishedAt()));
      }
    }
    return out;
  }

  @Override
  public Map<String, Distribution> inferRelativeSpace(StudyView study, int trialNumber) {
    return tpe.inferRelativeSpace(filtered(study), trialNumber);
  }

  @Override
  public Map<String, Object> sampleRelative(
      StudyView study, int trialNumber, Map<String, Distribution> space) {
    return tpe.sampleRelative(filtered(study), trialNumber, space);
  }

  @Override
  public Object sampleIndependent(
      StudyView study, int trialNumber, String name, Distribution distribution) {
    return tpe.sampleIndependent(filtered(study), trialNumber, name, distribution);
  }

  @Override
  public void beforeTrial(StudyView study, int trialNumber) {
    tpe.beforeTrial(filtered(study), trialNumber);
  }

  @Override
  public void afterTrial(StudyView study, TrialRecord finished) {
    tpe.afterTrial(filtered(study), finished);
  }

  @Override
  public String toString() {
    return "BohbSampler[budgets=" + Arrays.toString(budgets) + ", minObservations="
        + minObservations + "]";
  }
}
