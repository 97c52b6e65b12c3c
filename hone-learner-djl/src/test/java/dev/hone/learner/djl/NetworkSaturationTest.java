package dev.hone.learner.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.ReportSink;
import dev.hone.core.params.ParamSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Input gradients where the float32 softmax saturates ({@code p_y} rounds to 1, the other classes
 * to 0). Oracles: closed-form values of {@code softmax - onehot} for extreme logits, and central
 * differences of the cross-entropy recomputed stably in float64 from the model's logits.
 */
class NetworkSaturationTest {

  /** Two logits (0, -m): softmax - onehot(0) = (-q, q) with q = 1 / (1 + e^m), exactly. */
  @Test
  void logitDerivativeKeepsItsValueBeyondFloat32Range() {
    for (double margin : new double[] {1, 20, 150, 600}) {
      float[] z = {0f, (float) -margin};
      float[] w = new float[2];
      double s = NetworkModel.softmaxMinusOneHot(z, 0, 2, 0, w);
      double q = 1 / (1 + Math.exp(margin));
      assertEquals(-q, s * w[0], 1e-12 * q, "margin " + margin);
      assertEquals(q, s * w[1], 1e-12 * q, "margin " + margin);
      // the wrong label: softmax - onehot(1) = (1 - q, q - 1)
      s = NetworkModel.softmaxMinusOneHot(z, 0, 2, 1, w);
      assertEquals(1 - q, s * w[0], 1e-12);
      assertEquals(q - 1, s * w[1], 1e-12);
    }
    // three classes, offset row
    float[] z = {9f, 1f, 2f, 3f};
    float[] w = new float[4];
    double s = NetworkModel.softmaxMinusOneHot(z, 1, 3, 2, w);
    double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
    // the normalised entries are stored in float32: relative error <= 2^-24
    assertEquals(Math.exp(1) / e, s * w[1], 1e-7 * Math.exp(1) / e);
    assertEquals(Math.exp(2) / e, s * w[2], 1e-7 * Math.exp(2) / e);
    assertEquals(Math.exp(3) / e - 1, s * w[3], 1e-7); // label 2 is the row's third logit
    assertEquals(0f, w[0]);
  }

  /**
   * A trained MLP on digits, inputs pushed away from the data by ±0.3 noise (as an attack does,
   * but strictly inside [0, 1]): many rows then have logit margins where float32's softmax rounds
   * the top probability to 1; every row must still get a non-zero loss gradient and a non-zero
   * gradient of its top probability, and the loss gradient must match central differences of the
   * float64 cross-entropy along its own direction (relative error ≤ 10%).
   */
  @Test
  void confidentRowsKeepNonZeroLossGradients() throws Exception {
    TestData.Xy digits = TestData.digits();
    int[] train = digits.rows(3, 0, false);
    int[] test = digits.rows(3, 0, true);
    MlpLearner learner = new MlpLearner();
    try (NetworkModel m =
        (NetworkModel)
            learner.fit(
                new FitRequest(digits.matrix(train), digits.labels(train), null, null,
                    TaskType.MULTICLASS, 10,
                    ParamSet.resolve(learner.paramSpecs(),
                        Map.of("depth", 2, "width", 64, "activation", "relu", "epochs", 15)),
                    4, 1, ReportSink.NONE))) {
      int n = 200;
      double[][] x = new double[n][];
      double[] y = new double[n];
      SplittableRandom rnd = new SplittableRandom(11);
      for (int i = 0; i < n; i++) {
        float[] r = digits.x()[test[i]];
        x[i] = new double[r.length];
        for (int j = 0; j < r.length; j++) {
          double v = r[j] + (rnd.nextBoolean() ? 0.3 : -0.3);
          x[i][j] = Math.min(0.99, Math.max(0.01, v)); // strictly inside [0, 1]
        }
        y[i] = digits.y()[test[i]];
      }
      double[][] z = m.logits(x);
      double[][] g = m.lossGradient(x, y);
      double[][][] og = m.outputGradient(x);
      int saturated = 0;
      int zeroRows = 0;
      int zeroOutputRows = 0;
      int checked = 0;
      for (int i = 0; i < n; i++) {
        // beyond a margin of 17, float32 rounds p_top to 1, so p_top (1 - p_top) = 0
        boolean sat = margin(z[i]) > 17;
        if (sat) {
          saturated++;
        }
        if (norm(og[i][top(z[i])]) == 0) {
          zeroOutputRows++;
        }
        double gn = norm(g[i]);
        if (gn == 0) {
          zeroRows++;
        } else if (sat && top(z[i]) == (int) y[i] && checked < 5) {
          checkDirectional(m, x[i], (int) y[i], g[i], gn);
          checked++;
        }
      }
      assertTrue(saturated >= 10,
          "only " + saturated + " rows saturate float32's softmax; the test is void");
      assertEquals(0, zeroRows, zeroRows + " of " + n + " rows have an all-zero loss gradient");
      assertEquals(0, zeroOutputRows,
          zeroOutputRows + " of " + n + " rows have an all-zero gradient of the top probability");
      assertTrue(checked >= 1, "no saturated correctly classified row to check");
    }
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double a : v) {
      s += a * a;
    }
    return Math.sqrt(s);
  }

  private static int top(double[] z) {
    int t = 0;
    for (int j = 1; j < z.length; j++) {
      if (z[j] > z[t]) {
        t = j;
      }
    }
    return t;
  }

  private static double margin(double[] z) {
    double a = Double.NEGATIVE_INFINITY;
    double b = Double.NEGATIVE_INFINITY;
    for (double v : z) {
      if (v > a) {
        b = a;
        a = v;
      } else if (v > b) {
        b = v;
      }
    }
    return a - b;
  }

  /** log of the cross-entropy, log(log1p(sum_{j != y} e^{z_j - z_y})), for a correct top class. */
  private static double logLoss(NetworkModel m, double[] x, int y) {
    double[] z = m.logits(new double[][] {x})[0];
    double top = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < z.length; j++) {
      if (j != y) {
        top = Math.max(top, z[j] - z[y]);
      }
    }
    double s = 0;
    for (int j = 0; j < z.length; j++) {
      if (j != y) {
        s += Math.exp(z[j] - z[y] - top);
      }
    }
    double logS = top + Math.log(s);
    return logS < -30 ? logS : Math.log(Math.log1p(Math.exp(logS)));
  }

  /** d loss / dt along u = g/|g| is |g|; compare with central differences of log(loss). */
  private static void checkDirectional(NetworkModel m, double[] x, int y, double[] g, double gn) {
    double h = 1e-3;
    double[] up = x.clone();
    double[] down = x.clone();
    for (int j = 0; j < x.length; j++) {
      up[j] += h * g[j] / gn;
      down[j] -= h * g[j] / gn;
    }
    double loss = Math.exp(logLoss(m, x, y));
    double dLogLoss = (logLoss(m, up, y) - logLoss(m, down, y)) / (2 * h);
    double expected = dLogLoss * loss; // d loss/dt = loss * d log(loss)/dt
    assertTrue(expected > 0, "the loss does not increase along the gradient");
    assertEquals(expected, gn, 0.1 * expected, "directional derivative of the loss");
  }
}
