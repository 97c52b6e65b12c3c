package dev.hone.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-calculated values and the documented edge cases of {@link Metrics}. */
class MetricsTest {

  // Four rows, scores 0.1 < 0.35 < 0.4 < 0.8 with labels 0, 1, 0, 1.
  private static final int[] Y = {0, 0, 1, 1};
  private static final double[] S = {0.1, 0.4, 0.35, 0.8};

  @Test
  void rocAucByPairCounting() {
    // pairs (pos, neg): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4 -> 3 of 4
    assertEquals(0.75, Metrics.rocAuc(Y, S), 0.0);
  }

  @Test
  void rocAucCountsTiesAsOneHalf() {
    // positive 0.5 ties negative 0.5 (1/2), beats negative 0.2 (1); positive 0.9 beats both (2)
    int[] y = {1, 0, 1, 0};
    double[] s = {0.5, 0.5, 0.9, 0.2};
    assertEquals(3.5 / 4.0, Metrics.rocAuc(y, s), 0.0);
    // every score equal: the ROC curve is the diagonal
    assertEquals(0.5, Metrics.rocAuc(y, new double[] {0.3, 0.3, 0.3, 0.3}), 0.0);
  }

  @Test
  void averagePrecisionIsStepwise() {
    // thresholds 0.8 (P=1, R=1/2), 0.4 (P=1/2, R=1/2), 0.35 (P=2/3, R=1), 0.1
    // AP = 1/2 * 1 + 0 * 1/2 + 1/2 * 2/3 = 5/6 (interpolation would give more)
    assertEquals(5.0 / 6.0, Metrics.averagePrecision(Y, S), 1e-15);
  }

  @Test
  void averagePrecisionGroupsTiedScoresIntoOneStep() {
    // positive and negative tied at the top: one step with P = 1/2, R = 1/2; then P = 2/3, R = 1
    int[] y = {1, 0, 1};
    double[] s = {0.9, 0.9, 0.5};
    assertEquals(0.5 * 0.5 + 0.5 * (2.0 / 3.0), Metrics.averagePrecision(y, s), 1e-15);
  }

  @Test
  void rankingMetricsAreNanWhenUndefined() {
    int[] allNeg = {0, 0, 0};
    int[] allPos = {1, 1, 1};
    double[] s = {0.1, 0.2, 0.3};
    assertTrue(Double.isNaN(Metrics.rocAuc(allNeg, s)));
    assertTrue(Double.isNaN(Metrics.rocAuc(allPos, s)));
    assertTrue(Double.isNaN(Metrics.averagePrecision(allNeg, s)));
    assertEquals(1.0, Metrics.averagePrecision(allPos, s), 0.0); // precision is 1 everywhere
    assertTrue(Double.isNaN(Metrics.rocAuc(Y, new double[] {0.1, Double.NaN, 0.3, 0.4})));
  }

  @Test
  void logLossClipsAtMachineEpsilon() {
    // a confident wrong answer costs -ln(eps) = 52 ln 2 nats, not infinity
    double[][] p = {{1.0, 0.0}};
    assertEquals(52 * Math.log(2), Metrics.logLoss(new int[] {1}, p), 1e-12);
    assertEquals(Math.ulp(1.0), Metrics.LOG_LOSS_EPS, 0.0);
    assertEquals(-Math.log(0.7), Metrics.logLoss(new int[] {1}, new double[][] {{0.3, 0.7}}), 1e-15);
  }

  @Test
  void logLossRenormalisesRows() {
    // (0.2, 0.3) is read as (0.4, 0.6): the loss for class 1 is -ln 0.6 (sklearn <= 1.4)
    assertEquals(
        -Math.log(0.6), Metrics.logLoss(new int[] {1}, new double[][] {{0.2, 0.3}}), 1e-15);
  }

  @Test
  void brierAndAccuracyByHand() {
    // (0-0.1)^2 + (0-0.4)^2 + (1-0.35)^2 + (1-0.8)^2 = 0.01 + 0.16 + 0.4225 + 0.04
    assertEquals(0.6325 / 4, Metrics.brierScore(Y, S), 1e-15);
    assertEquals(0.5, Metrics.accuracy(new int[] {0, 1, 2, 2}, new int[] {0, 2, 1, 2}), 0.0);
  }

