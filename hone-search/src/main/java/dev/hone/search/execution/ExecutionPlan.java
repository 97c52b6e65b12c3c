package dev.hone.search.execution;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import java.time.Duration;
import java.util.Map;

/**
 * When a {@link TrialExecutor} stops, and how it guards each trial. Build with {@link
 * #builder()}; at least one stop rule (trial target, time budget or patience) is required.
 *
 * <h2>Stop rules</h2>
 *
 * <ul>
 *   <li><b>Trial target</b>: stop once the study holds {@code targetTrials} COMPLETE or PRUNED
 *       trials, counting earlier runs and every other worker and process on the study (FAIL trials
 *       do not count). Exact: trials are started under a limit, so the study never ends with
 *       more.
 *   <li><b>Time budget</b>: no trial starts once {@code timeBudget} (from the start of {@code
 *       run}) has passed; trials running then are allowed to finish. Ending the <em>whole</em>
 *       run within the budget (say within budget + 5%) is the caller's job: give trials a {@code
 *       trialTimeout} well under the budget, and let the objective size its work with {@link
 *       dev.hone.search.study.Trial#budgetLeft()}.
 *   <li><b>Patience</b>: stop once {@code patience} trials in a row, in the order they finished
 *       (COMPLETE or PRUNED, whole study), brought no strictly better COMPLETE value than the best
 *       before them.
 * </ul>
 *
 * @param targetTrials COMPLETE + PRUNED trials to reach in the study, {@code >= 1}, or null
 * @param timeBudget wall-clock budget for starting trials, {@code > 0}, or null
 * @param patience finished trials without improvement before stopping, {@code >= 1}, or null
 * @param trialTimeout longest time one trial may run, {@code > 0}, or null for none. A trial past
 *     it is marked FAIL (user attribute {@code fail_reason} = "timeout: ..."), its {@link
 *     dev.hone.search.study.Trial#isCancelled()} flag is set and its thread is interrupted; an
 *     objective that ignores both keeps its worker busy until it returns, and its result is then
 *     discarded
 * @param heartbeatInterval how often a running trial's heartbeat is written, {@code > 0};
 *     default {@link #DEFAULT_HEARTBEAT_INTERVAL}
 * @param staleGrace how long another worker's trial may go without heartbeat before it is
 *     failed as orphaned, {@code > heartbeatInterval}; default {@link #GRACE_TO_INTERVAL} times the
 *     interval
 * @param requeueStale whether an orphaned trial's parameters are enqueued again (a new WAITING
 *     trial) when it is failed; default false
 * @param dedupeSpace when non-null, every trial first suggests all parameters of this space, and
 *     a configuration equal to one that is COMPLETE, PRUNED, WAITING, or RUNNING under a lower
 *     number is not evaluated: the trial ends FAIL with user attribute {@code duplicate_of}. Must
 *     be discrete (int, stepped float and categorical parameters only)
 * @param maxConsecutiveFailures FAIL trials in a row (duplicates not counted) after which the run
 *     throws, {@code >= 1}; default {@link Study#MAX_CONSECUTIVE_FAILURES}
 */
