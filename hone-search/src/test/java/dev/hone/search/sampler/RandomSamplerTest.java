package dev.hone.search.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.space.CategoricalDistribution;
import dev.hone.search.space.Distribution;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.study.Direction;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomSamplerTest {
  private static final RandomSampler SAMPLER = new RandomSampler();

  static StudyView empty(long seed) {
    return new StudySnapshot("s", Direction.MINIMIZE, seed, List.of());
  }

  @Test
  void everySampleInsideItsDistribution() {
    List<Distribution> ds = List.of(
        FloatDistribution.of(-3, 7),
        FloatDistribution.logOf(1e-6, 1e2),
        FloatDistribution.stepped(0.1, 1.0, 0.2),
        FloatDistribution.stepped(-1, 1, 0.25),
        IntDistribution.of(-5, 5),
        IntDistribution.logOf(1, 1000),
        new IntDistribution(0, 10, false, 3),
        CategoricalDistribution.of("a", "b", "c"));
    for (long seed = 0; seed < 5; seed++) {
      for (Distribution d : ds) {
        for (int t = 0; t < 400; t++) {
          Object v = SAMPLER.sampleIndependent(empty(seed), t, "p", d);
          assertTrue(d.contains(v), d + " produced " + v);
        }
      }
    }
  }

  @Test
  void everyGridValueIsReachedIncludingBothEnds() {
    // exact enumeration of each grid; 600 draws miss a given one of <= 5 values w.p. < 1e-58
    assertReachesAll(new IntDistribution(0, 10, false, 3), Set.of(0L, 3L, 6L, 9L));
    assertReachesAll(IntDistribution.of(-2, 2), Set.of(-2L, -1L, 0L, 1L, 2L));
    assertReachesAll(IntDistribution.logOf(1, 4), Set.of(1L, 2L, 3L, 4L));
    assertReachesAll(CategoricalDistribution.of("a", "b", "c"), Set.of("a", "b", "c"));
    FloatDistribution f = FloatDistribution.stepped(0.1, 1.0, 0.2);
    Set<Object> grid = new HashSet<>();
    for (long k = 0; k <= f.gridIntervals(); k++) {
      grid.add(f.gridValue(k));
    }
    assertEquals(5, grid.size());
    assertReachesAll(f, grid);
  }

  private static void assertReachesAll(Distribution d, Set<Object> expected) {
    Set<Object> seen = new HashSet<>();
    for (int t = 0; t < 600; t++) {
      seen.add(SAMPLER.sampleIndependent(empty(3), t, "p", d));
    }
    assertEquals(expected, seen, d.toString());
  }

  @Test
  void logScaleIsLogUniform() {
    // P(x < 1e-2) for log-uniform on [1e-4, 1] = ln(100) / ln(10^4) = 0.5 exactly;
    // n = 20000 gives a standard error of 0.0035, tolerance 0.015 (> 4 SE)
    FloatDistribution d = FloatDistribution.logOf(1e-4, 1);
    int below = 0;
    int n = 20_000;
    for (int t = 0; t < n; t++) {
      if ((Double) SAMPLER.sampleIndependent(empty(1), t, "lr", d) < 1e-2) {
        below++;
      }
    }
    assertEquals(0.5, below / (double) n, 0.015);
    // log int on [1, 100]: P(1) = ln(1.5/0.5) / ln(100.5/0.5) = ln 3 / ln 201 = 0.207161
    IntDistribution i = IntDistribution.logOf(1, 100);
    int ones = 0;
    for (int t = 0; t < n; t++) {
      if ((Long) SAMPLER.sampleIndependent(empty(1), t, "k", i) == 1L) {
        ones++;
      }
    }
    assertEquals(Math.log(3) / Math.log(201), ones / (double) n, 0.015);
  }

  @Test
  void deterministicPerSeedTrialAndName() {
    FloatDistribution d = FloatDistribution.of(0, 1);
    Object a = SAMPLER.sampleIndependent(empty(42), 7, "x", d);
    assertEquals(a, SAMPLER.sampleIndependent(empty(42), 7, "x", d));
    assertNotEquals(a, SAMPLER.sampleIndependent(empty(43), 7, "x", d));
    assertNotEquals(a, SAMPLER.sampleIndependent(empty(42), 8, "x", d));
    assertNotEquals(a, SAMPLER.sampleIndependent(empty(42), 7, "y", d));
  }
}
