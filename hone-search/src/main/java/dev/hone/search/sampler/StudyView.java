package dev.hone.search.sampler;

import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import java.util.List;

/**
 * What a sampler may read about a study: a read-only, immutable view taken when the trial being
 * sampled was asked. Samplers see the same view for every parameter of that trial, which makes a
 * trial's suggestions a function of this view and the seed alone.
 */
public interface StudyView {
  /** The study's name. */
  String name();

  /** The optimisation direction. */
  Direction direction();

  /** The study's root seed; derive generators from it with {@link Sampler#rng}. */
  long seed();

  /**
   * The trials that existed when the current trial was asked (it is not among them), ordered by
   * number; unmodifiable. Under sequential optimisation all of them are finished; with concurrent
   * workers some may be RUNNING.
   */
  List<TrialRecord> trials();
}
