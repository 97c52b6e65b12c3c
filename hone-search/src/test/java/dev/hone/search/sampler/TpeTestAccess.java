package dev.hone.search.sampler;

import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.List;

/** Test access to {@link TpeSampler}'s package-private ranking. */
public final class TpeTestAccess {
  private TpeTestAccess() {}

  /** {@code TpeSampler.rank(trials, direction)}. */
  public static List<TrialRecord> rank(List<TrialRecord> trials, Direction direction) {
    return TpeSampler.rank(trials, direction);
  }
}
