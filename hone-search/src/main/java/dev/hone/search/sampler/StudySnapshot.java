package dev.hone.search.sampler;

import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.List;
import java.util.Objects;

/**
 * The plain immutable {@link StudyView}.
 *
 * @param name study name
 * @param direction optimisation direction
 * @param seed root seed
 * @param trials trials ordered by number (copied)
 */
public record StudySnapshot(String name, Direction direction, long seed, List<TrialRecord> trials)
    implements StudyView {
  public StudySnapshot {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    trials = List.copyOf(trials);
  }
}
