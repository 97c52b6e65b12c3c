package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialPrunedException;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Multivariate and grouped TPE, the constant liar, and the fast paths against plain ones. */
class TpeMultivariateTest {
  static final TpeSampler.Options MV = TpeSampler.Options.defaults().withMultivariate(true, false);
  static final TpeSampler.Options GROUP =
      TpeSampler.Options.defaults().withMultivariate(true, true);

  /**
   * A conditional objective: "kind" chooses a branch; branch "a" has x and y, branch "b" has n
   * and a log-scale lr. Failures, prunes and NaN are mixed in by trial number.
   */
  static final Objective CONDITIONAL = t -> {
    String kind = t.suggestCategorical("kind", List.of("a", "b"));
    double v;
    if (kind.equals("a")) {
      double x = t.suggestFloat("x", -2, 2, false);
      double y = t.suggestFloat("y", -2, 2, false);
      v = (x - 0.5) * (x - 0.5) + (y + 0.5) * (y + 0.5);
    } else {
      long n = t.suggestInt("n", 1, 20, false);
      double lr = t.suggestFloat("lr", 1e-4, 1, true);
      v = 0.5 + Math.abs(n - 7) / 10.0 + Math.abs(Math.log10(lr) + 2) / 4;
    }
    if (t.number() % 7 == 3) {
      t.report(1, v);
      throw new TrialPrunedException();
    }
    if (t.number() % 11 == 5) {
      throw new IllegalStateException("simulated failure");
    }
    return t.number() % 13 == 8 ? Double.NaN : v;
  };

  static List<TrialRecord> run(Sampler sampler, long seed, Objective f, int n) {
    Study study = Study.createOrLoad(
        new InMemoryStudyStore(), "mv", Direction.MINIMIZE, sampler, seed);
    study.optimize(f, StopCondition.trials(n), StudyListener.NONE);
    return study.trials();
  }

  static List<Map<String, Object>> params(List<TrialRecord> trials) {
    List<Map<String, Object>> out = new ArrayList<>();
    trials.forEach(t -> out.add(t.params()));
    return out;
  }

  @Test
  void groupedTpeOnAConditionalSpaceWithEveryStateStaysInsideItsDistributions() {
    for (long seed = 0; seed < 3; seed++) {
      List<TrialRecord> trials = run(new TpeSampler(GROUP), seed, CONDITIONAL, 40);
      Set<TrialState> states = new java.util.HashSet<>();
      for (TrialRecord r : trials) {
        states.add(r.state());
        r.params().forEach((k, v) -> assertTrue(r.distributions().get(k).contains(v), k + "=" + v));
        // branch parameters never leak into the other branch
        if ("a".equals(r.params().get("kind"))) {
          assertFalse(r.params().containsKey("n"));
        }
      }
      assertEquals(Set.of(TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL), states);
    }
  }

  @Test
  void groupDecompositionSplitsByParametersPresentTogether() {
    List<TrialRecord> trials = run(new RandomSampler(), 1, CONDITIONAL, 30);
    List<Map<String, Distribution>> groups = TpeSampler.decompose(
        trials.stream().filter(t -> t.state() != TrialState.FAIL).toList());
    List<Set<String>> names = groups.stream().map(g -> g.keySet()).toList();
    assertEquals(List.of(Set.of("kind"), Set.of("lr", "n"), Set.of("x", "y")), names);
    // intersection (non-group multivariate): only the parameter every trial has
    assertEquals(Set.of("kind"), TpeSampler.intersection(trials).keySet());
  }

