package dev.hone.search.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.model.ReportSink;
import dev.hone.search.execution.ExecutionPlan;
import dev.hone.search.execution.ThreadPoolTrialExecutor;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Pruners wired into {@link Study} and {@link Trial}. */
class StudyPruningTest {
  static final int STEPS = 27;

  /** A learning curve: loss (x - 0.3)² + 1/(step + 1), better for x near 0.3. */
  static double curve(double x, int step) {
    return (x - 0.3) * (x - 0.3) + 1.0 / (step + 1);
  }

  static final Objective OBJECTIVE =
      trial -> {
        double x = trial.suggestFloat("x", 0, 1, false);
        double v = Double.NaN;
        for (int step = 0; step < STEPS; step++) {
          v = curve(x, step);
          if (trial.report(step, v) == PruneDecision.STOP) {
            throw new TrialPrunedException();
          }
        }
        return v;
      };

  static Sampler tpe() {
    return new TpeSampler(TpeSampler.Options.defaults().withNStartupTrials(5));
  }

  static List<String> fingerprint(Study s) {
    List<String> out = new ArrayList<>();
    for (TrialRecord t : s.trials()) {
      out.add(t.number() + " " + t.state() + " " + t.params() + " " + t.value() + " "
          + t.intermediateValues().keySet());
    }
    return out;
  }

  @Test
  void prunedTrialsEndPrunedWithTheirLastIntermediateValue() {
    for (Supplier<Pruner> p : List.<Supplier<Pruner>>of(
        () -> new MedianPruner(3, 2, 1, 1),
        () -> new AshaPruner(1, STEPS, 3, 0),
        () -> new HyperbandPruner(1, STEPS, 3),
        () -> new SuccessiveHalvingPruner(1, 3, 0, 0))) {
      Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE, tpe(),
          p.get(), 11);
      study.optimize(OBJECTIVE, StopCondition.trials(30), StudyListener.NONE);
      int pruned = 0;
      int complete = 0;
      for (TrialRecord t : study.trials()) {
        int last = Pruners.lastStep(t);
        if (t.state() == TrialState.PRUNED) {
          pruned++;
          assertTrue(last < STEPS - 1, p.get() + ": pruned before the end");
          assertEquals(t.intermediateValues().get(last), t.value());
        } else {
          assertEquals(TrialState.COMPLETE, t.state());
          assertEquals(STEPS - 1, last);
          complete++;
        }
      }
      assertTrue(pruned >= 5 && complete >= 1, p.get() + ": " + pruned + " pruned, " + complete
          + " complete");
      // the best trial is a COMPLETE one near x = 0.3
      double x = (Double) study.bestTrial().orElseThrow().params().get("x");
      assertTrue(Math.abs(x - 0.3) < 0.2, p.get() + " best x " + x);
    }
  }

  @Test
  void aResumedStudyTakesTheSameDecisionsAsAnUninterruptedOne() {
    for (Supplier<Pruner> p : List.<Supplier<Pruner>>of(
        () -> new MedianPruner(3, 2, 1, 1),
        () -> new AshaPruner(1, STEPS, 3, 0),
        () -> new HyperbandPruner(1, STEPS, 3))) {
      Study whole = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE, tpe(),
          p.get(), 5);
      whole.optimize(OBJECTIVE, StopCondition.trials(30), StudyListener.NONE);

      InMemoryStudyStore store = new InMemoryStudyStore();
      Study.createOrLoad(store, "s", Direction.MINIMIZE, tpe(), p.get(), 5)
          .optimize(OBJECTIVE, StopCondition.trials(13), StudyListener.NONE);
      Study resumed = Study.createOrLoad(store, "s", Direction.MINIMIZE, tpe(), p.get(), 5);
      resumed.optimize(OBJECTIVE, StopCondition.trials(30), StudyListener.NONE);

      assertEquals(fingerprint(whole), fingerprint(resumed), p.get().toString());
      assertTrue(whole.countTrials().get(TrialState.PRUNED) > 0);
      // another seed decides otherwise somewhere (the check can fail)
      Study other = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE, tpe(),
          p.get(), 6);
      other.optimize(OBJECTIVE, StopCondition.trials(30), StudyListener.NONE);
      assertFalse(fingerprint(whole).equals(fingerprint(other)));
    }
  }

  @Test
  void reportSinkStopsALearnerAndStopIsFinal() {
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE, tpe(),
        new AshaPruner(1, 9, 3, 0), 1);
    // one finished trial that was good at milestone 1
    Trial first = study.ask();
    first.report(0, 0.0);
    first.report(1, 0.1);
    study.tell(first, 0.1);
    Trial t = study.ask();
    ReportSink sink = t.reportSink();
    assertTrue(sink.report(0, 5.0));
    assertFalse(t.shouldPrune());
    assertFalse(sink.report(1, 5.0), "worse than the only peer at milestone 1: stop");
    assertTrue(t.shouldPrune());
    assertEquals(PruneDecision.STOP, t.lastDecision());
    assertEquals(PruneDecision.STOP, t.report(2, -100.0), "STOP is final");
    TrialRecord rec = study.tell(t, TrialState.PRUNED);
    assertEquals(-100.0, rec.value());

    // a caller that can pause gets PAUSE instead of STOP
    Trial u = study.ask();
    u.report(0, 5.0, true);
    assertEquals(PruneDecision.PAUSE, u.report(1, 5.0, true));
    assertFalse(u.shouldPrune());

    // without a pruner nothing is ever stopped
    Study plain = Study.createOrLoad(new InMemoryStudyStore(), "p", Direction.MINIMIZE, tpe(), 1);
    assertEquals(Pruner.NONE, plain.pruner());
    Trial v = plain.ask();
    assertEquals(PruneDecision.CONTINUE, v.report(0, Double.NaN));
  }

  @Test
  void intermediateDirectionDecoratorJudgesLossesInAMaximisingStudy() {
    // the study maximises, the learner reports a loss: judged as MINIMIZE
    Pruner p = Pruners.intermediateDirection(new AshaPruner(1, 9, 3, 0), Direction.MINIMIZE);
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MAXIMIZE, tpe(), p,
        1);
    Trial first = study.ask();
    first.report(1, 0.1);
    study.tell(first, 0.9);
    Trial t = study.ask();
    assertEquals(PruneDecision.STOP, t.report(1, 0.5), "a higher loss is worse");
    Trial u = study.ask();
    assertEquals(PruneDecision.CONTINUE, u.report(1, 0.05));
  }

  @Test
  void worksUnderTheThreadPoolExecutor() throws Exception {
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE, tpe(),
        new HyperbandPruner(1, STEPS, 3), 3);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      new ThreadPoolTrialExecutor(pool, 3)
          .run(study, OBJECTIVE, ExecutionPlan.of(StopCondition.trials(24)), StudyListener.NONE);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(24, study.countTrials().get(TrialState.COMPLETE)
        + study.countTrials().get(TrialState.PRUNED));
    assertEquals(0, study.countTrials().get(TrialState.FAIL));
    assertTrue(study.countTrials().get(TrialState.PRUNED) > 0);
    assertNotNull(study.bestTrial().orElse(null));
    for (TrialRecord t : study.trials()) {
      if (t.state() == TrialState.PRUNED) {
        assertEquals(t.intermediateValues().get(Pruners.lastStep(t)), t.value());
      }
    }
  }
}
