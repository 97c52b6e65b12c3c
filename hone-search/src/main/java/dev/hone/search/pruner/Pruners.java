package dev.hone.search.pruner;

import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.Objects;

/** Helpers shared by the pruners, and pruner decorators. */
public final class Pruners {
  private Pruners() {}

  /**
   * A pruner that judges intermediate values in {@code direction} whatever the study's direction:
   * for a learner whose reported metric improves the other way from the study's objective (e.g.
   * XGBoost reports a validation loss, to be minimised, while the study maximises AUC).
   *
   * @param pruner the pruner to decorate
   * @param direction the direction in which the reported intermediate values improve
   */
  public static Pruner intermediateDirection(Pruner pruner, Direction direction) {
    Objects.requireNonNull(pruner, "pruner");
    Objects.requireNonNull(direction, "direction");
    if (pruner == Pruner.NONE) {
      return pruner;
    }
    return new Pruner() {
      @Override
      public PruneDecision decide(StudyView study, TrialRecord trial, boolean canPause) {
        return pruner.decide(
            new StudySnapshot(study.name(), direction, study.seed(), study.trials()),
            trial,
            canPause);
      }

      @Override
      public boolean judges(long studySeed, int trialNumber, int previousStep, int step) {
        return pruner.judges(studySeed, trialNumber, previousStep, step);
      }

      @Override
      public String toString() {
        return pruner + " on " + direction + " intermediate values";
      }
    };
  }

  /**
   * Whether some milestone {@code m} of the strictly increasing {@code milestones} lies in
   * {@code (previousStep, step]}: the report at {@code step} is the first to reach it.
   */
  static boolean reachesMilestone(long[] milestones, int previousStep, int step) {
    int k = Rungs.highestPassed(milestones, step);
    return k >= 0 && previousStep < milestones[k];
  }

  /** The largest reported step of {@code trial}, or -1 when it reported nothing. */
  public static int lastStep(TrialRecord trial) {
    int last = -1;
    for (int s : trial.intermediateValues().keySet()) {
      last = Math.max(last, s);
    }
    return last;
  }
}