  @Test
  void aParameterAbsentFromATrialNeverEntersItsGroupModel() {
    // 12 trials with x only, 12 with x and y; the {y} group's estimator must have exactly one
    // kernel per trial that has y (plus the prior), whatever the others hold
    FloatDistribution d = FloatDistribution.of(0, 1);
    List<TrialRecord> hist = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Map<String, Object> p = new LinkedHashMap<>();
      Map<String, Distribution> ds = new LinkedHashMap<>();
      p.put("x", 0.04 * i);
      ds.put("x", d);
      if (i % 2 == 1) {
        p.put("y", 0.5);
        ds.put("y", d);
      }
      TrialState s = i % 5 == 4 ? TrialState.PRUNED : TrialState.COMPLETE;
      hist.add(new TrialRecord(i, s, p, ds, s == TrialState.COMPLETE ? (double) i : null,
          Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH));
    }
    hist.add(new TrialRecord(24, TrialState.FAIL, Map.of("y", 0.9), Map.of("y", d), null,
        Map.of(), Map.of(), Instant.EPOCH, Instant.EPOCH));
    hist.add(new TrialRecord(25, TrialState.RUNNING, Map.of("x", 0.9), Map.of("x", d), null,
        Map.of(), Map.of(), Instant.EPOCH, null));
    StudyView view = new StudySnapshot("h", Direction.MINIMIZE, 0, hist);
    TpeSampler tpe = new TpeSampler(GROUP);
    Map<String, Distribution> space = tpe.inferRelativeSpace(view, 26);
    assertEquals(Set.of("x", "y"), space.keySet());
    assertEquals(List.of(Set.of("x"), Set.of("y")),
        TpeSampler.decompose(hist.subList(0, 24)).stream().map(Map::keySet).toList());
    TpeSampler.History h = new TpeSampler.History(view, GROUP);
    long yInBelow = h.below.stream().filter(t -> t.params().containsKey("y")).count();
    long yInAbove = h.above.stream().filter(t -> t.params().containsKey("y")).count();
    assertEquals(12, yInBelow + yInAbove); // the FAIL trial's y is not an observation
    assertFalse(h.below.stream().anyMatch(t -> t.state() == TrialState.RUNNING));
    assertTrue(h.above.stream().anyMatch(t -> t.number() == 25)); // constant liar
    Map<String, Object> v = tpe.sampleRelative(view, 26, space);
    assertEquals(Set.of("x", "y"), v.keySet());
    assertTrue(d.contains(v.get("x")) && d.contains(v.get("y")));
  }

  @Test
  void constantLiarRanksRunningTrialsLastAndNeverGood() {
    List<TrialRecord> h = new ArrayList<>();
    FloatDistribution d = FloatDistribution.of(0, 1);
    for (int i = 0; i < 12; i++) {
      boolean running = i == 0 || i == 5;
      h.add(new TrialRecord(i, running ? TrialState.RUNNING : TrialState.COMPLETE,
          Map.of("x", 0.1 * (i % 10)), Map.of("x", d), running ? null : (double) i, Map.of(),
          Map.of(), Instant.EPOCH, running ? null : Instant.EPOCH));
    }
    List<Integer> order = TpeSampler.rank(h, Direction.MINIMIZE, true).stream()
        .map(TrialRecord::number).toList();
    assertEquals(List.of(1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 0, 5), order);
    assertEquals(10, TpeSampler.rank(h, Direction.MINIMIZE, false).size());
    TpeSampler.History with = new TpeSampler.History(
        new StudySnapshot("s", Direction.MINIMIZE, 1, h), TpeSampler.Options.defaults());
    assertEquals(10, with.nFinished);
    assertEquals(List.of(1), with.below.stream().map(TrialRecord::number).toList());
    assertEquals(11, with.above.size());
    TpeSampler.History without = new TpeSampler.History(
        new StudySnapshot("s", Direction.MINIMIZE, 1, h),
        TpeSampler.Options.defaults().withConstantLiar(false));
    assertEquals(9, without.above.size());
    // and the liar changes what the sampler proposes next to the running trials
    StudyView view = new StudySnapshot("s", Direction.MINIMIZE, 1, h);
    assertNotEquals(new TpeSampler().sampleIndependent(view, 12, "x", d),
        new TpeSampler(TpeSampler.Options.defaults().withConstantLiar(false))
            .sampleIndependent(view, 12, "x", d));
    assertTrue(TpeSampler.Options.defaults().constantLiar());
  }

  @Test
  void groupRequiresMultivariate() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TpeSampler.Options.defaults().withMultivariate(false, true));
    assertTrue(e.getMessage().contains("group"), e.getMessage());
  }

  @Test
  void fastPathsAreBitIdenticalToThePlainImplementation() {
    for (TpeSampler.Options o : List.of(TpeSampler.Options.defaults(), MV, GROUP)) {
      List<TrialRecord> fast = run(new TpeSampler(o), 11, CONDITIONAL, 45);
      List<TrialRecord> plain = run(new TpeSampler(o, true), 11, CONDITIONAL, 45);
      assertEquals(params(plain), params(fast), o.toString()); // Double.equals compares bits
    }
    // a larger mixed history, one suggestion per parameter: batched vs per-candidate evaluation
    List<TrialRecord> hist = run(new RandomSampler(), 5, TpeSamplerTest.MIXED, 300);
    StudyView view = new StudySnapshot("m", Direction.MINIMIZE, 5, hist);
    for (TpeSampler.Options o : List.of(TpeSampler.Options.defaults(), MV)) {
      TpeSampler fast = new TpeSampler(o);
      TpeSampler plain = new TpeSampler(o, true);
      Map<String, Distribution> space = fast.inferRelativeSpace(view, 300);
      assertEquals(plain.sampleRelative(view, 300, space), fast.sampleRelative(view, 300, space));
      hist.get(0).distributions().forEach((k, d) -> assertEquals(
          plain.sampleIndependent(view, 300, k, d), fast.sampleIndependent(view, 300, k, d), k));
    }
  }

  @Test
  void batchedMixtureEqualsPerCandidateEvaluationBitForBit() {
    SplittableRandom r = new SplittableRandom(9);
    for (int rep = 0; rep < 50; rep++) {
      int n = r.nextInt(60);
      double[] mus = new double[n + 1];
      double[] sig = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        mus[i] = Math.rint(r.nextDouble() * 10) - 0.5 * (rep % 2);
        sig[i] = 0.1 + r.nextDouble() * 3;
      }
      double[] w = ParzenEstimator.weights(n, 1.0, 25);
      double[][] lc = ParzenEstimator.logAndCum(w);
      int[] cats = new int[n];
      for (int i = 0; i < n; i++) {
        cats[i] = r.nextInt(4);
      }
      ParzenEstimator.Dim num = new ParzenEstimator.NumericDim(-1, 11, mus, sig, rep % 3 == 0);
      ParzenEstimator.Mixture one = new ParzenEstimator.Mixture(
          new ParzenEstimator.Dim[] {num}, lc[0], lc[1]);
      ParzenEstimator.Mixture two = new ParzenEstimator.Mixture(new ParzenEstimator.Dim[] {
          num, new ParzenEstimator.CategoricalDim(cats, 4, 1.0)}, lc[0], lc[1]);
      int count = 24;
      double[][] a = new double[2][count];
      double[][] b = new double[2][count];
      for (int c = 0; c < count; c++) {
        double x = -1 + 12 * r.nextDouble();
        boolean cell = rep % 2 == 0;
        a[0][c] = cell ? Math.rint(x) - 0.5 : x;
        b[0][c] = cell ? Math.rint(x) + 0.5 : x;
        a[1][c] = r.nextInt(4);
        b[1][c] = a[1][c];
      }
      for (ParzenEstimator.Mixture m : List.of(one, two)) {
        double[] batch = m.logPdf(a, b, count);
        for (int c = 0; c < count; c++) {
          double single = m.logPdfOne(new double[] {a[0][c], a[1][c]},
              new double[] {b[0][c], b[1][c]});
          assertEquals(Double.doubleToLongBits(single), Double.doubleToLongBits(batch[c]));
        }
      }
    }
  }

  @Test
  void multivariateBeatsRandomOnACorrelatedValley() {
    // Rosenbrock-2 on [-2, 2]^2: mean best over 5 seeds at 60 trials; deterministic
    Objective rosen = t -> {
      double x = t.suggestFloat("x", -2, 2, false);
      double y = t.suggestFloat("y", -2, 2, false);
      return 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x);
    };
    double mv = 0;
    double rnd = 0;
    for (long s = 0; s < 5; s++) {
      mv += best(run(new TpeSampler(MV), s, rosen, 60));
      rnd += best(run(new TpeSampler(MV.withNStartupTrials(1000)), s, rosen, 60));
    }
    assertTrue(mv < rnd, "multivariate " + mv / 5 + " vs random " + rnd / 5);
  }

  static double best(List<TrialRecord> trials) {
    return trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
        .mapToDouble(TrialRecord::value).min().orElseThrow();
  }

  @Test
  void independentFallbackForParametersOutsideTheIntersection() {
    // non-group multivariate: only "kind" is in every trial; the branch parameters go univariate
    List<TrialRecord> trials = run(new TpeSampler(MV), 2, CONDITIONAL, 30);
    StudyView view = new StudySnapshot("mv", Direction.MINIMIZE, 2, trials);
    assertEquals(Set.of("kind"), new TpeSampler(MV).inferRelativeSpace(view, 30).keySet());
    Object n = new TpeSampler(MV).sampleIndependent(view, 30, "n", IntDistribution.of(1, 20));
    assertTrue(IntDistribution.of(1, 20).contains(n));
    assertTrue(CategoricalDistribution.of("a", "b").contains(
        new TpeSampler(MV).sampleRelative(view, 30,
            Map.of("kind", CategoricalDistribution.of("a", "b"))).get("kind")));
  }
}
