package dev.hone.search.pruner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.StudySnapshot;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BohbSamplerTest {
  static final Distribution X = new FloatDistribution(0, 1, false, null);

  static TrialRecord rec(int n, TrialState st, double x, int[] steps, double[] vals, Double v) {
    Map<Integer, Double> iv = new TreeMap<>();
    for (int i = 0; i < steps.length; i++) {
      iv.put(steps[i], vals[i]);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("x", x);
    return new TrialRecord(n, st, p, Map.of("x", X), v, iv, Map.of(), Instant.EPOCH,
        st.isFinished() ? Instant.EPOCH : null);
  }

  /** n PRUNED trials with values at steps 1 and 3, m of them reaching step 9; k COMPLETE. */
  static StudyView history(int pruned, int reach9, int complete) {
    List<TrialRecord> ts = new ArrayList<>();
    int n = 0;
    for (int i = 0; i < pruned; i++, n++) {
      double x = (i * 0.37) % 1;
      boolean deep = i < reach9;
      ts.add(rec(n, TrialState.PRUNED, x, deep ? new int[] {1, 3, 9} : new int[] {1, 3},
          deep ? new double[] {x, x + 1, x + 2} : new double[] {x, x + 1}, deep ? x + 2 : x + 1));
    }
    for (int i = 0; i < complete; i++, n++) {
      double x = (i * 0.61) % 1;
      ts.add(rec(n, TrialState.COMPLETE, x, new int[] {1, 3, 9, 26},
          new double[] {x, x, x, x}, x));
    }
    // noise that is never an observation: a FAIL trial and a NaN report
    ts.add(rec(n++, TrialState.FAIL, 0.5, new int[] {1, 3, 9}, new double[] {-9, -9, -9}, null));
    ts.add(rec(n, TrialState.PRUNED, 0.5, new int[] {1, 3, 9},
        new double[] {Double.NaN, Double.NaN, Double.NaN}, Double.NaN));
    return new StudySnapshot("s", Direction.MINIMIZE, 9, ts);
  }

  @Test
  void modelsTheLargestBudgetWithEnoughObservations() {
    BohbSampler b = new BohbSampler(new TpeSampler(), new long[] {1, 3, 9, 27}, 6, null);
    assertEquals(-1, b.modelBudget(history(5, 0, 0)));
    assertEquals(3, b.modelBudget(history(8, 5, 0)));
    assertEquals(9, b.modelBudget(history(8, 5, 1))); // 5 + 1 COMPLETE at step >= 9
    assertEquals(9, b.modelBudget(history(8, 6, 5)));
    assertEquals(27, b.modelBudget(history(2, 0, 6))); // full budget: COMPLETE objective values
  }

  @Test
  void theTpeSeesExactlyTheObservationsAtTheChosenBudget() {
    TpeSampler tpe = new TpeSampler(TpeSampler.Options.defaults().withNStartupTrials(4));
    BohbSampler b = new BohbSampler(tpe, new long[] {1, 3, 9, 27}, 6, null);
    StudyView h = history(12, 3, 1);
    assertEquals(3, b.modelBudget(h));
    List<TrialRecord> atThree = new ArrayList<>();
    for (TrialRecord t : h.trials()) {
      Double v = t.intermediateValues().get(3);
      if (t.state() != TrialState.FAIL && v != null && !v.isNaN()) {
        atThree.add(rec(t.number(), TrialState.COMPLETE, (Double) t.params().get("x"),
            new int[0], new double[0], v));
      }
    }
    assertEquals(13, atThree.size());
    StudyView manual = new StudySnapshot("s", Direction.MINIMIZE, 9, atThree);
    int differentFromRandom = 0;
    for (int trial = 40; trial < 60; trial++) {
      Object got = b.sampleIndependent(h, trial, "x", X);
      assertEquals(tpe.sampleIndependent(manual, trial, "x", X), got);
      if (!got.equals(new RandomSampler().sampleIndependent(h, trial, "x", X))) {
        differentFromRandom++;
      }
    }
    assertTrue(differentFromRandom > 10, "the model must be in use");
    // with no budget modelled: random sampling, as the TPE's start-up does
    StudyView few = history(3, 0, 0);
    for (int trial = 40; trial < 50; trial++) {
      assertEquals(new RandomSampler().sampleIndependent(few, trial, "x", X),
          b.sampleIndependent(few, trial, "x", X));
    }
  }

  @Test
  void bohbWithHyperbandRunsAStudy() {
    HyperbandSchedule h = HyperbandSchedule.of(1, StudyPruningTest.STEPS, 3);
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "s", Direction.MINIMIZE,
        BohbSampler.forSchedule(new TpeSampler(TpeSampler.Options.defaults()
            .withNStartupTrials(3)), h, 4, null),
        new HyperbandPruner(h), 21);
    study.optimize(StudyPruningTest.OBJECTIVE, StopCondition.trials(30), StudyListener.NONE);
    assertTrue(study.countTrials().get(TrialState.PRUNED) > 0);
    double x = (Double) study.bestTrial().orElseThrow().params().get("x");
    assertTrue(Math.abs(x - 0.3) < 0.2, "best x " + x);
  }
}
