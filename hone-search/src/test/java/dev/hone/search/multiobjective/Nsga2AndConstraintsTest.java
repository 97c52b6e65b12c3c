package dev.hone.search.multiobjective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** NSGA-II against random search on ZDT1 (hypervolume), and both kinds of constraints. */
class Nsga2AndConstraintsTest {
  static final List<Direction> MIN2 = List.of(Direction.MINIMIZE, Direction.MINIMIZE);

  /** ZDT1 with 5 variables (Zitzler, Deb, Thiele 2000); front f2 = 1 - sqrt(f1) at g = 1. */
  static final Objective ZDT1 = t -> {
    double[] x = new double[5];
    for (int i = 0; i < 5; i++) {
      x[i] = t.suggestFloat("x" + i, 0, 1, false);
    }
    double g = 1;
    for (int i = 1; i < 5; i++) {
      g += 9 * x[i] / 4;
    }
    double f1 = x[0];
    double f2 = g * (1 - Math.sqrt(f1 / g));
    Evaluation.attributes(new double[] {f1, f2}, null).forEach(t::setUserAttribute);
    return f1;
  };

  static List<TrialRecord> run(Sampler s, long seed, Objective f, int n) {
    Study st = Study.createOrLoad(new InMemoryStudyStore(), "mo", Direction.MINIMIZE, s, seed);
    st.optimize(f, StopCondition.trials(n), StudyListener.NONE);
    return st.trials();
  }

  @Test
  void nsga2IsDeterministicAndBeatsRandomOnZdt1Hypervolume() {
    double[] ref = {1.1, 11};
    double nsga = 0;
    double rnd = 0;
    for (long seed = 0; seed < 3; seed++) {
      List<TrialRecord> a = run(new Nsga2Sampler(MIN2, 20, 0.9, null, true, 20,
          Evaluation::of), seed, ZDT1, 200);
      if (seed == 0) {
        List<TrialRecord> b = run(new Nsga2Sampler(MIN2, 20, 0.9, null, true, 20,
            Evaluation::of), seed, ZDT1, 200);
        assertEquals(a.stream().map(TrialRecord::params).toList(),
            b.stream().map(TrialRecord::params).toList());
      }
      nsga += Hypervolume.of(Evaluation.of(a), MIN2, ref);
      rnd += Hypervolume.of(Evaluation.of(run(new RandomSampler(), seed, ZDT1, 200)), MIN2, ref);
    }
    assertTrue(nsga > rnd, "hypervolume NSGA-II " + nsga / 3 + " vs random " + rnd / 3);
  }

  @Test
  void uniformCrossoverChildrenTakeEachValueFromAParentOrAMutation() {
    List<TrialRecord> a = run(new Nsga2Sampler(MIN2), 1, ZDT1, 120);
    long inherited = 0;
    long total = 0;
    java.util.Set<Double> seen = new java.util.HashSet<>();
    for (int t = 0; t < 120; t++) {
      for (Object v : a.get(t).params().values()) {
        if (t >= 50) {
          inherited += seen.contains((Double) v) ? 1 : 0;
          total++;
        }
      }
      a.get(t).params().values().forEach(v -> seen.add((Double) v));
    }
    // mutation probability 1/5: about 80% of child values are copied from earlier trials
    assertTrue(inherited > 0.7 * total, inherited + " of " + total + " inherited");
  }

  @Test
  void preEvaluationConstraintSkipsTrainingAndPostEvaluationNeverReportsInfeasibleBest() {
    SearchSpace space = SearchSpace.builder()
        .add("depth", IntDistribution.of(1, 12))
        .add("width", IntDistribution.of(8, 256))
        .build();
    AtomicInteger trained = new AtomicInteger();
    Objective expensive = t -> {
      trained.incrementAndGet();
      long depth = t.suggestInt("depth", 1, 12, false);
      long width = t.suggestInt("width", 8, 256, false);
      double bytes = depth * width * 100.0;
      // post-evaluation: model at most 100 kB
      Evaluation.attributes(new double[] {-depth * Math.log(width)},
          new double[] {bytes - 100_000}).forEach(t::setUserAttribute);
      return -depth * Math.log(width);
    };
    // pre-evaluation: depth * width <= 2000 (e.g. a parameter-count budget)
    Objective guarded = Constraints.guard(space,
        p -> (Long) p.get("depth") * (Long) p.get("width") <= 2000, expensive);
    List<TrialRecord> trials = run(new RandomSampler(), 3, guarded, 60);
    int pruned = 0;
    for (TrialRecord t : trials) {
      boolean ok = (Long) t.params().get("depth") * (Long) t.params().get("width") <= 2000;
      assertEquals(ok, t.state() == TrialState.COMPLETE, t.params().toString());
      if (!ok) {
        assertEquals("infeasible", t.userAttributes().get(Constraints.PRE_ATTRIBUTE));
        pruned++;
      }
    }
    assertEquals(trials.size() - pruned, trained.get()); // infeasible ones were never trained
    assertTrue(pruned > 0);
    TrialRecord best = Constraints.bestFeasible(trials, Direction.MINIMIZE).orElseThrow();
    assertTrue(Evaluation.of(best).feasible());
    for (TrialRecord t : trials) {
      if (t.state() == TrialState.COMPLETE && Evaluation.of(t).feasible()) {
        assertTrue(best.value() <= t.value());
      }
    }
    // and with every trial infeasible, there is no best
    assertFalse(Constraints.bestFeasible(trials.stream()
        .filter(t -> t.state() == TrialState.COMPLETE && !Evaluation.of(t).feasible())
        .toList(), Direction.MINIMIZE).isPresent());
  }

  @Test
  void childrenStayInsideTheirDistributionsWithSbxOnLogScales() {
    Objective f = t -> {
      double lr = t.suggestFloat("lr", 1e-5, 1, true);
      long k = t.suggestInt("k", 1, 9, false);
      double q = t.suggestFloat("q", 0, 1, 0.1);
      Evaluation.attributes(new double[] {Math.abs(Math.log10(lr) + 3), Math.abs(k - 3) + q},
          null).forEach(t::setUserAttribute);
      return 0;
    };
    for (TrialRecord t : run(new Nsga2Sampler(MIN2, 10, 1.0, 0.3, true, 5, Evaluation::of), 2,
        f, 60)) {
      t.params().forEach((k, v) -> assertTrue(t.distributions().get(k).contains(v), k + "=" + v));
    }
    assertTrue(FloatDistribution.logOf(1e-5, 1).contains(1e-5));
    assertTrue(Map.of().isEmpty());
  }
}