public record ExecutionPlan(
    Integer targetTrials,
    Duration timeBudget,
    Integer patience,
    Duration trialTimeout,
    Duration heartbeatInterval,
    Duration staleGrace,
    boolean requeueStale,
    SearchSpace dedupeSpace,
    int maxConsecutiveFailures) {

  /** Default heartbeat interval: 10 seconds. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  /** Default stale grace as a multiple of the heartbeat interval: {@value}. */
  public static final int GRACE_TO_INTERVAL = 3;

  /** Duplicates in a row after which a de-duplicating run stops: {@value}. */
  public static final int MAX_CONSECUTIVE_DUPLICATES = 100;

  /**
   * Validates the plan.
   *
   * @throws InvalidParameterException naming the setting if one is out of range, no stop rule is
   *     set, or the de-duplication space is not discrete
   */
  public ExecutionPlan {
    if (targetTrials == null && timeBudget == null && patience == null) {
      throw new InvalidParameterException(
          "an execution plan needs a stop rule: a trial target, a time budget or a patience");
    }
    if (targetTrials != null && targetTrials < 1) {
      throw new InvalidParameterException("trials was " + targetTrials + " but must be >= 1");
    }
    if (patience != null && patience < 1) {
      throw new InvalidParameterException("patience was " + patience + " but must be >= 1");
    }
    positive("time budget", timeBudget, true);
    positive("trial timeout", trialTimeout, true);
    if (heartbeatInterval == null) {
      heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    }
    positive("heartbeat interval", heartbeatInterval, false);
    if (staleGrace == null) {
      staleGrace = heartbeatInterval.multipliedBy(GRACE_TO_INTERVAL);
    }
    positive("stale grace", staleGrace, false);
    if (staleGrace.compareTo(heartbeatInterval) <= 0) {
      throw new InvalidParameterException(
          "stale grace was " + staleGrace + " but must be longer than the heartbeat interval "
              + heartbeatInterval);
    }
    if (maxConsecutiveFailures < 1) {
      throw new InvalidParameterException(
          "max consecutive failures was " + maxConsecutiveFailures + " but must be >= 1");
    }
    if (dedupeSpace != null) {
      for (Map.Entry<String, Distribution> e : dedupeSpace.distributions().entrySet()) {
        if (e.getValue() instanceof FloatDistribution f && f.step() == null && !f.isSingle()) {
          throw new InvalidParameterException(
              "de-duplication needs a discrete search space, but '" + e.getKey() + "' is "
                  + f + "; give it a step or turn de-duplication off");
        }
      }
    }
  }

  private static void positive(String what, Duration d, boolean nullable) {
    if (d == null) {
      if (!nullable) {
        throw new InvalidParameterException(what + " must be given");
      }
      return;
    }
    if (d.isNegative() || d.isZero()) {
      throw new InvalidParameterException(what + " was " + d + " but must be > 0");
    }
  }

  /** A plan with the trial target and time budget of {@code stop} and default settings. */
  public static ExecutionPlan of(StopCondition stop) {
    return builder().targetTrials(stop.targetTrials()).timeBudget(stop.timeBudget()).build();
  }

  /** A builder with no stop rule and default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The number of configurations of a discrete space (product of grid sizes), saturating at
   * {@link Long#MAX_VALUE}.
   */
  public static long cardinality(SearchSpace space) {
    long n = 1;
    for (Distribution d : space.distributions().values()) {
      long k;
      if (d instanceof CategoricalDistribution c) {
        k = c.choices().size();
      } else if (d instanceof FloatDistribution f) {
        k = f.isSingle() ? 1 : f.gridIntervals() + 1;
      } else {
        k = ((dev.hone.search.space.IntDistribution) d).gridIntervals() + 1;
      }
      if (k > 0 && n > Long.MAX_VALUE / k) {
        return Long.MAX_VALUE;
      }
      n *= k;
    }
    return n;
  }

  /** Builds an {@link ExecutionPlan}; every setting is optional, but one stop rule is needed. */
  public static final class Builder {
    private Integer targetTrials;
    private Duration timeBudget;
    private Integer patience;
    private Duration trialTimeout;
    private Duration heartbeatInterval;
    private Duration staleGrace;
    private boolean requeueStale;
    private SearchSpace dedupeSpace;
    private int maxConsecutiveFailures = Study.MAX_CONSECUTIVE_FAILURES;

    private Builder() {}

    /** Stop at this many COMPLETE + PRUNED trials in the study (null: no target). */
    public Builder targetTrials(Integer n) {
      this.targetTrials = n;
      return this;
    }

    /** Start no trial after this wall-clock time (null: no budget). */
    public Builder timeBudget(Duration d) {
      this.timeBudget = d;
      return this;
    }

    /** Stop after this many finished trials without improvement (null: off). */
    public Builder patience(Integer k) {
      this.patience = k;
      return this;
    }

    /** Fail a trial that runs longer than this (null: no timeout). */
    public Builder trialTimeout(Duration d) {
      this.trialTimeout = d;
      return this;
    }

    /** Heartbeat interval (null: {@link #DEFAULT_HEARTBEAT_INTERVAL}). */
    public Builder heartbeatInterval(Duration d) {
      this.heartbeatInterval = d;
      return this;
    }

    /** Stale grace (null: {@link #GRACE_TO_INTERVAL} heartbeat intervals). */
    public Builder staleGrace(Duration d) {
      this.staleGrace = d;
      return this;
    }

    /** Re-queue the parameters of orphaned trials. */
    public Builder requeueStale(boolean requeue) {
      this.requeueStale = requeue;
      return this;
    }

    /** De-duplicate configurations of this discrete space (null: off). */
    public Builder dedupe(SearchSpace space) {
      this.dedupeSpace = space;
      return this;
    }

    /** Consecutive failures after which the run throws. */
    public Builder maxConsecutiveFailures(int n) {
      this.maxConsecutiveFailures = n;
      return this;
    }

    /**
     * The plan.
     *
     * @throws InvalidParameterException as the {@link ExecutionPlan} constructor
     */
    public ExecutionPlan build() {
      return new ExecutionPlan(targetTrials, timeBudget, patience, trialTimeout,
          heartbeatInterval, staleGrace, requeueStale, dedupeSpace, maxConsecutiveFailures);
    }
  }
}
