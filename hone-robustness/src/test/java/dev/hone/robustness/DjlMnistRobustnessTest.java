package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.learner.djl.NetworkModel;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MNIST check on the DJL/PyTorch MLP (hone-learner-djl, 2 hidden layers of 128 ReLU units,
 * Adam, 8 epochs on the first 8,000 of the 10,000 MNIST test images; 1,000 of the last 2,000 held
 * out are attacked): FGSM at L∞ ε = 0.25 brings accuracy below 30% and PGD-20 is at least as
 * strong as FGSM at every ε of 0…0.3. Slow.
 */
@Tag("slow")
class DjlMnistRobustnessTest {

  @Test
  void fgsmAndPgdOnADjlMlp() throws Exception {
    Mnist m = Mnist.load();
    int nTrain = 8000;
    try (NetworkModel net = m.trainMlp(nTrain)) {
      // pixels as the model sees them (float), so the clean rows are exactly those it was fit on
      double[][] xTe = new double[1000][784];
      for (int i = 0; i < 1000; i++) {
        for (int j = 0; j < 784; j++) {
          xTe[i][j] = (float) m.x[nTrain + i][j];
        }
      }
      double[] yTe = Arrays.copyOfRange(m.y, nTrain, nTrain + 1000);
      PerturbationDomain pixels = PerturbationDomain.uniform(784, 0, 1);
      RobustnessCurve fgsm =
          RobustAccuracy.gradient(net, pixels, xTe, yTe, GradientAttack.fgsm(Norm.LINF, 0.1), MnistRobustnessTest.GRID, "pixel intensity");
      RobustnessCurve pgd =
          RobustAccuracy.gradient(net, pixels, xTe, yTe, GradientAttack.pgd(Norm.LINF, 0.1, 20, 2), MnistRobustnessTest.GRID, "pixel intensity");
      MnistRobustnessTest.print("DJL MLP 784-128-128-10, FGSM", fgsm);
      MnistRobustnessTest.print("DJL MLP 784-128-128-10, PGD-20", pgd);
      System.out.printf(
          java.util.Locale.ROOT, "MNIST DJL throughput: FGSM %.0f rows/s, PGD-20 %.0f rows/s%n",
          fgsm.examplesPerSecond(), pgd.examplesPerSecond());
      assertTrue(fgsm.points().get(0).accuracy() > 0.9, "clean " + fgsm.points().get(0).accuracy());
      assertTrue(fgsm.at(0.25).accuracy() < 0.30, "FGSM at 0.25: " + fgsm.at(0.25).accuracy());
      for (int i = 0; i < MnistRobustnessTest.GRID.length; i++) {
        assertTrue(pgd.points().get(i).accuracy() <= fgsm.points().get(i).accuracy());
      }
    }
  }
}
