package dev.hone.search.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.sampler.Sampler;
import dev.hone.search.sampler.StudyView;
import dev.hone.search.sampler.TpeSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.Trial;
import dev.hone.search.study.TrialRecord;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Distribution grids, bounds and the empirical law of sampled values. Oracles: exact enumeration
 * of the grids, analytic cell probabilities, and chi-square critical values at alpha = 0.001 from
 * scipy (make_chi2_reference.py); seeds are fixed, so a pass is reproducible.
 */
class DistributionSamplingTest {

  static double critical(int df) throws Exception {
    try (InputStream in = DistributionSamplingTest.class.getResourceAsStream(
        "chi2_critical.json")) {
      JsonNode n = Json.mapper().readTree(in);
      return n.get("critical").get(Integer.toString(df)).asDouble();
    }
  }

  static double chiSquare(long[] observed, double[] p) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double e = n * p[i];
      s += (observed[i] - e) * (observed[i] - e) / e;
    }
    return s;
  }

  @Test
  void steppedGridsAreAnchoredAtLowAndNeverLeaveTheBounds() {
    // enumeration: low + k q for k = 0..K with low + K q <= high
    double[][] cases = {{0.1, 1.0, 0.2}, {0, 1, 0.05}, {-1, 1, 0.3}, {0, 0.3, 0.1}, {2.5, 2.5, 1}};
    for (double[] c : cases) {
      FloatDistribution d = FloatDistribution.stepped(c[0], c[1], c[2]);
      long k = d.gridIntervals();
      assertEquals(c[0], d.gridValue(0), 0.0);
      for (long i = 0; i <= k; i++) {
        double v = d.gridValue(i);
        assertTrue(v >= c[0] && v <= c[1], d + " value " + v);
        assertTrue(d.contains(v), d + " contains " + v);
        assertEquals(c[0] + i * c[2], v, 1e-12);
      }
      assertTrue(c[0] + (k + 1) * c[2] > c[1] + 1e-9, d + " K is the largest");
      // high is a value exactly when it lies on the grid
      boolean onGrid = Math.abs((c[1] - c[0]) / c[2] - Math.rint((c[1] - c[0]) / c[2])) < 1e-9;
      assertEquals(onGrid, d.contains(c[1]), d + " contains(high)");
    }
    IntDistribution i = new IntDistribution(1, 10, false, 3); // 1, 4, 7, 10
    assertTrue(i.contains(10L));
    assertTrue(i.contains(1L));
    IntDistribution j = new IntDistribution(1, 11, false, 3); // 1, 4, 7, 10
    assertFalse(j.contains(11L));
    assertEquals(10, j.gridMax());
  }

  @Test
  void bothEndsAreReachableBySamplers() {
    List<Distribution> ds = List.of(
        FloatDistribution.stepped(0.1, 0.9, 0.2), new IntDistribution(1, 10, false, 3),
        IntDistribution.logOf(1, 5), IntDistribution.of(-3, 3), CategoricalDistribution.of("a", "b"));
    for (Distribution d : ds) {
      Object lo = d instanceof FloatDistribution f ? (Object) f.low()
          : d instanceof IntDistribution i ? (Object) i.low() : "a";
      Object hi = d instanceof FloatDistribution f ? (Object) f.gridMax()
          : d instanceof IntDistribution i ? (Object) i.gridMax() : "b";
      boolean seenLo = false;
      boolean seenHi = false;
      for (int t = 0; t < 400; t++) {
        Object v = RandomSampler.sample(d, new SplittableRandom(t));
        seenLo |= v.equals(lo);
        seenHi |= v.equals(hi);
      }
      assertTrue(seenLo && seenHi, d + ": low seen " + seenLo + ", high seen " + seenHi);
    }
  }

  @Test
  void randomSamplingMatchesTheAnalyticLawByChiSquare() throws Exception {
    int n = 20_000;
    // uniform int grid 1, 4, 7, 10
    check(new IntDistribution(1, 10, false, 3), n, 4, v -> (((Long) v) - 1) / 3,
        new double[] {0.25, 0.25, 0.25, 0.25});
    // log int 1..8: P(v) = ln((v + .5)/(v - .5)) / ln(8.5/0.5)
    double[] p = new double[8];
    for (int v = 1; v <= 8; v++) {
      p[v - 1] = Math.log((v + 0.5) / (v - 0.5)) / Math.log(8.5 / 0.5);
    }
    check(IntDistribution.logOf(1, 8), n, 8, v -> ((Long) v) - 1, p);
    // categorical: uniform over 5
    CategoricalDistribution c = CategoricalDistribution.of("a", "b", "c", "d", "e");
    check(c, n, 5, v -> c.choices().indexOf(v), uniform(5));
    // stepped float 0, .05, ..., 1: uniform over 21 values
    FloatDistribution s = FloatDistribution.stepped(0, 1, 0.05);
    check(s, n, 21, v -> Math.round(((Double) v) / 0.05), uniform(21));
    // continuous float on [-3, 7] in 10 equal bins
    check(FloatDistribution.of(-3, 7), n, 10,
        v -> Math.min(9, (long) Math.floor(((Double) v) + 3)), uniform(10));
    // log float on [1e-4, 1]: 8 equal bins in log10
    check(FloatDistribution.logOf(1e-4, 1), n, 8,
        v -> Math.min(7, (long) Math.floor((Math.log10((Double) v) + 4) * 2)), uniform(8));
  }

  private static double[] uniform(int k) {
    double[] p = new double[k];
    java.util.Arrays.fill(p, 1.0 / k);
    return p;
  }

  interface Bin {
    long of(Object v);
  }

  private static void check(Distribution d, int n, int k, Bin bin, double[] p) throws Exception {
    long[] obs = new long[k];
    RandomSampler s = new RandomSampler();
    StudyView view = new dev.hone.search.sampler.StudySnapshot("c", Direction.MINIMIZE, 11,
        List.of());
    for (int t = 0; t < n; t++) {
      Object v = s.sampleIndependent(view, t, "p", d);
      assertTrue(d.contains(v));
      obs[(int) bin.of(v)]++;
    }
    double stat = chiSquare(obs, p);
    assertTrue(stat < critical(k - 1), d + ": chi2 " + stat + " >= " + critical(k - 1));
  }

  /** A sampler that proposes fixed values, as an enqueued or warm-start configuration would. */
  record Fixed(Map<String, Object> values) implements Sampler {
    @Override
    public Object sampleIndependent(StudyView s, int t, String name, Distribution d) {
      return values.get(name);
    }
  }

  @Test
  void configurationsAtEitherBoundAreAccepted() {
    for (boolean upper : new boolean[] {false, true}) {
      Map<String, Object> cfg = Map.of(
          "f", upper ? 1.0 : 0.0, "lg", upper ? 1.0 : 1e-4, "st", upper ? 0.9 : 0.1,
          "i", upper ? 10L : 1L, "li", upper ? 512L : 2L, "c", upper ? "z" : "x");
      Study s = Study.createOrLoad(new InMemoryStudyStore(), "b", Direction.MINIMIZE,
          new Fixed(cfg), 1);
      Trial t = s.ask();
      t.suggestFloat("f", 0, 1, false);
      t.suggestFloat("lg", 1e-4, 1, true);
      t.suggestFloat("st", 0.1, 1.0, 0.2);
      t.suggestInt("i", 1, 10, 3L);
      t.suggestInt("li", 2, 512, true);
      t.suggestCategorical("c", List.of("x", "y", "z"));
      assertEquals(cfg, Map.copyOf(t.params()));
      s.tell(t, 0.0);
    }
  }

  @Test
  void aNameReusedWithAnotherDistributionKindIsAnErrorNamingBoth() {
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "k", Direction.MINIMIZE,
        new TpeSampler(), 1);
    s.optimize(t -> t.suggestFloat("lr", 0, 1, false), StopCondition.trials(2), StudyListener.NONE);
    Trial t = s.ask();
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> t.suggestInt("lr", 0, 1, false));
    assertTrue(e.getMessage().contains("FloatDistribution[low=0.0, high=1.0")
        && e.getMessage().contains("IntDistribution[low=0, high=1"), e.getMessage());
    // a changed numeric range keeps the kind and is allowed
    assertEquals(Double.class, t.suggest("lr", FloatDistribution.of(0, 2)).getClass());
    for (TrialRecord r : s.trials()) {
      assertTrue(r.params().isEmpty() || r.params().containsKey("lr"));
    }
  }

  @Test
  void samplersNeverLeaveTheBoundsOfEdgeGrids() {
    // TPE after its startup trials, on grids whose top point is below high
    DoubleUnaryOperator id = x -> x;
    Study s = Study.createOrLoad(new InMemoryStudyStore(), "e", Direction.MINIMIZE,
        new TpeSampler(), 2);
    s.optimize(t -> t.suggestFloat("a", 0.1, 1.0, 0.2) + t.suggestInt("b", 0, 10, 4L)
        + id.applyAsDouble(0), StopCondition.trials(40), StudyListener.NONE);
    for (TrialRecord r : s.trials()) {
      double a = (Double) r.params().get("a");
      long b = (Long) r.params().get("b");
      assertTrue(a >= 0.1 && a <= 0.9 + 1e-12 && b >= 0 && b <= 8, r.params().toString());
    }
  }
}
