package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hone.learner.djl.NetworkModel;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Gradient masking check on the MNIST DJL MLP (as {@link DjlMnistRobustnessTest}): the rows an
 * FGSM step moves to, where the float32 softmax of a network with standardised inputs saturates
 * (rarely lit pixels have tiny standard deviations, so a 0.3 step is dozens of standard units),
 * must still get a non-zero cross-entropy gradient. Oracle: the exact gradient of a ReLU network
 * is zero only where every path is dead, which a trained MLP does not produce on these rows.
 * Slow.
 */
@Tag("slow")
class DjlGradientMaskingTest {

  @Test
  void fgsmPointsKeepNonZeroGradients() throws Exception {
    Mnist m = Mnist.load();
    int nTrain = 8000;
    try (NetworkModel net = m.trainMlp(nTrain)) {
      int n = 500;
      double[][] x = new double[n][784];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 784; j++) {
          x[i][j] = (float) m.x[nTrain + i][j];
        }
      }
      double[] y = Arrays.copyOfRange(m.y, nTrain, nTrain + n);
      double[][] g0 = net.lossGradient(x, y);
      StringBuilder sb = new StringBuilder();
      int total = 0;
      for (double eps : new double[] {0, 0.05, 0.1, 0.2, 0.3}) {
        double[][] adv = new double[n][784];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < 784; j++) {
            adv[i][j] = Math.min(1, Math.max(0, x[i][j] + eps * Math.signum(g0[i][j])));
          }
        }
        double[][] g = net.lossGradient(adv, y);
        int zero = 0;
        for (double[] row : g) {
          if (Arrays.stream(row).allMatch(v -> v == 0)) {
            zero++;
          }
        }
        total += zero;
        sb.append(String.format(Locale.ROOT, "eps %.2f: %d/%d all-zero rows; ", eps, zero, n));
      }
      System.out.println("MNIST DJL MLP loss gradients: " + sb);
      assertEquals(0, total, sb.toString());
    }
  }
}
