package dev.hone.experiment;

/**
 * Progress callbacks of {@link TrainWorkflow}, e.g. for a progress bar. Called from the workflow's
 * thread; implementations must be quick.
 */
public interface TrainListener {
  /** A listener that ignores everything. */
  TrainListener NONE = new TrainListener() {};

  /** A named stage began, e.g. {@code "loading data"}. */
  default void stage(String name) {}

  /**
   * The search is about to start.
   *
   * @param finished trials already COMPLETE or PRUNED in the stored study (resumed), ≥ 0
   * @param target trials the study should hold when done
   * @param budgetMillis search budget in milliseconds, or -1 for none
   */
  default void searchStarted(int finished, int target, long budgetMillis) {}

  /**
   * The search is about to start, some of the finished trials being this run's fidelity pilot's
   * full fits ({@code --fidelity auto}). Calls {@link #searchStarted(int, int, long)} unless
   * overridden.
   *
   * @param finished trials already COMPLETE or PRUNED in the study, pilot trials included, ≥ 0
   * @param pilotTrials of those, the trials this run's pilot just added, {@code 0..finished}
   * @param target trials the study should hold when done
   * @param budgetMillis search budget in milliseconds, or -1 for none
   */
  default void searchStarted(int finished, int pilotTrials, int target, long budgetMillis) {
    searchStarted(finished, target, budgetMillis);
  }

  /**
   * A trial finished.
   *
   * @param number trial number
   * @param state final state name
   * @param value objective value, {@code NaN} when none
   * @param bestValue best objective value so far, {@code NaN} when none
   * @param finished trials COMPLETE or PRUNED so far, resumed ones included
   */
  default void trialFinished(int number, String state, double value, double bestValue, int finished) {}

  /** The search ended. */
  default void searchFinished() {}
}
