package dev.hone.search.pruner;

import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.Map;
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
    return (study, trial, canPause) ->
        pruner.decide(
            new StudySnapshot(study.name(), direction, study.seed(), study.trials()),
            trial,
            canPause);
  }

  /** The largest reported step of {@code trial}, or -1 when it reported nothing. */
  public static int lastStep(TrialRecord trial) {
    int last = -1;
    for (int s : trial.intermediateValues().keySet()) {
      last = Math.max(last, s);
    }
    return last;
  }

  /**
   * The trial's best intermediate value over its steps (NaN values ignored), or NaN when every
   * value is NaN (Optuna's {@code _get_best_intermediate_result_over_steps}).
   */
  public static double bestSoFar(TrialRecord trial, Direction direction) {
    double best = Double.NaN;
    for (Map.Entry<Integer, Double> e : trial.intermediateValues().entrySet()) {
      double v = e.getValue();
      if (Double.isNaN(v)) {
        continue;
      }
      if (Double.isNaN(best) || direction.isBetter(v, best)) {
        best = v;
      }
    }
    return best;
  }
}
