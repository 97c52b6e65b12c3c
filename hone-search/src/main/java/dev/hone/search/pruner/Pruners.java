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

  /** The names {@link #byName} accepts. */
  public static final java.util.List<String> NAMES =
      java.util.List.of("none", "median", "percentile", "sh", "asha", "hyperband");

  /**
   * A pruner by name with Hone's defaults, for command lines: {@code none}; {@code median}
   * (5 start-up trials, warm-up {@code maxResource / 10} steps); {@code percentile} (25th, same
   * start-up and warm-up); {@code sh} (successive halving, {@code r = 1}, η = 3); {@code asha}
   * ({@code r = 1}, {@code R = maxResource}, η = 3); {@code hyperband} ({@code r = 1}, {@code R =
   * maxResource}, η = 3). Names are case-insensitive.
   *
   * @param name one of {@link #NAMES}
   * @param maxResource the most steps a trial reports (e.g. the largest {@code n_estimators}),
   *     {@code >= 2}
   * @throws dev.hone.core.error.InvalidParameterException naming the unknown pruner and the known
   *     ones, or a {@code maxResource < 2}
   */
  public static Pruner byName(String name, long maxResource) {
    Objects.requireNonNull(name, "name");
    PercentilePruner.check("maxResource", maxResource, 2);
    int warmUp = (int) Math.min(Integer.MAX_VALUE, maxResource / 10);
    return switch (name.toLowerCase(java.util.Locale.ROOT)) {
      case "none" -> Pruner.NONE;
      case "median" -> new MedianPruner(5, warmUp, 1, 1);
      case "percentile" -> new PercentilePruner(25, 5, warmUp, 1, 1);
      case "sh" -> new SuccessiveHalvingPruner(1, 3, 0, 0);
      case "asha" -> new AshaPruner(1, maxResource, 3, 0);
      case "hyperband" -> new HyperbandPruner(1, maxResource, 3);
      default -> throw new dev.hone.core.error.InvalidParameterException(
          "unknown pruner '" + name + "'; use one of " + NAMES);
    };
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
