package dev.hone.search.execution;

import dev.hone.core.error.HoneException;
import dev.hone.core.error.UserInputException;
import dev.hone.search.space.Distribution;
import dev.hone.search.store.StoreRules;
import dev.hone.search.study.AskOptions;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialCancelledException;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs up to {@code jobs} trials at once on a caller-supplied {@link ExecutorService} (the CLI's
 * {@code --jobs N}). Each of the {@code jobs} workers loops on its own: check the stop rules, start
 * a trial ({@link Study#tryAsk}, claiming enqueued trials first), evaluate it, tell it, and go
 * again at once; no worker waits for a batch. With a trial target, a worker that finds every
 * remaining slot taken by running trials (of this or other processes) polls until one frees up or
 * the target is reached.
 *
 * <p>A single watchdog thread, owned by each {@link #run} call, writes the heartbeats of running
 * trials every {@link ExecutionPlan#heartbeatInterval()}, fails trials that pass {@link
 * ExecutionPlan#trialTimeout()} and cancels trials another process failed as stale. Workers call
 * {@link Study#failStaleTrials} at most once per heartbeat interval, so trials of crashed
 * processes are failed (or re-queued) within about {@link ExecutionPlan#staleGrace()}.
 *
 * <p>The pool must have at least {@code jobs} threads free (a fixed pool of {@code jobs} threads
 * is the usual choice); the caller owns it and shuts it down. Interrupting the thread that called
 * {@link #run} cancels and fails the running trials and throws; workers whose objectives ignore
 * interrupts leave the pool when their objective returns. Thread-safe: one executor may serve
 * several runs at once.
 *
 * <pre>{@code
 * ExecutorService pool = Executors.newFixedThreadPool(4);
 * try {
 *   ExecutionResult r = new ThreadPoolTrialExecutor(pool, 4).run(study, objective,
 *       ExecutionPlan.builder().targetTrials(200).trialTimeout(Duration.ofMinutes(5)).build(),
 *       StudyListener.NONE);
 * } finally {
 *   pool.shutdownNow();
 * }
 * }</pre>
 */
public final class ThreadPoolTrialExecutor implements TrialExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadPoolTrialExecutor.class);

  /** Longest pause of a worker waiting for a free slot, in milliseconds: {@value}. */
  public static final long MAX_POLL_MILLIS = 200;

  private final ExecutorService workers;
  private final int jobs;
  private final java.util.function.BooleanSupplier stopSignal;

  /**
   * An executor running {@code jobs} trials at once on {@code workers}.
   *
   * @param workers the pool to run the worker loops on; must have {@code jobs} threads free
   * @param jobs concurrent trials, {@code >= 1}
   * @throws IllegalArgumentException if {@code jobs < 1}
   */
  public ThreadPoolTrialExecutor(ExecutorService workers, int jobs) {
    this.workers = Objects.requireNonNull(workers, "workers");
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs was " + jobs + " but must be >= 1");
    }
    this.jobs = jobs;
    this.stopSignal = null;
  }

  private ThreadPoolTrialExecutor(
      ExecutorService workers, int jobs, java.util.function.BooleanSupplier stopSignal) {
    this.workers = workers;
    this.jobs = jobs;
    this.stopSignal = stopSignal;
  }

  /**
   * This executor with an outside deadline: once {@code stopNow} returns true, no new trial starts
   * (the run's stop reason is {@link StopReason#TIME_BUDGET}) and every running trial is cancelled
   * and marked FAIL (user attribute {@code fail_reason} = "cancelled: ..."), as a trial past its
   * timeout is. {@code stopNow} is polled by the run's watchdog about every {@value
   * #SIGNAL_POLL_MILLIS} ms and before each trial starts; it must be cheap and thread-safe. This
   * is how a caller ends the search at a deadline that moves while it runs (e.g. {@code hone
   * train --time-budget}, which keeps time for the work after the search).
   *
   * @param stopNow true once the search must end
   * @return a new executor sharing this one's pool and job count
   */
  public ThreadPoolTrialExecutor withStopSignal(java.util.function.BooleanSupplier stopNow) {
    return new ThreadPoolTrialExecutor(workers, jobs, Objects.requireNonNull(stopNow, "stopNow"));
  }

  /** How often a stop signal ({@link #withStopSignal}) is polled, in milliseconds: {@value}. */
  public static final long SIGNAL_POLL_MILLIS = 50;

  /** The number of concurrent trials. */
  public int jobs() {
    return jobs;
  }

  @Override
  public ExecutionResult run(
      Study study, Objective objective, ExecutionPlan plan, StudyListener listener) {
    Objects.requireNonNull(study, "study");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(listener, "listener");
    return new Run(study, objective, plan, listener).execute();
  }

  /** One running trial and its guards. */
  private static final class Slot {
    final Trial trial;
    final Thread thread;
    boolean done;
    boolean aborted;
    boolean timedOut;

    Slot(Trial trial, Thread thread) {
      this.trial = trial;
      this.thread = thread;
    }
  }

  private final class Run {
    final Study study;
    final Objective objective;
    final ExecutionPlan plan;
    final StudyListener listener;
    final Clock clock = Clock.systemUTC();
    final long startNanos = System.nanoTime();
    final Instant budgetDeadline;
    final long pollMillis;
    final Set<Slot> inflight = ConcurrentHashMap.newKeySet();
    final AtomicReference<StopReason> stopReason = new AtomicReference<>();
    final AtomicReference<Throwable> fatal = new AtomicReference<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger complete = new AtomicInteger();
    final AtomicInteger pruned = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger timedOut = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger consecutiveFailures = new AtomicInteger();
    final AtomicInteger consecutiveDuplicates = new AtomicInteger();
    final AtomicReference<String> lastError = new AtomicReference<>();
    final AtomicLong lastStaleCheck;
    final Object listenerLock = new Object();
    /** Signalled whenever a trial of this run finishes or the run stops. */
    final Object progress = new Object();
    final AtomicLong finishes = new AtomicLong();
    ScheduledThreadPoolExecutor watchdog;

    Run(Study study, Objective objective, ExecutionPlan plan, StudyListener listener) {
      this.study = study;
      this.objective = objective;
      this.plan = plan;
      this.listener = listener;
      this.budgetDeadline =
          plan.timeBudget() == null ? null : clock.instant().plus(plan.timeBudget());
      this.pollMillis = Math.max(1, Math.min(MAX_POLL_MILLIS,
          plan.heartbeatInterval().toMillis() / 4));
      this.lastStaleCheck = new AtomicLong(startNanos - plan.heartbeatInterval().toNanos());
    }

    boolean stopping() {
      return stopReason.get() != null || fatal.get() != null;
    }

    void stop(StopReason why) {
      if (stopReason.compareAndSet(null, why)) {
        LOG.info("study '{}': no new trials: {}", study.name(), why);
      }
      signal();
    }

    void fatal(Throwable t) {
      if (fatal.compareAndSet(null, t)) {
        abortAll("the run was aborted: " + t);
      }
      signal();
    }

    void signal() {
      synchronized (progress) {
        progress.notifyAll();
      }
    }

    /**
     * Waits until a trial of this run finishes after {@code seen} finishes, the run stops, or
     * {@link #pollMillis} pass (a trial of another process may free a slot meanwhile).
     */
    void awaitProgress(long seen) throws InterruptedException {
      synchronized (progress) {
        if (finishes.get() == seen && !stopping()) {
          progress.wait(pollMillis);
        }
      }
    }

    ExecutionResult execute() {
      watchdog = new ScheduledThreadPoolExecutor(1, r -> {
        Thread th = new Thread(r, "hone-trial-watchdog");
        th.setDaemon(true);
        return th;
      });
      watchdog.setRemoveOnCancelPolicy(true);
      long hb = plan.heartbeatInterval().toMillis();
      watchdog.scheduleWithFixedDelay(this::beatAll, hb, hb, TimeUnit.MILLISECONDS);
      if (stopSignal != null) {
        watchdog.scheduleWithFixedDelay(this::pollSignal, SIGNAL_POLL_MILLIS,
            SIGNAL_POLL_MILLIS, TimeUnit.MILLISECONDS);
      }
      List<Future<?>> loops = new ArrayList<>();
      try {
        // Trials of dead workers are failed (or re-queued) before any worker asks, so a re-queued
        // configuration is evaluated before new ones whatever the thread interleaving.
        lastStaleCheck.set(System.nanoTime());
        study.failStaleTrials(plan.staleGrace(), plan.requeueStale());
        try {
          for (int i = 0; i < jobs; i++) {
            loops.add(workers.submit(this::loop));
          }
        } catch (RejectedExecutionException e) {
          fatal(new IllegalStateException("the worker pool refused a worker loop (is it shut"
              + " down?)", e));
        }
        for (Future<?> f : loops) {
          try {
            f.get();
          } catch (ExecutionException e) {
            fatal(e.getCause());
          }
        }
      } catch (InterruptedException e) {
        fatal(new HoneException(
            "optimisation of study '" + study.name() + "' was interrupted", e));
        for (Future<?> f : loops) {
          f.cancel(true);
        }
        Thread.currentThread().interrupt();
      } finally {
        watchdog.shutdownNow();
      }
      Throwable t = fatal.get();
      if (t != null) {
        if (t instanceof RuntimeException re) {
          throw re;
        }
        if (t instanceof Error err) {
          throw err;
        }
        throw new HoneException("optimisation of study '" + study.name() + "' failed: " + t, t);
      }
      return new ExecutionResult(started.get(), complete.get(), pruned.get(), failed.get(),
          timedOut.get(), duplicates.get(), stopReason.get(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    void loop() {
      try {
        while (!stopping()) {
          StopReason why = checkStop();
          if (why != null) {
            stop(why);
            return;
          }
          maybeFailStale();
          long seen = finishes.get();
          if (!freeSlot()) {
            awaitProgress(seen);
            continue;
          }
          Instant now = clock.instant();
          AskOptions ask = new AskOptions(true,
              plan.targetTrials() == null ? Integer.MAX_VALUE : plan.targetTrials(),
              plan.trialTimeout() == null ? null : now.plus(plan.trialTimeout()),
              budgetDeadline);
          Optional<Trial> trial = study.tryAsk(ask);
          if (trial.isEmpty()) {
            awaitProgress(seen);
            continue;
          }
          evaluate(trial.get());
        }
      } catch (InterruptedException e) {
        if (!stopping()) {
          fatal(new HoneException(
              "a worker of study '" + study.name() + "' was interrupted", e));
        }
      } catch (RuntimeException | Error e) {
        fatal(e);
      }
    }

    /** With a stop signal that fires: stop starting trials and cancel the running ones. */
    void pollSignal() {
      try {
        if (stopSignal.getAsBoolean()) {
          stop(StopReason.TIME_BUDGET);
          abortAll("cancelled: the run's deadline passed");
        }
      } catch (RuntimeException e) {
        fatal(e);
      }
    }

    /** A stop rule that holds now, or null. */
    StopReason checkStop() {
      if (stopSignal != null && stopSignal.getAsBoolean()) {
        return StopReason.TIME_BUDGET;
      }
      if (budgetDeadline != null && !clock.instant().isBefore(budgetDeadline)) {
        return StopReason.TIME_BUDGET;
      }
      if (plan.targetTrials() != null) {
        Map<TrialState, Integer> c = study.countTrials();
        if (c.get(TrialState.COMPLETE) + c.get(TrialState.PRUNED) >= plan.targetTrials()) {
          return StopReason.TARGET_REACHED;
        }
      }
      java.util.concurrent.atomic.AtomicReference<List<TrialRecord>> lazy =
          new java.util.concurrent.atomic.AtomicReference<>();
      dev.hone.search.sampler.StudyView view = new dev.hone.search.sampler.StudyView() {
        @Override
        public String name() {
          return study.name();
        }

        @Override
        public Direction direction() {
          return study.direction();
        }

        @Override
        public long seed() {
          return study.seed();
        }

        @Override
        public List<TrialRecord> trials() {
          if (lazy.get() == null) {
            lazy.set(study.trials());
          }
          return lazy.get();
        }
      };
      if (study.sampler().isExhausted(view)) {
        return StopReason.SPACE_EXHAUSTED;
      }
      if (plan.patience() == null && plan.dedupeSpace() == null) {
        return null;
      }
      List<TrialRecord> all = view.trials();
      if (plan.patience() != null && sinceImprovement(all, study.direction())
          >= plan.patience()) {
        return StopReason.NO_IMPROVEMENT;
      }
      if (plan.dedupeSpace() != null) {
        if (consecutiveDuplicates.get() >= ExecutionPlan.MAX_CONSECUTIVE_DUPLICATES) {
          return StopReason.SPACE_EXHAUSTED;
        }
        Set<List<Object>> seen = new HashSet<>();
        for (TrialRecord t : all) {
          if (t.state().countsAsDone()) {
            List<Object> key = key(t.params());
            if (key != null) {
              seen.add(key);
            }
          }
        }
        if (seen.size() >= ExecutionPlan.cardinality(plan.dedupeSpace())) {
          return StopReason.SPACE_EXHAUSTED;
        }
      }
      return null;
    }

    /** With a trial target: whether COMPLETE + PRUNED + RUNNING leave room for one more. */
    boolean freeSlot() {
      if (plan.targetTrials() == null) {
        return true;
      }
      Map<TrialState, Integer> c = study.countTrials();
      return c.get(TrialState.COMPLETE) + c.get(TrialState.PRUNED) + c.get(TrialState.RUNNING)
          < plan.targetTrials();
    }

    void maybeFailStale() {
      long now = System.nanoTime();
      long last = lastStaleCheck.get();
      if (now - last >= plan.heartbeatInterval().toNanos()
          && lastStaleCheck.compareAndSet(last, now)) {
        study.failStaleTrials(plan.staleGrace(), plan.requeueStale());
      }
    }

    void evaluate(Trial trial) {
      started.incrementAndGet();
      Slot slot = new Slot(trial, Thread.currentThread());
      inflight.add(slot);
      ScheduledFuture<?> timeout = null;
      if (plan.trialTimeout() != null) {
        timeout = watchdog.schedule(
            () -> abort(slot, "timeout: ran longer than " + plan.trialTimeout(), true),
            plan.trialTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      TrialRecord rec;
      boolean duplicate = false;
      String error = null;
      Throwable cause = null;
      MDC.put("study", study.name());
      MDC.put("trial", Integer.toString(trial.number()));
      try {
        synchronized (listenerLock) {
          listener.onTrialStart(trial.number());
        }
        Integer dupOf = plan.dedupeSpace() == null ? null : duplicateOf(trial);
        if (dupOf != null) {
          duplicate = true;
          trial.setUserAttribute(TrialRecord.DUPLICATE_OF, dupOf.toString());
          rec = study.fail(trial, "duplicate of trial " + dupOf + "; not evaluated");
        } else {
          double v = objective.evaluate(trial);
          rec = tellQuietly(trial, v, null);
          if (rec.state() == TrialState.FAIL && !aborted(slot)) {
            error = "objective returned NaN";
          }
        }
      } catch (TrialPrunedException e) {
        rec = tellQuietly(trial, Double.NaN, TrialState.PRUNED);
      } catch (UserInputException e) {
        rec = study.fail(trial, e.toString());
        if (!aborted(slot)) {
          fatal(e);
        }
      } catch (InterruptedException | TrialCancelledException e) {
        if (aborted(slot)) {
          rec = study.trial(trial.number());
        } else {
          rec = study.fail(trial, "interrupted: " + e);
          if (e instanceof InterruptedException) {
            fatal(new HoneException(
                "a worker of study '" + study.name() + "' was interrupted in trial "
                    + trial.number(), e));
          }
        }
      } catch (Exception e) {
        if (!aborted(slot)) {
          LOG.warn("trial {} failed with params {}: {}", trial.number(), trial.params(),
              e.toString(), e);
        }
        rec = study.fail(trial, e.getClass().getName() + ": " + e.getMessage());
        error = e.getClass().getName() + ": " + e.getMessage();
        cause = e;
      } catch (Error e) {
        rec = study.fail(trial, e.toString());
        fatal(e);
      } finally {
        synchronized (slot) {
          slot.done = true;
        }
        Thread.interrupted(); // a timeout's interrupt must not leak into the next trial
        if (timeout != null) {
          timeout.cancel(false);
        }
        inflight.remove(slot);
        MDC.remove("study");
        MDC.remove("trial");
      }
      count(rec, slot, duplicate, error, cause);
    }

    boolean aborted(Slot slot) {
      synchronized (slot) {
        return slot.aborted;
      }
    }

    /** Tells the trial; if it was finished meanwhile (timeout, stale), returns its record. */
    TrialRecord tellQuietly(Trial trial, double v, TrialState state) {
      try {
        return state == null ? study.tell(trial, v) : study.tell(trial, state);
      } catch (dev.hone.search.store.TrialFinishedException e) {
        return study.trial(trial.number());
      }
    }

    void count(TrialRecord rec, Slot slot, boolean duplicate, String error, Throwable cause) {
      switch (rec.state()) {
        case COMPLETE -> complete.incrementAndGet();
        case PRUNED -> pruned.incrementAndGet();
        default -> failed.incrementAndGet();
      }
      boolean timed;
      synchronized (slot) {
        timed = slot.timedOut;
      }
      if (rec.state() == TrialState.FAIL && timed) {
        timedOut.incrementAndGet();
      }
      if (duplicate) {
        duplicates.incrementAndGet();
        consecutiveDuplicates.incrementAndGet();
      } else {
        consecutiveDuplicates.set(0);
        if (rec.state() == TrialState.FAIL && !(aborted(slot) && stopping())) {
          String why = error != null ? error : rec.userAttributes().get(TrialRecord.FAIL_REASON);
          lastError.set(why);
          if (consecutiveFailures.incrementAndGet() >= plan.maxConsecutiveFailures()) {
            fatal(new HoneException(plan.maxConsecutiveFailures()
                + " consecutive trials failed; last error: " + why, cause));
          }
        } else {
          consecutiveFailures.set(0);
        }
      }
      if (listener != StudyListener.NONE) {
        synchronized (listenerLock) {
          listener.onTrialFinish(rec, study.bestTrial());
        }
      }
      finishes.incrementAndGet();
      signal();
    }

    /** Fails a running trial from outside its worker, cancels it and interrupts its thread. */
    void abort(Slot slot, String reason, boolean isTimeout) {
      synchronized (slot) {
        if (slot.done || slot.aborted) {
          return;
        }
        slot.aborted = true;
        slot.timedOut = isTimeout;
      }
      slot.trial.cancel(reason);
      try {
        study.fail(slot.trial, reason);
      } catch (RuntimeException e) {
        LOG.warn("trial {}: could not record its failure ({}): {}", slot.trial.number(), reason,
            e.toString());
      }
      synchronized (slot) {
        if (!slot.done) {
          slot.thread.interrupt();
        }
      }
    }

    void abortAll(String reason) {
      for (Slot s : List.copyOf(inflight)) {
        abort(s, reason, false);
      }
    }

    /** Heartbeats for every running trial; cancels those finished elsewhere. */
    void beatAll() {
      for (Slot s : List.copyOf(inflight)) {
        try {
          synchronized (s) {
            if (s.done || s.aborted) {
              continue;
            }
          }
          if (!s.trial.heartbeat()) {
            synchronized (s) {
              if (s.done) {
                continue; // told by its own worker a moment ago
              }
            }
            LOG.warn("trial {} is no longer RUNNING in the store although its worker still runs"
                + " it (failed elsewhere, e.g. for a stale heartbeat); cancelling it",
                s.trial.number());
            synchronized (s) {
              if (!s.done && !s.aborted) {
                s.aborted = true;
                s.thread.interrupt();
              }
            }
          }
        } catch (RuntimeException e) {
          LOG.warn("trial {}: heartbeat failed: {}", s.trial.number(), e.toString());
        }
      }
    }

    /** Suggests the whole dedupe space, then the number of an equal configuration, or null. */
    Integer duplicateOf(Trial trial) {
      trial.suggestAll(plan.dedupeSpace());
      List<Object> mine = key(trial.params());
      for (TrialRecord t : study.trials()) {
        if (t.number() == trial.number()) {
          continue;
        }
        boolean eligible = switch (t.state()) {
          case COMPLETE, PRUNED, WAITING -> true;
          case RUNNING -> t.number() < trial.number();
          case FAIL -> false;
        };
        if (!eligible) {
          continue;
        }
        Map<String, Object> theirs =
            t.state() == TrialState.WAITING ? coerced(t.fixedParams()) : t.params();
        if (mine.equals(key(theirs))) {
          return t.number();
        }
      }
      return null;
    }

    Map<String, Object> coerced(Map<String, Object> fixed) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Distribution> e : plan.dedupeSpace().distributions().entrySet()) {
        if (fixed.containsKey(e.getKey())) {
          out.put(e.getKey(), StoreRules.coerceFixed(fixed.get(e.getKey()), e.getValue()));
        }
      }
      return out;
    }

    /** The values of the dedupe space's parameters in space order, or null if one is missing. */
    List<Object> key(Map<String, Object> params) {
      List<Object> k = new ArrayList<>();
      for (String name : plan.dedupeSpace().distributions().keySet()) {
        Object v = params.get(name);
        if (v == null) {
          return null;
        }
        k.add(v);
      }
      return k;
    }
  }

  /**
   * How many finished trials (COMPLETE or PRUNED, in order of finishing, ties by number) came
   * after the last strict improvement of the best COMPLETE value; all of them if none is COMPLETE.
   */
  static int sinceImprovement(List<TrialRecord> trials, Direction direction) {
    List<TrialRecord> done = new ArrayList<>();
    for (TrialRecord t : trials) {
      if (t.state().countsAsDone()) {
        done.add(t);
      }
    }
    done.sort(Comparator.comparing(TrialRecord::finishedAt)
        .thenComparingInt(TrialRecord::number));
    Double best = null;
    int since = 0;
    for (TrialRecord t : done) {
      if (t.state() == TrialState.COMPLETE
          && (best == null || direction.isBetter(t.value(), best))) {
        best = t.value();
        since = 0;
      } else {
        since++;
      }
    }
    return since;
  }

  @Override
  public String toString() {
    return "ThreadPoolTrialExecutor[jobs=" + jobs + "]";
  }
}
