package dev.hone.search.study;

import java.util.Optional;

/**
 * Progress callbacks from {@link Study#optimize}, called on the optimising thread. Both methods
 * default to doing nothing; an exception thrown here propagates out of {@code optimize}.
 */
public interface StudyListener {
  /** A listener that does nothing. */
  StudyListener NONE = new StudyListener() {};

  /** Trial {@code number} was asked and is about to be evaluated. */
  default void onTrialStart(int number) {}

  /**
   * A trial was told.
   *
   * @param record its final snapshot
   * @param best the best COMPLETE trial of the study after this one, if any
   */
  default void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {}
}
