package dev.hone.search.study;

import java.time.Instant;

/**
 * How {@link Study#tryAsk} starts a trial.
 *
 * @param heartbeat whether the caller sends heartbeats for the trial ({@link Trial#heartbeat()})
 *     every few seconds while it runs; a trial started with heartbeats is failed by other workers
 *     only once its heartbeat is stale (see {@link Study#failStaleTrials})
 * @param limit start the trial only while the study holds fewer than {@code limit} trials that
 *     are COMPLETE, PRUNED or RUNNING (across all workers and processes), {@code >= 1}; {@link
 *     Integer#MAX_VALUE} for no limit
 * @param trialDeadline when the trial will be failed for running too long, or null for never;
 *     shown to the objective by {@link Trial#timeLeft()}
 * @param budgetDeadline when the run's wall-clock budget ends (no trial starts after it), or null
 *     for no budget; shown to the objective by {@link Trial#budgetLeft()}
 */
public record AskOptions(
    boolean heartbeat, int limit, Instant trialDeadline, Instant budgetDeadline) {

  /** No heartbeat, no limit, no deadlines: what {@link Study#ask()} uses. */
  public static final AskOptions DEFAULT = new AskOptions(false, Integer.MAX_VALUE, null, null);

  /**
   * Validates the limit.
   *
   * @throws IllegalArgumentException if {@code limit < 1}
   */
  public AskOptions {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, got " + limit);
    }
  }
}
