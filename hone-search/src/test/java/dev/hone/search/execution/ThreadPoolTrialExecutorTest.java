package dev.hone.search.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.StudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ThreadPoolTrialExecutorTest {
  static final SearchSpace SPACE = SearchSpace.builder()
      .add("x", FloatDistribution.of(-5, 5))
      .add("lr", FloatDistribution.logOf(1e-4, 1))
      .add("depth", IntDistribution.of(1, 12))
      .add("booster", CategoricalDistribution.of("gbtree", "dart"))
      .build();

  ExecutorService pool;
  StudyStore store;
  Study study;

  @BeforeEach
  void setUp() {
    pool = Executors.newFixedThreadPool(4);
    store = new InMemoryStudyStore();
    study = Study.createOrLoad(store, "s", Direction.MINIMIZE, new RandomSampler(), 7);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  ExecutionResult run(int jobs, Objective o, ExecutionPlan plan) {
    return new ThreadPoolTrialExecutor(pool, jobs).run(study, o, plan, StudyListener.NONE);
  }

  static ExecutionPlan.Builder plan() {
    return ExecutionPlan.builder().heartbeatInterval(Duration.ofMillis(40));
  }

  long count(TrialState s) {
    return study.trials().stream().filter(t -> t.state() == s).count();
  }

  static double cheap(dev.hone.search.study.Trial t) throws InterruptedException {
    Map<String, Object> p = t.suggestAll(SPACE);
    Thread.sleep(1 + t.number() % 3);
    return (Double) p.get("x") * (Double) p.get("x") + (Long) p.get("depth");
  }

  @Test
  void fourWorkersReachTheTargetExactly() {
    ExecutionResult r = run(4, ThreadPoolTrialExecutorTest::cheap, plan().targetTrials(60).build());
    assertEquals(StopReason.TARGET_REACHED, r.stopReason());
    assertEquals(60, r.trialsRun());
    assertEquals(60, r.complete());
    assertEquals(60, study.trials().size());
    assertEquals(60, count(TrialState.COMPLETE));
    // resuming with the same target does nothing
    assertEquals(0, run(4, ThreadPoolTrialExecutorTest::cheap, plan().targetTrials(60).build())
        .trialsRun());
  }

  @Test
  void aFreeWorkerStartsTheNextTrialWithoutWaitingForABatch() {
    run(2, t -> {
      t.suggestFloat("x", 0, 1, false);
      Thread.sleep(t.number() == 0 ? 600 : 5);
      return 1.0;
    }, plan().targetTrials(12).build());
    Instant slowEnd = study.trial(0).finishedAt();
    long finishedBefore = study.trials().stream()
        .filter(t -> t.number() != 0 && t.finishedAt().isBefore(slowEnd)).count();
    assertTrue(finishedBefore >= 5, "only " + finishedBefore + " trials finished meanwhile");
  }

  @Test
  void trialPastItsTimeoutIsFailedCancelledAndInterrupted() {
    AtomicInteger sawCancel = new AtomicInteger();
    ExecutionResult r = run(2, t -> {
      t.suggestFloat("x", 0, 1, false);
      if (t.number() == 1) {
        Thread.sleep(20_000); // interrupted by the timeout
      }
      if (t.number() == 2) {
        while (!t.isCancelled()) { // ignores interrupts, honours the flag
          Thread.onSpinWait();
        }
        sawCancel.incrementAndGet();
        assertTrue(t.timeLeft().orElseThrow().isZero());
        return 0.0; // discarded: the trial is already FAIL
      }
      Thread.sleep(5); // a timeout's interrupt leaking into a later trial would fail it here
      return 1.0;
    }, plan().targetTrials(6).trialTimeout(Duration.ofMillis(300)).build());
    assertEquals(2, r.timedOut());
    assertEquals(2, r.failed());
    assertEquals(6, r.complete());
    assertEquals(1, sawCancel.get());
    for (int n : new int[] {1, 2}) {
      TrialRecord t = study.trial(n);
      assertEquals(TrialState.FAIL, t.state(), "trial " + n);
      assertTrue(t.userAttributes().get(TrialRecord.FAIL_REASON).startsWith("timeout"),
          t.userAttributes().toString());
    }
    assertEquals(6, count(TrialState.COMPLETE));
  }

  @Test
  void noTrialStartsAfterTheTimeBudget() {
    Instant start = Instant.now();
    ExecutionResult r = run(2, t -> {
      t.suggestFloat("x", 0, 1, false);
      assertTrue(t.budgetLeft().isPresent());
      Thread.sleep(30);
      return 1.0;
    }, plan().timeBudget(Duration.ofMillis(300)).build());
    assertEquals(StopReason.TIME_BUDGET, r.stopReason());
    assertTrue(r.trialsRun() >= 2, "ran " + r.trialsRun());
    Instant deadline = start.plusMillis(300 + 100);
    for (TrialRecord t : study.trials()) {
      assertTrue(t.startedAt().isBefore(deadline), t.number() + " started " + t.startedAt());
    }
  }

  @Test
  void aStopSignalEndsTheRunAndCancelsRunningTrials() {
    // two workers; trials 0-3 are quick, later ones loop until cancelled. The signal fires (and
    // stays on) once trials 4 and 5 are running: both must be cancelled (FAIL, "cancelled: ...")
    // within a few signal polls, and no trial may start after the signal.
    java.util.concurrent.atomic.AtomicLong firedAt = new java.util.concurrent.atomic.AtomicLong();
    java.util.function.BooleanSupplier signal = () -> {
      if (firedAt.get() == 0 && count(TrialState.COMPLETE) == 4
          && count(TrialState.RUNNING) == 2) {
        firedAt.compareAndSet(0, System.nanoTime());
      }
      return firedAt.get() != 0;
    };
    long t0 = System.nanoTime();
    ExecutionResult r = new ThreadPoolTrialExecutor(pool, 2).withStopSignal(signal).run(study,
        t -> {
          t.suggestFloat("x", 0, 1, false);
          if (t.number() < 4) {
            return 1.0;
          }
          while (true) {
            t.checkCancelled();
            Thread.sleep(5);
          }
        }, plan().targetTrials(100).build(), StudyListener.NONE);
    long endedAt = System.nanoTime();
    assertEquals(StopReason.TIME_BUDGET, r.stopReason());
    assertEquals(4, r.complete());
    assertTrue(firedAt.get() > 0);
    assertTrue((endedAt - firedAt.get()) / 1e6 < 2000,
        "ended " + (endedAt - firedAt.get()) / 1e6 + " ms after the signal");
    long cancelled = study.trials().stream()
        .filter(t -> t.state() == TrialState.FAIL
            && t.userAttributes().getOrDefault(TrialRecord.FAIL_REASON, "").startsWith("cancelled"))
        .count();
    assertEquals(2, cancelled, study.trials().toString());
    assertEquals(6, study.trials().size(), "a trial started after the signal");
    assertTrue((endedAt - t0) / 1e9 < 30);
  }

  @Test
  void patienceStopsAfterKTrialsWithoutImprovement() {
    // minimise: trial 2 is best (value 0); every later value is worse
    ExecutionResult r = run(1, t -> {
      t.suggestFloat("x", 0, 1, false);
      return t.number() == 2 ? 0.0 : 10.0 - t.number() * 0.001 * (t.number() < 2 ? 1 : -1);
    }, plan().patience(5).build());
    assertEquals(StopReason.NO_IMPROVEMENT, r.stopReason());
    assertEquals(8, r.trialsRun()); // 0, 1, 2 (best), then 5 without improvement
    assertEquals(5, ThreadPoolTrialExecutor.sinceImprovement(study.trials(), Direction.MINIMIZE));
  }

  @Test
  void enqueuedConfigsAreEvaluatedOnceEachIncludingBounds() {
    List<Map<String, Object>> queue = List.of(
        Map.of("x", -5.0, "lr", 1e-4, "depth", 1, "booster", "gbtree"), // lower bounds
        Map.of("x", 5, "lr", 1.0, "depth", 12L, "booster", "dart"), // upper bounds, Integer x
        Map.of("x", 0.5, "depth", 12.0), // integral double for an int; the rest sampled
        Map.of("lr", 0.01f));
    for (Map<String, Object> q : queue) {
      study.enqueue(q);
    }
    run(3, ThreadPoolTrialExecutorTest::cheap, plan().targetTrials(20).build());
    assertEquals(20, count(TrialState.COMPLETE));
    List<TrialRecord> ts = study.trials();
    assertEquals(Map.of("x", -5.0, "lr", 1e-4, "depth", 1L, "booster", "gbtree"),
        ts.get(0).params());
    assertEquals(Map.of("x", 5.0, "lr", 1.0, "depth", 12L, "booster", "dart"),
        ts.get(1).params());
    assertEquals(0.5, ts.get(2).params().get("x"));
    assertEquals(12L, ts.get(2).params().get("depth"));
    assertEquals((double) 0.01f, ts.get(3).params().get("lr"));
    for (int i = 4; i < 20; i++) {
      assertTrue(ts.get(i).fixedParams().isEmpty());
    }
  }

  @Test
  void enqueuedValueOutsideTheDistributionIsAUserError() {
    study.enqueue(Map.of("depth", 13));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> run(2, ThreadPoolTrialExecutorTest::cheap, plan().targetTrials(5).build()));
    assertTrue(e.getMessage().contains("enqueued value 13 of 'depth'"), e.getMessage());
    assertEquals(TrialState.FAIL, study.trial(0).state());
    assertThrows(InvalidParameterException.class, () -> study.enqueue(Map.of("x", Double.NaN)));
    assertThrows(InvalidParameterException.class, () -> study.enqueue(Map.of("x", true)));
  }

  @Test
  void deduplicationSkipsRepeatsAndStopsWhenTheSpaceIsExhausted() {
    SearchSpace small = SearchSpace.builder()
        .add("k", IntDistribution.of(1, 3))
        .add("c", CategoricalDistribution.of("a", "b"))
        .add("f", FloatDistribution.stepped(0, 1, 1))
        .build();
    assertEquals(12, ExecutionPlan.cardinality(small));
    study.enqueue(Map.of("k", 2, "c", "b", "f", 1.0));
    AtomicInteger evaluations = new AtomicInteger();
    ExecutionResult r = run(3, t -> {
      t.suggestAll(small);
      evaluations.incrementAndGet();
      return 1.0;
    }, plan().targetTrials(100).dedupe(small).build());
    assertEquals(StopReason.SPACE_EXHAUSTED, r.stopReason());
    assertEquals(12, r.complete());
    assertEquals(12, evaluations.get());
    Set<Map<String, Object>> configs = new HashSet<>();
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.COMPLETE) {
        assertTrue(configs.add(t.params()), "evaluated twice: " + t.params());
      } else {
        assertEquals(TrialState.FAIL, t.state());
        assertNotNull(t.userAttributes().get(TrialRecord.DUPLICATE_OF));
      }
    }
    assertEquals(r.duplicates(), study.trials().size() - 12);
    assertThrows(InvalidParameterException.class,
        () -> plan().targetTrials(5).dedupe(SPACE).build());
  }

  @Test
  void trialsOfADeadWorkerAreFailedAndRequeued() {
    long id = store.findStudy("s").orElseThrow().id();
    Instant longAgo = Instant.now().minusSeconds(30);
    int dead = store.startTrial(id, longAgo, true, Integer.MAX_VALUE).orElseThrow().number();
    store.setTrialParam(id, dead, "x", 0.125, FloatDistribution.of(0, 1));
    run(2, t -> t.suggestFloat("x", 0, 1, false),
        plan().targetTrials(5).staleGrace(Duration.ofMillis(500)).requeueStale(true).build());
    TrialRecord d = study.trial(dead);
    assertEquals(TrialState.FAIL, d.state());
    assertTrue(d.userAttributes().get(TrialRecord.FAIL_REASON).contains("stale heartbeat"));
    TrialRecord retry = study.trial(1);
    assertEquals("0", retry.userAttributes().get(TrialRecord.RETRY_OF));
    assertEquals(TrialState.COMPLETE, retry.state());
    assertEquals(0.125, retry.params().get("x"));
    assertEquals(5, count(TrialState.COMPLETE));
  }

  @Test
  void heartbeatsAreWrittenWhileATrialRuns() {
    run(1, t -> {
      t.suggestFloat("x", 0, 1, false);
      Thread.sleep(300);
      return 1.0;
    }, plan().targetTrials(1).build());
    TrialRecord t = study.trial(0);
    assertTrue(t.heartbeatAt().isAfter(t.startedAt().plusMillis(100)),
        "heartbeat " + t.heartbeatAt() + ", started " + t.startedAt());
  }

  @Test
  void userErrorStopsTheRunAndIsRethrown() {
    DataValidationException boom = new DataValidationException("bad.csv: row 3: no label");
    AtomicInteger calls = new AtomicInteger();
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> run(2, t -> {
          if (calls.incrementAndGet() == 3) {
            throw boom;
          }
          Thread.sleep(5);
          return 1.0;
        }, plan().targetTrials(1000).build()));
    assertEquals(boom, e);
    assertTrue(study.trials().size() < 20, "kept going: " + study.trials().size());
    assertEquals(0, count(TrialState.RUNNING));
  }

  @Test
  void consecutiveFailuresStopTheRun() {
    HoneException e = assertThrows(HoneException.class, () -> run(3, t -> {
      throw new ArithmeticException("boom");
    }, plan().targetTrials(50).maxConsecutiveFailures(6).build()));
    assertTrue(e.getMessage().startsWith("6 consecutive trials failed; last error:"),
        e.getMessage());
    assertTrue(e.getMessage().contains("ArithmeticException: boom"), e.getMessage());
    assertEquals(0, count(TrialState.RUNNING));
  }

  @Test
  void interruptingTheCallerFailsRunningTrials() throws Exception {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<ExecutionResult> f = caller.submit(() -> run(2, t -> {
        t.suggestFloat("x", 0, 1, false);
        Thread.sleep(30_000);
        return 1.0;
      }, plan().targetTrials(10).build()));
      while (count(TrialState.RUNNING) < 2) {
        Thread.sleep(10);
      }
      caller.shutdownNow(); // interrupts the thread blocked in run()
      java.util.concurrent.ExecutionException ex =
          assertThrows(java.util.concurrent.ExecutionException.class, f::get);
      assertTrue(ex.getCause() instanceof HoneException, ex.toString());
      assertTrue(ex.getCause().getMessage().contains("interrupted"), ex.getCause().getMessage());
    } finally {
      caller.shutdownNow();
    }
    assertEquals(0, count(TrialState.RUNNING));
    assertEquals(2, count(TrialState.FAIL));
  }

  @Test
  void listenerCallsAreNeverConcurrent() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    List<Integer> finished = new ArrayList<>();
    StudyListener l = new StudyListener() {
      void enter() {
        if (inside.incrementAndGet() > 1) {
          overlaps.incrementAndGet();
        }
        Thread.onSpinWait();
        inside.decrementAndGet();
      }

      @Override
      public void onTrialStart(int number) {
        enter();
      }

      @Override
      public void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {
        enter();
        finished.add(record.number());
        assertTrue(best.isPresent());
      }
    };
    new ThreadPoolTrialExecutor(pool, 4).run(study, ThreadPoolTrialExecutorTest::cheap,
        plan().targetTrials(40).build(), l);
    assertEquals(0, overlaps.get());
    assertEquals(40, finished.size());
  }

  @Test
  void planValidation() {
    assertThrows(InvalidParameterException.class, () -> ExecutionPlan.builder().build());
    assertThrows(InvalidParameterException.class,
        () -> ExecutionPlan.builder().targetTrials(0).build());
    assertThrows(InvalidParameterException.class,
        () -> ExecutionPlan.builder().targetTrials(1).heartbeatInterval(Duration.ofSeconds(5))
            .staleGrace(Duration.ofSeconds(5)).build());
    ExecutionPlan p = ExecutionPlan.builder().patience(3).build();
    assertEquals(ExecutionPlan.DEFAULT_HEARTBEAT_INTERVAL, p.heartbeatInterval());
    assertEquals(Duration.ofSeconds(30), p.staleGrace());
    assertThrows(IllegalArgumentException.class, () -> new ThreadPoolTrialExecutor(pool, 0));
    assertFalse(p.requeueStale());
  }
}
