package dev.hone.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.HoneException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OptimizeTest {

  static Study study() {
    return Study.createOrLoad(
        new InMemoryStudyStore(), "s", Direction.MINIMIZE, new RandomSampler(), 7);
  }

  static long count(Study s, TrialState state) {
    return s.trials().stream().filter(t -> t.state() == state).count();
  }

  @Test
  void stopConditionValidation() {
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> StopCondition.trials(0));
    assertEquals("trials was 0 but must be >= 1", e.getMessage());
    InvalidParameterException f = assertThrows(InvalidParameterException.class,
        () -> new StopCondition(5, Duration.ZERO));
    assertTrue(f.getMessage().startsWith("time budget was PT0S but must be > 0"), f.getMessage());
    assertThrows(InvalidParameterException.class, () -> new StopCondition(5, Duration.ofSeconds(-1)));
  }

  @Test
  void runsExactlyTheTargetAndCountsPrunedButNotFailed() {
    Study s = study();
    AtomicInteger calls = new AtomicInteger();
    OptimizeResult r = s.optimize(t -> {
      int i = calls.getAndIncrement();
      double x = t.suggestFloat("x", 0, 1, false);
      if (i % 4 == 1) {
        t.report(0, x);
        throw new TrialPrunedException();
      }
      if (i % 4 == 2) {
        return Double.NaN;
      }
      return x;
    }, StopCondition.trials(9), StudyListener.NONE);
    // 9 COMPLETE+PRUNED needed; every 4th call fails (NaN): 12 trials, 3 failed
    assertEquals(new OptimizeResult(12, 6, 3, 3, false), r);
    assertEquals(6, count(s, TrialState.COMPLETE));
    assertEquals(3, count(s, TrialState.PRUNED));
    assertEquals(3, count(s, TrialState.FAIL));
  }

  @Test
  void resumedStudyRunsOnlyTheRemainder() {
    InMemoryStudyStore store = new InMemoryStudyStore();
    Study first = Study.createOrLoad(store, "r", Direction.MINIMIZE, new RandomSampler(), 1);
    first.optimize(t -> t.suggestFloat("x", 0, 1, false), StopCondition.trials(3),
        StudyListener.NONE);
    Trial orphan = first.ask(); // the process "dies" with this trial RUNNING
    orphan.suggestFloat("x", 0, 1, false);
    assertEquals(TrialState.RUNNING, store.trials(1).get(3).state());

    Study second = Study.createOrLoad(store, "r", Direction.MINIMIZE, new RandomSampler(), 1);
    assertEquals(TrialState.FAIL, second.trials().get(3).state());
    OptimizeResult r = second.optimize(t -> t.suggestFloat("x", 0, 1, false),
        StopCondition.trials(5), StudyListener.NONE);
    assertEquals(2, r.trialsRun());
    assertEquals(5, count(second, TrialState.COMPLETE));
    assertEquals(6, second.trials().size());
    // nothing more to do
    assertEquals(0, second.optimize(t -> 0, StopCondition.trials(5), StudyListener.NONE)
        .trialsRun());
  }

  @Test
  void ordinaryExceptionFailsTheTrialAndTheLoopContinues() {
    Study s = study();
    AtomicInteger calls = new AtomicInteger();
    OptimizeResult r = s.optimize(t -> {
      t.suggestFloat("x", 0, 1, false);
      if (calls.getAndIncrement() % 2 == 0) {
        throw new IllegalStateException("flaky");
      }
      return 1.0;
    }, StopCondition.trials(3), StudyListener.NONE);
    assertEquals(new OptimizeResult(6, 3, 3, 0, false), r);
  }

  @Test
  void userInputExceptionFailsTheTrialAndIsRethrown() {
    Study s = study();
    DataValidationException thrown = new DataValidationException("bad.csv: row 3: no label");
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> s.optimize(t -> {
          t.suggestFloat("x", 0, 1, false);
          throw thrown;
        }, StopCondition.trials(5), StudyListener.NONE));
    assertSame(thrown, e);
    assertEquals(1, s.trials().size());
    assertEquals(TrialState.FAIL, s.trials().get(0).state());
  }

  @Test
  void tenConsecutiveFailuresStopTheStudy() {
    Study s = study();
    AtomicInteger calls = new AtomicInteger();
    HoneException e = assertThrows(HoneException.class, () -> s.optimize(t -> {
      int i = calls.getAndIncrement();
      if (i == 3) {
        return 0.0; // one success resets the count
      }
      throw new ArithmeticException("boom " + i);
    }, StopCondition.trials(100), StudyListener.NONE));
    assertEquals("10 consecutive trials failed; last error: java.lang.ArithmeticException: boom 13",
        e.getMessage());
    assertTrue(e.getCause() instanceof ArithmeticException);
    assertEquals(14, s.trials().size());
    assertEquals(13, count(s, TrialState.FAIL));
  }

  @Test
  void timeBudgetStopsStartingNewTrials() {
    Study s = study();
    OptimizeResult r = s.optimize(t -> {
      Thread.sleep(30);
      return 0;
    }, new StopCondition(1000, Duration.ofMillis(200)), StudyListener.NONE);
    assertTrue(r.stoppedByTimeBudget());
    assertTrue(r.trialsRun() >= 2 && r.trialsRun() <= 8, "ran " + r.trialsRun());
    assertEquals(r.trialsRun(), r.complete());
    assertFalse(s.optimize(t -> 0, new StopCondition(r.trialsRun() + 1, Duration.ofHours(1)),
        StudyListener.NONE).stoppedByTimeBudget());
  }

  @Test
  void listenerSeesEachTrialAndTheBest() {
    Study s = study();
    List<String> events = new ArrayList<>();
    double[] values = {3, 1, 2};
    AtomicInteger i = new AtomicInteger();
    s.optimize(t -> values[i.getAndIncrement()], StopCondition.trials(3), new StudyListener() {
      @Override
      public void onTrialStart(int number) {
        events.add("start " + number);
      }

      @Override
      public void onTrialFinish(TrialRecord record, Optional<TrialRecord> best) {
        events.add("finish " + record.number() + " best " + best.orElseThrow().number());
      }
    });
    assertEquals(List.of("start 0", "finish 0 best 0", "start 1", "finish 1 best 1", "start 2",
        "finish 2 best 1"), events);
  }
}
