package dev.hone.experiment;

import dev.hone.search.fidelity.CalibrationResult;
import dev.hone.search.pruner.Pruners;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code fidelity} section of {@code metrics.json}: what {@code --fidelity} asked for, the
 * pilot calibration, the chosen fidelity and what the scheduler did. Immutable, JSON-serialisable.
 *
 * @param setting the {@code --fidelity} value ({@code auto} or a fidelity)
 * @param chosen the fidelity the study used as its lowest rung ({@code full}: no scheduler)
 * @param scheduler the scheduler and its milestones, in words
 * @param calibration the pilot calibration table; {@code null} for an explicit fidelity
 * @param rungs per rung below full: trials that reached it, were stopped there, went on
 * @param completeTrials trials that reached full fidelity
 * @param prunedTrials trials stopped at a lower rung
 * @param promotions sum over rungs of trials promoted past a rung
 * @param pilotFitSeconds sum of the pilot's fit times (seconds, each fit's own wall time)
 * @param pilotWallSeconds wall time of the whole pilot
 * @param trialSeconds sum of the study's trial durations (seconds), this run's and earlier ones'
 * @param calibrationSource where the calibration came from, in words: this run's pilot, the
 *     calibration cache (with its date and run), or the study being resumed; empty without one
 * @param pilotSteps the sequential pilot's decisions in order (empty when no pilot ran)
 * @param pilotConfigs configurations this run's pilot fitted at full fidelity; 0 when no pilot ran
 * @param pilotLowFits low-fidelity fits of their own this run's pilot made
 * @param pilotTrialsInStudy whether the study holds pilot full-fidelity fits as its first trials
 *     (tables whose calibration came from a pilot of this study); false when the calibration was
 *     reused from the cache (no pilot trials) or only calibrated the choice (images, whose trials
 *     start afresh)
 */
public record FidelitySummary(
    String setting,
    String chosen,
    String scheduler,
    CalibrationResult calibration,
    List<Rung> rungs,
    int completeTrials,
    int prunedTrials,
    int promotions,
    double pilotFitSeconds,
    double pilotWallSeconds,
    double trialSeconds,
    String calibrationSource,
    List<String> pilotSteps,
    int pilotConfigs,
    int pilotLowFits,
    boolean pilotTrialsInStudy) {
  public FidelitySummary {
    rungs = List.copyOf(rungs);
    pilotSteps = List.copyOf(pilotSteps);
  }

  /** A summary whose pilot fits, if any, are the study's first trials (the table search). */
  public FidelitySummary(
      String setting, String chosen, String scheduler, CalibrationResult calibration,
      List<Rung> rungs, int completeTrials, int prunedTrials, int promotions,
      double pilotFitSeconds, double pilotWallSeconds, double trialSeconds,
      String calibrationSource, List<String> pilotSteps, int pilotConfigs, int pilotLowFits) {
    this(setting, chosen, scheduler, calibration, rungs, completeTrials, prunedTrials, promotions,
        pilotFitSeconds, pilotWallSeconds, trialSeconds, calibrationSource, pilotSteps,
        pilotConfigs, pilotLowFits, true);
  }

  /**
   * One rung below full fidelity.
   *
   * @param index 0 for the cheapest rung
   * @param fidelity the fidelity trained at this rung (for rounds: {@code rounds:N}, N rounds)
   * @param step the step at which the scheduler judged trials
   * @param reached trials that reported at this rung
   * @param pruned trials stopped at this rung
   * @param promoted trials that went on past this rung
   */
  public record Rung(int index, String fidelity, long step, int reached, int pruned, int promoted) {}

  /**
   * Per rung {@code k}: the trials that reported at step {@code milestones[k]}, those of them
   * PRUNED there (their last report) and the rest (promoted).
   *
   * @param fidelity the fidelity's name at rung {@code k}
   */
  static List<Rung> rungs(List<TrialRecord> trials, long[] milestones, IntFunction<String> fidelity) {
    List<Rung> rungs = new ArrayList<>();
    for (int k = 0; k < milestones.length; k++) {
      int reached = 0;
      int pruned = 0;
      for (TrialRecord t : trials) {
        if (!t.intermediateValues().containsKey((int) milestones[k])) {
          continue;
        }
        reached++;
        if (t.state() == TrialState.PRUNED && Pruners.lastStep(t) == milestones[k]) {
          pruned++;
        }
      }
      rungs.add(new Rung(k, fidelity.apply(k), milestones[k], reached, pruned, reached - pruned));
    }
    return rungs;
  }

  /** COMPLETE and PRUNED trial counts and the sum of trial durations (seconds). */
  record TrialCounts(int complete, int pruned, double seconds) {
    static TrialCounts of(List<TrialRecord> trials) {
      int pruned = 0;
      int complete = 0;
      double seconds = 0;
      for (TrialRecord t : trials) {
        if (t.state() == TrialState.PRUNED) {
          pruned++;
        } else if (t.state() == TrialState.COMPLETE) {
          complete++;
        }
        if (t.duration() != null) {
          seconds += t.duration().toNanos() / 1e9;
        }
      }
      return new TrialCounts(complete, pruned, seconds);
    }
  }

  /** Promotions over all rungs. */
  static int promotions(List<Rung> rungs) {
    return rungs.stream().mapToInt(Rung::promoted).sum();
  }
}
