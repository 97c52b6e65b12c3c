package dev.hone.experiment;

import dev.hone.core.error.InvalidParameterException;
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
 * study's objective direction, and its maximum resource is the largest {@code n_estimators} of the
 * search space.
 */
final class RoundPruners {
  private RoundPruners() {}

  /**
   * @param name one of {@link Pruners#NAMES} ({@code none} gives {@link Pruner#NONE})
   * @param space the search space; its {@code n_estimators} upper bound is the maximum resource
   * @throws InvalidParameterException for an unknown name or a space without an integer {@code
   *     n_estimators}
   */
  static Pruner forXGBoost(String name, SearchSpace space) {
    if (name == null || name.equalsIgnoreCase("none")) {
      return Pruner.NONE;
    }
    return Pruners.intermediateDirection(
        Pruners.byName(name, maxRounds(space)), Direction.MINIMIZE);
  }

  /** The largest {@code n_estimators} the space can sample. */
  static long maxRounds(SearchSpace space) {
    Distribution d = space.distributions().get("n_estimators");
    if (d instanceof IntDistribution i) {
      return i.high();
    }
    throw new InvalidParameterException(
        "--pruner needs a search space with an integer n_estimators, but it has " + d);
  }
}
