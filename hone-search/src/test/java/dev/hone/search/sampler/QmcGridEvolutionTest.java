package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.Objective;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sobol (oracle: scipy's qmc.Sobol), grid (exact enumeration) and regularized evolution. */
class QmcGridEvolutionTest {

  static SearchSpace unitSpace(int d) {
    SearchSpace.Builder b = SearchSpace.builder();
    for (int i = 0; i < d; i++) {
      b.add("x" + i, FloatDistribution.of(0, 1));
    }
    return b.build();
  }

  @Test
  void unscrambledSobolEqualsScipyOnAll64Dimensions() throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("sobol_reference.json")) {
      ref = Json.mapper().readTree(in);
    }
    QmcSampler s = new QmcSampler(unitSpace(64), false);
    for (int i = 0; i < ref.get("points").size(); i++) {
      JsonNode row = ref.get("points").get(i);
      double[] want = new double[64];
      for (int d = 0; d < 64; d++) {
        want[d] = row.get(d).asDouble();
      }
      assertArrayEquals(want, s.point(0, i), 0.0, "point " + i); // dyadic rationals: exact
    }
    // the published first points of dimensions 1 and 2 (Joe and Kuo, Gray-code order)
    assertArrayEquals(new double[] {0.75, 0.25}, slice(s.point(0, 2), 2), 0.0);
    assertArrayEquals(new double[] {0.375, 0.375}, slice(s.point(0, 4), 2), 0.0);
  }

  private static double[] slice(double[] a, int n) {
    return java.util.Arrays.copyOf(a, n);
  }

  @Test
  void scrambledPointsStayStratifiedAndDependOnTheSeed() {
    // a scrambled digital net keeps its elementary intervals: the first 2^m points put exactly
    // one coordinate in each [k/2^m, (k+1)/2^m), in every dimension
    QmcSampler s = new QmcSampler(unitSpace(20));
    int n = 256;
    for (int d = 0; d < 20; d++) {
      boolean[] hit = new boolean[n];
      for (int i = 0; i < n; i++) {
        int cell = (int) (s.point(7, i)[d] * n);
        assertFalse(hit[cell], "dimension " + d + " cell " + cell + " hit twice");
        hit[cell] = true;
      }
    }
    assertNotEquals(s.point(7, 3)[0], s.point(8, 3)[0]);
    assertArrayEquals(s.point(7, 3), new QmcSampler(unitSpace(20)).point(7, 3), 0.0);
    // two-dimensional stratification of (t, m, 2)-nets in dims 0 and 1 (t = 0): 16 x 16 cells
    Set<Integer> cells = new HashSet<>();
    for (int i = 0; i < n; i++) {
      double[] p = s.point(7, i);
      cells.add((int) (p[0] * 16) * 16 + (int) (p[1] * 16));
    }
    assertEquals(256, cells.size());
  }

  @Test
  void sobolTrialsMapOneToOneToPointsSoResumesAreExact() {
    SearchSpace space = SearchSpace.builder()
        .add("lr", FloatDistribution.logOf(1e-4, 1))
        .add("depth", IntDistribution.of(1, 8))
        .add("booster", CategoricalDistribution.of("a", "b", "c"))
        .build();
    InMemoryStudyStore store = new InMemoryStudyStore();
    Objective f = t -> {
      t.suggestAll(space);
      return 0.0;
    };
    Study a = Study.createOrLoad(store, "q", Direction.MINIMIZE, new QmcSampler(space), 3);
    a.optimize(f, StopCondition.trials(10), StudyListener.NONE);
    Study resumed = Study.createOrLoad(store, "q", Direction.MINIMIZE, new QmcSampler(space), 3);
    resumed.optimize(f, StopCondition.trials(20), StudyListener.NONE);
    Study once = Study.createOrLoad(new InMemoryStudyStore(), "q", Direction.MINIMIZE,
        new QmcSampler(space), 3);
    once.optimize(f, StopCondition.trials(20), StudyListener.NONE);
    assertEquals(once.trials().stream().map(TrialRecord::params).toList(),
        resumed.trials().stream().map(TrialRecord::params).toList());
    // the 8 depth values each appear once per 8 consecutive-from-0 points (stratification)
    Set<Object> depths = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      depths.add(once.trials().get(i).params().get("depth"));
    }
    assertEquals(8, depths.size());
  }

  static final Map<String, List<?>> GRID = new LinkedHashMap<>();

  static {
    GRID.put("depth", List.of(2, 4, 6)); // insertion order matters: the last varies fastest
    GRID.put("booster", List.of("gbtree", "dart"));
  }

  static final Objective GRID_OBJ = t -> {
    long d = t.suggestInt("depth", 1, 8, false);
    String b = t.suggestCategorical("booster", List.of("gbtree", "dart"));
    return d + (b.equals("dart") ? 0.5 : 0);
  };

  @Test
  void gridVisitsEveryPointExactlyOnceInOrderThenReportsExhaustion() {
    GridSampler g = new GridSampler(GRID);
    assertEquals(6, g.size());
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "g", Direction.MINIMIZE, g, 1);
    s.optimize(GRID_OBJ, StopCondition.trials(6), StudyListener.NONE);
    List<Map<String, Object>> got = s.trials().stream().map(TrialRecord::params).toList();
    List<Map<String, Object>> want = new ArrayList<>();
    for (long d : new long[] {2, 4, 6}) {
      for (String b : List.of("gbtree", "dart")) {
        want.add(Map.of("depth", d, "booster", b));
      }
    }
    assertEquals(want, got.stream().map(m -> (Map<String, Object>) new LinkedHashMap<>(m))
        .map(m -> Map.of("depth", m.get("depth"), "booster", m.get("booster"))).toList());
    assertTrue(g.isExhausted(new StudySnapshot("g", Direction.MINIMIZE, 1, s.trials())));
    assertFalse(g.isExhausted(new StudySnapshot("g", Direction.MINIMIZE, 1,
        s.trials().subList(0, 5))));
  }

  @Test
  void shuffledGridIsASeededPermutation() {
    List<Set<Map<String, Object>>> sets = new ArrayList<>();
    List<List<Map<String, Object>>> orders = new ArrayList<>();
    for (long seed : new long[] {1, 1, 2}) {
      Study s = Study.createOrLoad(new InMemoryStudyStore(), "g", Direction.MINIMIZE,
          new GridSampler(GRID, true), seed);
      s.optimize(GRID_OBJ, StopCondition.trials(6), StudyListener.NONE);
      List<Map<String, Object>> ps = s.trials().stream().map(TrialRecord::params).toList();
      orders.add(ps);
      sets.add(new HashSet<>(ps));
    }
    assertEquals(orders.get(0), orders.get(1));
    assertEquals(6, sets.get(0).size());
    assertEquals(sets.get(0), sets.get(2));
    assertNotEquals(orders.get(0), orders.get(2));
  }

  @Test
  void concurrentAsksGetDistinctPointsAndFailedPointsAreRetried() {
    GridSampler g = new GridSampler(GRID);
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "g", Direction.MINIMIZE, g, 1);
    Trial a = s.ask();
    Trial b = s.ask(); // a is RUNNING without params in b's view
    Object pa = a.suggest("depth", IntDistribution.of(1, 8));
    Object ba = b.suggest("booster", CategoricalDistribution.of("gbtree", "dart"));
    Object pb = b.suggest("depth", IntDistribution.of(1, 8));
    assertEquals(2L, pa);
    assertEquals(List.of(2L, "dart"), List.of(pb, ba)); // the second point
    a.suggest("booster", CategoricalDistribution.of("gbtree", "dart"));
    s.tell(a, TrialState.FAIL);
    s.tell(b, 1.0);
    Trial c = s.ask();
    assertEquals(2L, c.suggest("depth", IntDistribution.of(1, 8)));
    assertEquals("gbtree", c.suggest("booster", CategoricalDistribution.of("gbtree", "dart")));
  }

  @Test
  void gridErrorsNameTheParameterAndTheDistribution() {
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "g", Direction.MINIMIZE,
        new GridSampler(GRID), 1);
    Trial t = s.ask();
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> t.suggestInt("depth", 3, 8, false));
    assertTrue(e.getMessage().contains("depth") && e.getMessage().contains("IntDistribution"),
        e.getMessage());
    InvalidParameterException e2 = assertThrows(InvalidParameterException.class,
        () -> t.suggestFloat("lr", 0, 1, false));
    assertTrue(e2.getMessage().contains("lr"), e2.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new GridSampler(Map.of("a", List.of(1, 1))));
    assertThrows(IllegalArgumentException.class, () -> new GridSampler(Map.of("a", List.of())));
  }

  /** An architecture-like space: 6 categorical/int choices; the optimum is all "best" values. */
  static final Objective ARCH = t -> {
    double v = 0;
    for (int i = 0; i < 4; i++) {
      v += t.suggestCategorical("op" + i, List.of("conv3", "conv5", "pool", "skip"))
          .equals("conv3") ? 0 : 1;
    }
    v += Math.abs(t.suggestInt("width", 16, 128, 16L) - 64) / 16.0;
    v += Math.abs(t.suggestInt("depth", 1, 10, false) - 6);
    return v;
  };

  static List<TrialRecord> evolve(long seed, int n) {
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "e", Direction.MINIMIZE,
        new EvolutionSampler(20, 5), seed);
    s.optimize(ARCH, StopCondition.trials(n), StudyListener.NONE);
    return s.trials();
  }

  @Test
  void evolutionIsDeterministicMutatesOneParameterAndBeatsRandom() {
    List<TrialRecord> a = evolve(3, 120);
    assertEquals(a.stream().map(TrialRecord::params).toList(),
        evolve(3, 120).stream().map(TrialRecord::params).toList());
    // after the initial population each child differs from some member in exactly one parameter
    EvolutionSampler es = new EvolutionSampler(20, 5);
    for (int t = 20; t < 120; t++) {
      StudySnapshot view = new StudySnapshot("e", Direction.MINIMIZE, 3, a.subList(0, t));
      TrialRecord parent = es.parent(view, t);
      int diff = 0;
      for (String k : parent.params().keySet()) {
        diff += parent.params().get(k).equals(a.get(t).params().get(k)) ? 0 : 1;
      }
      assertEquals(1, diff, "trial " + t);
      // ageing: the population is the 20 most recent, whatever their values
      assertEquals(t - 20, es.population(view).get(0).number());
    }
    double evo = 0;
    double rnd = 0;
    for (long seed = 0; seed < 5; seed++) {
      evo += TpeMultivariateTest.best(evolve(seed, 120));
      Study r = Study.createOrLoad(new InMemoryStudyStore(), "r", Direction.MINIMIZE,
          new RandomSampler(), seed);
      r.optimize(ARCH, StopCondition.trials(120), StudyListener.NONE);
      rnd += TpeMultivariateTest.best(r.trials());
    }
    assertTrue(evo < rnd, "evolution " + evo / 5 + " vs random " + rnd / 5);
  }

  @Test
  void tournamentPicksTheBestOfTheSampleWithLowerNumberOnTies() {
    // population of 3 with S = P and enough draws: the best member always wins
    List<TrialRecord> h = new ArrayList<>();
    double[] vals = {3, 1, 1, 2};
    for (int i = 0; i < 4; i++) {
      h.add(new TrialRecord(i, TrialState.COMPLETE, Map.of("k", "a"),
          Map.of("k", CategoricalDistribution.of("a", "b")), vals[i], Map.of(), Map.of(),
          java.time.Instant.EPOCH, java.time.Instant.EPOCH));
    }
    EvolutionSampler es = new EvolutionSampler(3, 3);
    StudySnapshot v = new StudySnapshot("e", Direction.MINIMIZE, 0, h);
    assertEquals(List.of(1, 2, 3), es.population(v).stream().map(TrialRecord::number).toList());
    // exact enumeration of 3 draws with replacement from {#1 (1.0), #2 (1.0), #3 (2.0)}:
    // #1 wins when drawn (19/27), #2 when drawn without #1 (7/27), #3 only alone (1/27)
    int[] wins = new int[4];
    int n = 4000;
    for (int t = 0; t < n; t++) {
      wins[es.parent(v, t).number()]++;
    }
    // standard errors below 0.008; tolerance 0.03
    assertEquals(19.0 / 27, wins[1] / (double) n, 0.03);
    assertEquals(7.0 / 27, wins[2] / (double) n, 0.03);
    assertEquals(1.0 / 27, wins[3] / (double) n, 0.03);
    assertThrows(IllegalArgumentException.class, () -> new EvolutionSampler(3, 4));
  }
}
