package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
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
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class TpeSamplerTest {

  /** A mixed space; the objective prefers x near 0.3, lr near 1e-2, depth 4, booster "dart". */
  /** The mixed-space objective of {@link #run}, minimised. */
  static final dev.hone.search.study.Objective MIXED = t -> mixed(t, f -> f);

  static double mixed(dev.hone.search.study.Trial t, ToDoubleFunction<Double> sign) {
    {
      double x = t.suggestFloat("x", 0, 1, false);
      double lr = t.suggestFloat("lr", 1e-4, 1, true);
      double q = t.suggestFloat("q", 0, 1, 0.125);
      long depth = t.suggestInt("depth", 1, 12, false);
      long leaves = t.suggestInt("leaves", 2, 512, true);
      long bins = t.suggestInt("bins", 16, 256, 16L);
      String booster = t.suggestCategorical("booster", List.of("gbtree", "dart", "gblinear"));
      double f = (x - 0.3) * (x - 0.3) + Math.pow(Math.log10(lr) + 2, 2) / 4 + (q - 0.5) * (q - 0.5)
          + Math.abs(depth - 4) / 8.0 + Math.abs(Math.log(leaves / 32.0)) / 6
          + Math.abs(bins - 128) / 256.0 + (booster.equals("dart") ? 0 : 0.5);
      return sign.applyAsDouble(f);
    }
  }

  static List<Map<String, Object>> run(Sampler sampler, long seed, Direction dir, int n,
      ToDoubleFunction<Double> sign) {
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "mixed", dir, sampler, seed);
    study.optimize(t -> mixed(t, sign), StopCondition.trials(n), StudyListener.NONE);
    List<Map<String, Object>> out = new ArrayList<>();
    for (TrialRecord r : study.trials()) {
      out.add(r.params());
    }
    return out;
  }

  @Test
  void sameSeedSameHistorySameSuggestionsBitForBit() {
    List<Map<String, Object>> a = run(new TpeSampler(), 5, Direction.MINIMIZE, 30, f -> f);
    List<Map<String, Object>> b = run(new TpeSampler(), 5, Direction.MINIMIZE, 30, f -> f);
    assertEquals(a, b); // Double.equals compares bits
    List<Map<String, Object>> c = run(new TpeSampler(), 6, Direction.MINIMIZE, 30, f -> f);
    assertNotEquals(a.subList(10, 30), c.subList(10, 30));
  }

  @Test
  void suggestionDependsOnlyOnSeedTrialNameAndHistory() {
    Study study = Study.createOrLoad(
        new InMemoryStudyStore(), "h", Direction.MINIMIZE, new RandomSampler(), 4);
    study.optimize(t -> Math.abs(t.suggestFloat("x", -1, 1, false) - 0.2)
        + t.suggestInt("n", 1, 9, false), StopCondition.trials(15), StudyListener.NONE);
    StudyView view = new StudySnapshot("h", Direction.MINIMIZE, 4, study.trials());
    TpeSampler tpe = new TpeSampler();
    FloatDistribution xd = FloatDistribution.of(-1, 1);
    Object first = tpe.sampleIndependent(view, 15, "x", xd);
    // drawing other values in between (other params, other trials) must not change it
    tpe.sampleIndependent(view, 15, "n", IntDistribution.of(1, 9));
    tpe.sampleIndependent(view, 16, "x", xd);
    assertEquals(first, tpe.sampleIndependent(view, 15, "x", xd));
    assertEquals(first, new TpeSampler().sampleIndependent(view, 15, "x", xd));
    assertNotEquals(first, tpe.sampleIndependent(
        new StudySnapshot("h", Direction.MINIMIZE, 5, study.trials()), 15, "x", xd));
  }

  @Test
  void startupTrialsEqualRandomSearch() {
    List<Map<String, Object>> tpe = run(new TpeSampler(), 9, Direction.MINIMIZE, 12, f -> f);
    List<Map<String, Object>> rnd = run(new RandomSampler(), 9, Direction.MINIMIZE, 12, f -> f);
    assertEquals(rnd.subList(0, 10), tpe.subList(0, 10));
    assertNotEquals(rnd.subList(10, 12), tpe.subList(10, 12));
  }

  @Test
  void directionAwareMaximizingNegatedIsMinimizing() {
    List<Map<String, Object>> min = run(new TpeSampler(), 3, Direction.MINIMIZE, 25, f -> f);
    List<Map<String, Object>> max = run(new TpeSampler(), 3, Direction.MAXIMIZE, 25, f -> -f);
    assertEquals(min, max);
    // and maximizing f itself must diverge from minimizing f once TPE starts
    List<Map<String, Object>> wrong = run(new TpeSampler(), 3, Direction.MAXIMIZE, 25, f -> f);
    assertEquals(min.subList(0, 10), wrong.subList(0, 10));
    assertNotEquals(min.subList(10, 25), wrong.subList(10, 25));
  }

  @Test
  void tpeValuesStayInsideTheirDistributions() {
    // every suggestion is checked by Trial.suggest; this runs many TPE suggestions on edge grids
    for (long seed = 0; seed < 3; seed++) {
      Study study = Study.createOrLoad(
          new InMemoryStudyStore(), "edges", Direction.MINIMIZE, new TpeSampler(), seed);
      study.optimize(t -> {
        double a = t.suggestFloat("a", 0.1, 1.0, 0.2);
        long b = (Long) t.suggest("b", new IntDistribution(0, 10, false, 3));
        long c = t.suggestInt("c", 1, 3, true);
        double d = t.suggestFloat("d", 1e-9, 1e-8, true);
        return a + b + c + d * 1e8;
      }, StopCondition.trials(40), StudyListener.NONE);
      for (TrialRecord r : study.trials()) {
        r.params().forEach((k, v) -> assertTrue(r.distributions().get(k).contains(v), k + "=" + v));
      }
      // the optimum (a=0.1, b=0, c=1) is on the lower ends of the grids: TPE must find them
      assertEquals(0.1 + 0 + 1, study.bestTrial().orElseThrow().value(), 0.2);
    }
  }

  @Test
  void categoricalPreferenceIsLearned() {
    // Only "c" is good. Random search picks it 1/4 of the time; after 20 trials TPE should pick
    // it in most of the next 20 (binomial(20, 1/4) >= 12 has probability 0.0009).
    Study study = Study.createOrLoad(
        new InMemoryStudyStore(), "cat", Direction.MINIMIZE, new TpeSampler(), 17);
    study.optimize(t -> t.suggestCategorical("k", List.of("a", "b", "c", "d")).equals("c") ? 0 : 1,
        StopCondition.trials(40), StudyListener.NONE);
    long hits = study.trials().subList(20, 40).stream()
        .filter(r -> r.params().get("k").equals("c")).count();
    assertTrue(hits >= 12, "TPE picked the good choice " + hits + " of 20 times");
  }

  @Test
  void trialsLackingTheParameterAreLeftOutOfItsModel() {
    // conditional parameter y exists only when x > 0.5; TPE must keep working on y
    Study study = Study.createOrLoad(
        new InMemoryStudyStore(), "cond", Direction.MINIMIZE, new TpeSampler(), 1);
    study.optimize(t -> {
      double x = t.suggestFloat("x", 0, 1, false);
      if (x > 0.5) {
        return t.suggestFloat("y", -1, 1, false) * t.suggestFloat("y", -1, 1, false);
      }
      return 1 + x;
    }, StopCondition.trials(40), StudyListener.NONE);
    assertEquals(40, study.trials().size());
    // values of y in a history where most trials lack y: only the ones present count
    FloatDistribution yd = FloatDistribution.of(-1, 1);
    List<TrialRecord> hist = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      Map<String, Distribution> d = new LinkedHashMap<>();
      if (i % 3 == 0) {
        p.put("y", 0.9);
        d.put("y", yd);
      }
      hist.add(new TrialRecord(i, TrialState.COMPLETE, p, d, (double) i, Map.of(), Map.of(),
          Instant.EPOCH, Instant.EPOCH));
    }
    Object v = new TpeSampler().sampleIndependent(
        new StudySnapshot("h", Direction.MINIMIZE, 0, hist), 12, "y", yd);
    assertTrue(yd.contains(v));
  }

  @Test
  void rankingPutsCompleteFirstThenPrunedByDepth() {
    FloatDistribution d = FloatDistribution.of(0, 1);
    List<TrialRecord> h = List.of(
        rec(0, TrialState.COMPLETE, 5.0, Map.of()),
        rec(1, TrialState.PRUNED, null, Map.of()),
        rec(2, TrialState.PRUNED, 0.5, Map.of(1, 9.0, 3, 0.5)),
        rec(3, TrialState.COMPLETE, 2.0, Map.of()),
        rec(4, TrialState.PRUNED, 0.1, Map.of(1, 0.1)),
        rec(5, TrialState.FAIL, null, Map.of()),
        rec(6, TrialState.PRUNED, Double.NaN, Map.of(3, Double.NaN)),
        rec(7, TrialState.RUNNING, null, Map.of()));
    List<Integer> order = TpeSampler.rank(h, Direction.MINIMIZE).stream()
        .map(TrialRecord::number).toList();
    assertEquals(List.of(3, 0, 2, 6, 4, 1), order);
    List<Integer> maxOrder = TpeSampler.rank(h, Direction.MAXIMIZE).stream()
        .map(TrialRecord::number).toList();
    assertEquals(List.of(0, 3, 2, 6, 4, 1), maxOrder);
  }

  private static TrialRecord rec(int n, TrialState s, Double v, Map<Integer, Double> iv) {
    return new TrialRecord(n, s, Map.of("x", 0.5), Map.of("x", FloatDistribution.of(0, 1)), v, iv,
        Map.of(), Instant.EPOCH, s == TrialState.RUNNING ? null : Instant.EPOCH);
  }

  @Test
  void optionsValidateAndDefaultToOptuna() {
    TpeSampler.Options o = TpeSampler.Options.defaults();
    assertEquals(10, o.nStartupTrials());
    assertEquals(24, o.nEiCandidates());
    assertEquals(1.0, o.priorWeight());
    assertEquals(false, o.considerEndpoints());
    // Optuna default_gamma(n) = min(ceil(0.1 n), 25)
    assertEquals(1, o.gamma(1));
    assertEquals(1, o.gamma(10));
    assertEquals(2, o.gamma(11));
    assertEquals(25, o.gamma(1000));
    assertThrows(IllegalArgumentException.class, () -> o.withNEiCandidates(0));
    assertThrows(IllegalArgumentException.class, () -> o.withGamma(0, 25));
    assertThrows(IllegalArgumentException.class, () -> o.withNStartupTrials(-1));
    assertThrows(IllegalArgumentException.class, () -> o.withPriorWeight(0));
  }

  @Test
  void categoricalWithChangedChoicesIsRejectedByTheStudy() {
    Study study = Study.createOrLoad(
        new InMemoryStudyStore(), "s", Direction.MINIMIZE, new TpeSampler(), 1);
    var t = study.ask();
    t.suggest("k", CategoricalDistribution.of("a", "b"));
    study.tell(t, 1.0);
    var t2 = study.ask();
    assertThrows(dev.hone.core.error.InvalidParameterException.class,
        () -> t2.suggest("k", CategoricalDistribution.of("b", "a")));
  }
}
