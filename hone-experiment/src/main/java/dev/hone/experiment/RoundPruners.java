package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.params.ParamSet;
import dev.hone.search.pruner.Pruner;
import dev.hone.search.pruner.Pruners;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.Direction;

/**
 * The pruner {@code hone train --pruner NAME} puts on a study of XGBoost trials. Each trial
 * reports its validation loss (log-loss or RMSE) once per boosting round, at step = round index
 * (0-based), so the pruner judges intermediate values as {@link Direction#MINIMIZE} whatever the
 * study's objective direction, and its maximum resource is the most rounds a trial can train: the
 * upper bound of {@code n_estimators} when the space searches it, else its fixed value (default
 * 1000).
 */
final class RoundPruners {
  private RoundPruners() {}

  /**
   * @param name one of {@link Pruners#NAMES} ({@code none} gives {@link Pruner#NONE})
   * @param space the search space
   * @param fixed the learner's parameters with nothing sampled (gives {@code n_estimators} when the
   *     space does not search it)
   * @throws InvalidParameterException for an unknown name or fewer than 2 rounds
   */
  static Pruner forXGBoost(String name, SearchSpace space, ParamSet fixed) {
    if (name == null || name.equalsIgnoreCase("none")) {
      return Pruner.NONE;
    }
    return Pruners.intermediateDirection(
        Pruners.byName(name, maxRounds(space, fixed)), Direction.MINIMIZE);
  }

  /** The most boosting rounds a trial can train. */
  static long maxRounds(SearchSpace space, ParamSet fixed) {
    Distribution d = space.distributions().get("n_estimators");
    if (d instanceof IntDistribution i) {
      return i.high();
    }
    if (d != null) {
      throw new InvalidParameterException(
          "--pruner needs an integer n_estimators in the search space, but it is " + d);
    }
    return fixed.getLong("n_estimators");
  }
}
