package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Property: evaluating a resample as row multiplicities equals evaluating the explicitly copied
 * rows with {@link Metric#compute} (which sorts and counts from scratch). Seeded loops over sizes,
 * tie densities and tasks, including resamples where ranking metrics are undefined; tolerance
 * 1e-12 absolute (all values here are below 10 in magnitude).
 */
class BootstrapKernelTest {

  @Test
  void multiplicitiesEqualExpandedResamplesBinary() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 60; trial++) {
      int n = 2 + rng.nextInt(40);
      check(Synthetic.binary(n, 1 + rng.nextInt(3), rng.nextLong()), rng, 5);
    }
  }

  @Test
  void multiplicitiesEqualExpandedResamplesMulticlass() {
    SplittableRandom rng = new SplittableRandom(12);
    for (int trial = 0; trial < 40; trial++) {
      check(Synthetic.multiclass(2 + rng.nextInt(40), 3 + rng.nextInt(3), rng.nextLong()), rng, 5);
    }
  }

  @Test
  void multiplicitiesEqualExpandedResamplesRegression() {
    SplittableRandom rng = new SplittableRandom(13);
    for (int trial = 0; trial < 40; trial++) {
      check(Synthetic.regression(2 + rng.nextInt(40), rng.nextLong()), rng, 5);
    }
  }

  private static void check(Synthetic data, SplittableRandom rng, int rounds) {
    int n = data.labels.length;
    int[][] idx = new int[rounds][n];
    for (int b = 0; b < rounds; b++) {
      for (int i = 0; i < n; i++) {
        idx[b][i] = rng.nextInt(n);
      }
    }
    BootstrapKernel kernel = BootstrapKernel.of(data.task, data.labels, data.preds);
    double[][] reps = Evaluator.replicates(kernel, idx);
    List<Metric> metrics = kernel.metrics();
    for (int b = 0; b < rounds; b++) {
      Synthetic resample = data.rows(idx[b]);
      for (int j = 0; j < metrics.size(); j++) {
        double expected = metrics.get(j).compute(resample.labels, resample.preds);
        double actual = reps[j][b];
        String what = data.task + " n=" + n + " " + metrics.get(j) + " round " + b;
        if (Double.isNaN(expected)) {
          assertTrue(Double.isNaN(actual), what + ": expected NaN, was " + actual);
        } else {
          assertEquals(expected, actual, 1e-12, what);
        }
      }
    }
  }
}