  @Test
  void f1ZeroDivisionGivesZeroLikeSklearn() {
    assertEquals(0.0, Metrics.f1(new int[] {0, 0}, new int[] {0, 0}), 0.0);
    assertEquals(0.0, Metrics.f1(new int[] {1, 0}, new int[] {0, 0}), 0.0);
    // TP = 1, FP = 1, FN = 1: 2/(2+1+1)
    assertEquals(0.5, Metrics.f1(new int[] {1, 1, 0}, new int[] {1, 0, 1}), 0.0);
  }

  @Test
  void macroF1AveragesOverLabelsPresentInEitherArray() {
    // classes 0..4; class 4 absent from both -> left out; class 3 only predicted -> F1 0
    // class 0: TP1 FP0 FN0 -> 1; class 1: TP1 FP0 FN0 -> 1; class 2: TP1 FP0 FN1 -> 2/3; class 3: 0
    int[] y = {0, 1, 2, 2};
    int[] p = {0, 1, 2, 3};
    assertEquals((1 + 1 + 2.0 / 3 + 0) / 4, Metrics.macroF1(y, p, 5), 1e-15);
  }

  @Test
  void regressionByHand() {
    double[] y = {1, 2, 3, 4};
    double[] yhat = {1, 2, 3, 6};
    assertEquals(1.0, Metrics.rmse(y, yhat), 0.0); // sqrt(4/4)
    assertEquals(0.5, Metrics.mae(y, yhat), 0.0);
    assertEquals(1 - 4.0 / 5.0, Metrics.r2(y, yhat), 1e-15); // SStot = 2.25+.25+.25+2.25
  }

  @Test
  void r2OfAConstantTargetFollowsSklearn() {
    double[] y = new double[10];
    java.util.Arrays.fill(y, 0.1); // the sum of ten 0.1 is not exactly 1.0
    assertEquals(1.0, Metrics.r2(y, y.clone()), 0.0);
    double[] off = y.clone();
    off[3] = 0.2;
    assertEquals(0.0, Metrics.r2(y, off), 0.0);
  }

  @Test
  void badShapesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Metrics.rocAuc(new int[0], new double[0]));
    assertThrows(IllegalArgumentException.class, () -> Metrics.rmse(new double[2], new double[3]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Metrics.rocAuc(new int[] {0, 2}, new double[] {0.1, 0.2}));
    assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.logLoss(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {1.0}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.logLoss(new int[] {3}, new double[][] {{0.2, 0.3, 0.5}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> Metrics.macroF1(new int[] {0}, new int[] {3}, 3));
  }

  @Test
  void percentilesMatchNumpyLinearByHand() {
    double[] x = {1, 2, 4, 8};
    assertEquals(1.0, Percentiles.linear(x, 4, 0), 0.0);
    assertEquals(8.0, Percentiles.linear(x, 4, 100), 0.0);
    assertEquals(3.0, Percentiles.linear(x, 4, 50), 0.0); // h = 1.5
    assertEquals(1.075, Percentiles.linear(x, 4, 2.5), 1e-15); // h = 0.075
    assertEquals(7.7, Percentiles.linear(x, 4, 97.5), 1e-15); // h = 2.925
    assertEquals(5.0, Percentiles.linear(new double[] {5.0}, 1, 97.5), 0.0);
  }

  @Test
  void descendingOrderSortsAndKeepsEveryIndex() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int n : new int[] {1, 2, 3, 7, 64, 1000}) {
      double[] key = new double[n];
      for (int i = 0; i < n; i++) {
        key[i] = Math.floor(rng.nextDouble() * 10) / 10;
      }
      int[] order = Metrics.descendingOrder(key);
      boolean[] seen = new boolean[n];
      for (int k = 0; k < n; k++) {
        seen[order[k]] = true;
        if (k > 0) {
          assertTrue(key[order[k - 1]] >= key[order[k]]);
        }
      }
      for (boolean s : seen) {
        assertTrue(s);
      }
    }
  }
}
