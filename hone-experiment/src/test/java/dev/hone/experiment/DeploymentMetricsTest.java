package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FeatureMatrix;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Latency statistics (hand-computed nearest-rank percentiles), limits, saved size. */
class DeploymentMetricsTest {

  @Test
  void nearestRankP95AndMedian() {
    // 20 values 1..20: ceil(0.95 * 20) = 19th smallest = 19
    long[] v = new long[20];
    for (int i = 0; i < 20; i++) {
      v[i] = 20 - i;
    }
    assertEquals(19, DeploymentMetrics.percentile95(v));
    // 200 values 0..199: ceil(190) = 190th smallest = 189
    long[] w = new long[200];
    for (int i = 0; i < 200; i++) {
      w[i] = (i * 37) % 200;
    }
    assertEquals(189, DeploymentMetrics.percentile95(w));
    assertEquals(7, DeploymentMetrics.percentile95(new long[] {7}));
    assertEquals(3.0, DeploymentMetrics.median(new double[] {9, 3, 1}));
    assertEquals(2.5, DeploymentMetrics.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void slowModelsGetFewerTimedCallsWithinTheBudget() {
    DeploymentMetrics.LatencyProbe p = DeploymentMetrics.LatencyProbe.DEFAULTS; // 200 x 3
    assertEquals(200, p.timedCalls(10_000)); // 10 us: 2 s affords 66,666 per round
    assertEquals(133, p.timedCalls(5e6)); // 5 ms: floor(2e9 / (3 * 5e6)) = 133
    assertEquals(20, p.timedCalls(1e9)); // 1 s: never fewer than 20
    assertEquals(10, new DeploymentMetrics.LatencyProbe(1, 10, 3).timedCalls(1e9));
  }

  @Test
  void limitsBecomeConstraintValues() {
    DeploymentMetrics m = new DeploymentMetrics(10, "nodes", 1500, 0.8);
    assertArrayEquals(new double[] {500, -0.19999999999999996},
        new DeploymentMetrics.Limits(1000L, 1.0).constraints(m));
    assertArrayEquals(new double[] {-0.3}, new DeploymentMetrics.Limits(null, 1.1)
        .constraints(m), 1e-12);
    assertArrayEquals(new double[0], DeploymentMetrics.Limits.NONE.constraints(m));
    assertFalse(new DeploymentMetrics.Limits(1000L, null).satisfiedBy(m));
    assertTrue(new DeploymentMetrics.Limits(1500L, 0.8).satisfiedBy(m)); // limits inclusive
    assertThrows(InvalidParameterException.class, () -> new DeploymentMetrics.Limits(0L, null));
    assertThrows(InvalidParameterException.class,
        () -> new DeploymentMetrics.Limits(null, Double.NaN));
    assertEquals("model bytes <= 1000, p95 latency <= 1.0 ms",
        new DeploymentMetrics.Limits(1000L, 1.0).describe());
  }

  @Test
  void jsonRoundTripAndRealMeterOnAFakeModel() {
    DeploymentMetrics m = new DeploymentMetrics(7, "weights", 123, 0.25);
    assertEquals(m, DeploymentMetrics.fromJson(m.toJson()));
    AtomicInteger calls = new AtomicInteger();
    FakeFamilyLearner.FakeModel model = new FakeFamilyLearner.FakeModel("fake-net", 300) {
    };
    FeatureMatrix rows = new FeatureMatrix(new float[] {1, 2, 3, 4, 5, 6}, 3, List.of("a", "b"));
    DeploymentMetrics.LatencyProbe probe = new DeploymentMetrics.LatencyProbe(4, 10, 3);
    DeploymentMetrics got = DeploymentMetrics.meter(probe).measure(
        new CountingModel(model, calls), rows);
    assertEquals(300, got.modelBytes());
    assertEquals(-1, got.parameterCount());
    assertEquals("unknown", got.parameterUnit());
    assertTrue(got.latencyP95Ms() >= 0);
    assertEquals(4 + 10 * 3, calls.get()); // warm-up plus every timed call, one row each
  }

  /** Counts single-row predictions. */
  private record CountingModel(FakeFamilyLearner.FakeModel inner, AtomicInteger calls)
      implements dev.hone.core.model.Model {
    @Override
    public String learnerName() {
      return inner.learnerName();
    }

    @Override
    public dev.hone.core.model.Predictions predict(FeatureMatrix x) {
      assertEquals(1, x.nRows());
      calls.incrementAndGet();
      return inner.predict(x);
    }

    @Override
    public void save(java.nio.file.Path dir) {
      inner.save(dir);
    }

    @Override
    public java.util.Map<String, Object> fitInfo() {
      return java.util.Map.of();
    }

    @Override
    public void close() {}
  }
}
