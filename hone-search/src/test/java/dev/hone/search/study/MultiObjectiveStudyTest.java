package dev.hone.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.UserInputException;
import dev.hone.search.execution.StopReason;
import dev.hone.search.multiobjective.Constraints;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.sampler.GridSampler;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Multi-objective studies, post- and pre-evaluation constraints and sampler exhaustion through
 * {@link Study}. Expected fronts and best trials are exact: either enumerated by hand below, or
 * by a brute-force pairwise check written here from the definition of dominance.
 */
class MultiObjectiveStudyTest {

  private static final List<Direction> MIN_MAX = List.of(Direction.MINIMIZE, Direction.MAXIMIZE);

  /** Runs the given vectors (and constraint vectors, may be null) as trials 0..n-1 in order. */
  private static Study run(List<Direction> dirs, double[][] values, double[][] constraints,
      TrialState[] states) {
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "mo", dirs, new RandomSampler(), 3);
    for (int i = 0; i < values.length; i++) {
      Trial t = s.ask();
      t.suggestFloat("x", 0, 1, false);
      if (constraints != null && constraints[i] != null) {
        t.setConstraints(constraints[i]);
      }
      TrialState st = states == null ? TrialState.COMPLETE : states[i];
      if (st == TrialState.COMPLETE) {
        s.tell(t, values[i]);
      } else {
        s.tell(t, st);
      }
    }
    return s;
  }

  private static List<Integer> numbers(List<TrialRecord> trials) {
    return trials.stream().map(TrialRecord::number).toList();
  }

  @Test
  void paretoFrontWithTiesIdenticalVectorsAndMixedDirections() {
    // objective 0 minimised (error), objective 1 maximised (throughput)
    double[][] v = {
      {1, 5},   // 0: front
      {1, 5},   // 1: identical to 0: neither dominates, both on the front
      {1, 4},   // 2: ties 0 in obj 0, worse in obj 1: dominated
      {2, 6},   // 3: front (more throughput)
      {0.5, 1}, // 4: front (least error)
      {2, 5},   // 5: dominated by 0 (equal obj 1, worse obj 0)
      {3, 6},   // 6: dominated by 3
      {0.5, 1}, // 7: identical to 4: front
    };
    Study s = run(MIN_MAX, v, null, null);
    assertEquals(List.of(0, 1, 3, 4, 7), numbers(s.bestTrials()));
    // bestTrial: the front member best in the first objective, lower number on ties
    assertEquals(4, s.bestTrial().orElseThrow().number());
    // the vector is stored and read back; the first entry is the trial's value
    TrialRecord t3 = s.trial(3);
    assertEquals(2.0, t3.value());
    assertEquals(List.of(2.0, 6.0), Evaluation.of(t3).values());
  }

  @Test
  void failedPrunedAndInfeasibleTrialsNeverEnterTheFront() {
    // 2 has the least error of the COMPLETE feasible trials, 3 the most throughput
    double[][] v = {{0, 10}, {0, 10}, {0.5, 0}, {1, 9}, {0, 100}};
    double[][] c = {null, null, null, null, {0.5}}; // 4 would dominate everything but is infeasible
    TrialState[] st = {TrialState.FAIL, TrialState.PRUNED, TrialState.COMPLETE,
        TrialState.COMPLETE, TrialState.COMPLETE};
    Study s = run(MIN_MAX, v, c, st);
    assertEquals(List.of(2, 3), numbers(s.bestTrials()));
    assertEquals(2, s.bestTrial().orElseThrow().number());
  }

  @Test
  void seededRandomFrontsEqualBruteForceEnumeration() {
    for (int seed = 0; seed < 40; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      int n = 5 + rng.nextInt(20);
      int d = 2 + rng.nextInt(2);
      List<Direction> dirs = new ArrayList<>();
      for (int j = 0; j < d; j++) {
        dirs.add(rng.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE);
      }
      double[][] v = new double[n][d];
      double[][] c = new double[n][];
      TrialState[] st = new TrialState[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          v[i][j] = rng.nextInt(4); // few levels: many ties and duplicates
        }
        c[i] = new double[] {rng.nextInt(5) - 3}; // feasible when <= 0
        int r = rng.nextInt(10);
        st[i] = r == 0 ? TrialState.FAIL : r == 1 ? TrialState.PRUNED : TrialState.COMPLETE;
      }
      Study s = run(dirs, v, c, st);
      List<Integer> want = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (st[i] != TrialState.COMPLETE || c[i][0] > 0) {
          continue;
        }
        boolean dominated = false;
        for (int k = 0; k < n && !dominated; k++) {
          if (k == i || st[k] != TrialState.COMPLETE || c[k][0] > 0) {
            continue;
          }
          boolean noWorse = true;
          boolean better = false;
          for (int j = 0; j < d; j++) {
            double a = v[k][j];
            double b = v[i][j];
            boolean kBetter = dirs.get(j) == Direction.MINIMIZE ? a < b : a > b;
            boolean kWorse = dirs.get(j) == Direction.MINIMIZE ? a > b : a < b;
            noWorse &= !kWorse;
            better |= kBetter;
          }
          dominated = noWorse && better;
        }
        if (!dominated) {
          want.add(i);
        }
      }
      assertEquals(want, numbers(s.bestTrials()), "seed " + seed);
      Optional<TrialRecord> best = s.bestTrial();
      assertEquals(want.isEmpty(), best.isEmpty(), "seed " + seed);
      best.ifPresent(b -> assertTrue(want.contains(b.number())));
    }
  }

  @Test
  void bestFeasibleIsNeverInfeasibleSingleObjective() {
    for (int seed = 0; seed < 30; seed++) {
      SplittableRandom rng = new SplittableRandom(100 + seed);
      Study s = Study.createOrLoad(
          new InMemoryStudyStore(), "c", Direction.MAXIMIZE, new RandomSampler(), seed);
      int n = 3 + rng.nextInt(15);
      Integer want = null;
      double wantValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        Trial t = s.ask();
        double value = rng.nextInt(6);
        double bytesOver = rng.nextInt(3) - 1; // -1, 0 feasible; 1 infeasible
        double latencyOver = rng.nextInt(4) == 0 ? Double.NaN : -1; // NaN counts as violated
        t.setConstraints(bytesOver, latencyOver);
        s.tell(t, value);
        if (bytesOver <= 0 && !Double.isNaN(latencyOver) && value > wantValue) {
          want = i;
          wantValue = value;
        }
      }
      assertEquals(Optional.ofNullable(want), s.bestTrial().map(TrialRecord::number),
          "seed " + seed);
    }
  }

  @Test
  void bestTrialSkipsAHigherInfeasibleValue() {
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "c", Direction.MAXIMIZE, new RandomSampler(), 1);
    double[][] cons = {{-10}, {5}, {0}, {1e-9}};
    double[] vals = {0.80, 0.95, 0.85, 0.99};
    for (int i = 0; i < vals.length; i++) {
      Trial t = s.ask();
      t.setConstraints(cons[i]);
      s.tell(t, vals[i]);
    }
    assertEquals(2, s.bestTrial().orElseThrow().number()); // 0.85; 0.95 and 0.99 violate
    assertEquals(List.of(2), numbers(s.bestTrials()));
  }

  @Test
  void preEvaluationConstraintSkipsTrainingAndIsRecorded() {
    SearchSpace space = SearchSpace.builder()
        .add("depth", new IntDistribution(1, 12, false, 1))
        .add("trees", new IntDistribution(1, 10, false, 1))
        .build();
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "pre", Direction.MINIMIZE, new RandomSampler(), 5);
    List<Map<String, Object>> trained = new ArrayList<>();
    Objective expensive = t -> {
      Map<String, Object> p = t.suggestAll(space);
      trained.add(p);
      return (long) p.get("depth") * 0.1;
    };
    // at most 40 "leaves x trees" budget: trees * depth <= 40
    OptimizeResult r = s.optimize(Constraints.guard(space,
            p -> (long) p.get("depth") * (long) p.get("trees") <= 40, expensive),
        StopCondition.trials(40), StudyListener.NONE);
    int skipped = 0;
    for (TrialRecord t : s.trials()) {
      long prod = (long) t.params().get("depth") * (long) t.params().get("trees");
      if (prod > 40) {
        skipped++;
        assertEquals(TrialState.PRUNED, t.state());
        assertEquals("infeasible", t.userAttributes().get(Constraints.PRE_ATTRIBUTE));
      } else {
        assertEquals(TrialState.COMPLETE, t.state());
      }
    }
    assertTrue(skipped > 0, "the seed must draw some infeasible configurations");
    assertEquals(40 - skipped, trained.size());
    for (Map<String, Object> p : trained) {
      assertTrue((long) p.get("depth") * (long) p.get("trees") <= 40, p.toString());
    }
    assertEquals(skipped, r.pruned());
    long bestDepth = (long) s.bestTrial().orElseThrow().params().get("depth");
    assertEquals(1, bestDepth);
  }

  @Test
  void gridExhaustionStopsWithExactlyTheGridSize() {
    Map<String, List<?>> grid = new LinkedHashMap<>();
    grid.put("a", List.of(1, 2, 3));
    grid.put("b", List.of("x", "y"));
    grid.put("c", List.of(0.5, 1.5));
    GridSampler g = new GridSampler(grid, true);
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "g", Direction.MINIMIZE, g, 9);
    OptimizeResult r = s.optimize(t -> {
      long a = t.suggestInt("a", 1, 3, false);
      String b = t.suggestCategorical("b", List.of("x", "y"));
      double c = t.suggestFloat("c", 0, 2, false);
      return a + c + (b.equals("x") ? 0 : 10);
    }, StopCondition.trials(1000), StudyListener.NONE);
    assertEquals(12, r.trialsRun());
    assertEquals(StopReason.SPACE_EXHAUSTED, r.stopReason());
    assertEquals(12, s.trials().size());
    Set<List<Object>> seen = new HashSet<>();
    for (TrialRecord t : s.trials()) {
      seen.add(List.of(t.params().get("a"), t.params().get("b"), t.params().get("c")));
    }
    assertEquals(12, seen.size());
    // a second call asks nothing more
    OptimizeResult again = s.optimize(t -> 0, StopCondition.trials(1000), StudyListener.NONE);
    assertEquals(0, again.trialsRun());
    assertEquals(StopReason.SPACE_EXHAUSTED, again.stopReason());
    // a smaller target still stops on the target
    Study small = Study.createOrLoad(
        new InMemoryStudyStore(), "g2", Direction.MINIMIZE, new GridSampler(grid), 9);
    OptimizeResult r2 = small.optimize(t -> t.suggestInt("a", 1, 3, false),
        StopCondition.trials(5), StudyListener.NONE);
    assertEquals(StopReason.TARGET_REACHED, r2.stopReason());
    assertEquals(5, r2.trialsRun());
  }

  @Test
  void multiObjectiveOptimizeResumesFromStoredVectors() {
    InMemoryStudyStore store = new InMemoryStudyStore();
    List<Direction> dirs = List.of(Direction.MAXIMIZE, Direction.MINIMIZE, Direction.MINIMIZE);
    MultiObjective f = t -> {
      double x = t.suggestFloat("x", 0, 1, false);
      return new double[] {x, x * x, 1 - x};
    };
    Study s = Study.createOrLoad(store, "r", dirs, new RandomSampler(), 4);
    s.optimizeMulti(f, StopCondition.trials(6), StudyListener.NONE);
    List<Integer> front = numbers(s.bestTrials());
    Study again = Study.createOrLoad(store, "r", dirs, new RandomSampler(), 4);
    assertEquals(front, numbers(again.bestTrials()));
    OptimizeResult r = again.optimizeMulti(f, StopCondition.trials(10), StudyListener.NONE);
    assertEquals(4, r.trialsRun());
    for (TrialRecord t : again.trials()) {
      List<Double> v = Evaluation.of(t).values();
      double x = (double) t.params().get("x");
      assertEquals(List.of(x, x * x, 1 - x), v);
    }
    // x and 1 - x conflict: every trial is on the front (distinct x almost surely)
    assertEquals(10, again.bestTrials().size());
    UserInputException e = assertThrows(UserInputException.class, () ->
        Study.createOrLoad(store, "r", List.of(Direction.MAXIMIZE), new RandomSampler(), 4));
    assertTrue(e.getMessage().contains("[MAXIMIZE, MINIMIZE, MINIMIZE]"), e.getMessage());
  }

  @Test
  void wrongVectorLengthOrNaNFailsTheTrial() {
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "w", MIN_MAX, new RandomSampler(), 1);
    AtomicInteger i = new AtomicInteger();
    OptimizeResult r = s.optimizeMulti(t -> {
      t.suggestFloat("x", 0, 1, false);
      return switch (i.getAndIncrement()) {
        case 0 -> new double[] {1};
        case 1 -> new double[] {1, Double.NaN};
        default -> new double[] {1, 2};
      };
    }, StopCondition.trials(1), StudyListener.NONE);
    assertEquals(3, r.trialsRun());
    assertEquals(2, r.failed());
    assertFalse(s.trial(1).userAttributes().containsKey(Evaluation.VALUES_ATTRIBUTE));
  }

  @Test
  void tpeRanksInfeasibleCompleteTrialsAfterFeasibleOnes() {
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "t", Direction.MINIMIZE, new RandomSampler(), 1);
    double[] vals = {0.1, 0.5, 0.3, 0.9};
    double[] viol = {2, -1, 0.5, 0};
    for (int k = 0; k < vals.length; k++) {
      Trial t = s.ask();
      t.suggest("x", new FloatDistribution(0, 1, false, null));
      t.setConstraints(viol[k]);
      s.tell(t, vals[k]);
    }
    // feasible by value (1: 0.5, 3: 0.9), then infeasible by violation (2: 0.5, 0: 2)
    assertEquals(List.of(1, 3, 2, 0),
        numbers(TpeSamplerAccess.rank(s.trials(), Direction.MINIMIZE)));
  }

  /** Reaches the package-private ranking of the TPE sampler. */
  static final class TpeSamplerAccess {
    static List<TrialRecord> rank(List<TrialRecord> trials, Direction d) {
      return dev.hone.search.sampler.TpeTestAccess.rank(trials, d);
    }
  }

  @SuppressWarnings("unused")
  private static final Class<?> TPE = TpeSampler.class;
}
