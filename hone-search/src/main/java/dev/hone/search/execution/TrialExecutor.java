package dev.hone.search.execution;

import dev.hone.search.study.Objective;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;

/**
 * Runs the trials of a study until its {@link ExecutionPlan} says to stop. Implementations decide
 * where trials run (threads of this JVM: {@link ThreadPoolTrialExecutor}; a cluster engine could
 * run them on other machines) but share the semantics below, which rest on the {@link
 * dev.hone.search.store.StudyStore} contract, so several executors (in several processes) may
 * work on one study at once.
 *
 * <ul>
 *   <li>Trials are started with {@link Study#tryAsk} with heartbeats on and, when the plan has a
 *       trial target, a limit equal to it: the study ends with exactly {@code targetTrials}
 *       COMPLETE or PRUNED trials however many workers race for the last ones. Enqueued trials
 *       ({@link Study#enqueue}) are claimed first, each by exactly one worker.
 *   <li>Each trial ends COMPLETE, PRUNED or FAIL as in {@link Study#optimize}; FAIL trials that
 *       Hone failed itself (timeout, stale heartbeat, duplicate, aborted run) carry the user
 *       attribute {@value dev.hone.search.study.TrialRecord#FAIL_REASON}.
 *   <li>{@link StudyListener} callbacks are never called concurrently (an implementation
 *       serialises them), though they may come from different threads.
 * </ul>
 */
public interface TrialExecutor {

  /**
   * Runs trials of {@code study} until {@code plan} says to stop, then returns once every trial
   * this call started has finished.
   *
   * @param objective the function to optimise; with more than one concurrent trial it must be
   *     safe to call from several threads at once
   * @param plan when to stop, timeouts, heartbeats, de-duplication
   * @param listener progress callbacks ({@link StudyListener#NONE} for none)
   * @return what this call ran and why it stopped
   * @throws dev.hone.core.error.UserInputException the first one an objective threw (the trial is
   *     FAIL, no new trial is started, and in-flight trials are cancelled)
   * @throws dev.hone.core.error.HoneException after {@link ExecutionPlan#maxConsecutiveFailures()}
   *     consecutive FAIL trials, on a storage failure, or when the calling thread is interrupted
   */
  ExecutionResult run(
      Study study, Objective objective, ExecutionPlan plan, StudyListener listener);
}
