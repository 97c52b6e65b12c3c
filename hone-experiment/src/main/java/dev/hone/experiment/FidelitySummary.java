package dev.hone.experiment;

import dev.hone.search.fidelity.CalibrationResult;
import java.util.List;

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
 * @param pilotTrialsInStudy whether the pilot's full-fidelity fits became the study's first
 *     trials (tables) or only calibrated the choice (images, whose trials start afresh)
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
}
