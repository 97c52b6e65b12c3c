package dev.hone.core.model;

/**
 * Receives intermediate validation values from an iterative learner (one per boosting round or
 * epoch) and may ask it to stop early; this is how pruners and schedulers reach a learner without
 * the learner knowing about them.
 */
@FunctionalInterface
public interface ReportSink {
  /** A sink that never stops training. */
  ReportSink NONE = (step, value) -> true;

  /**
   * @param step 0-based resource step (round or epoch)
   * @param value the validation objective at that step; {@code NaN} when the fit has no
   *     validation data (the sink is still called, so that a deadline can stop the fit)
   * @return {@code true} to continue, {@code false} to stop training now
   */
  boolean report(int step, double value);
}
