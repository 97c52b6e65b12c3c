package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MNIST acceptance check with the pure-Java MLP (784-100-10, tanh, trained by SGD on the first
 * 8,000 of the 10,000 test images; the last 2,000 are held out): FGSM at L∞ ε = 0.25 brings held-out
 * accuracy below 30%, PGD-20 is at least as strong as FGSM at every ε of 0…0.3, and FGSM
 * adversarial training at ε = 0.25 (Goodfellow et al. 2015: half of each round's rows replaced by
 * FGSM examples) raises FGSM robust accuracy at ε = 0.25. PGD robust accuracy after this training
 * is printed, not asserted: an MLP trained against FGSM stays weak against PGD (Madry et al. 2018).
 * Slow (minutes).
 */
@Tag("slow")
class MnistRobustnessTest {
  static final double[] GRID = {0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3};

  @Test
  void fgsmPgdAndAdversarialTrainingOnMnist() throws Exception {
    Mnist m = Mnist.load();
    int nTrain = 8000;
    double[][] xTr = Arrays.copyOfRange(m.x, 0, nTrain);
    double[] yTr = Arrays.copyOfRange(m.y, 0, nTrain);
    double[][] xTe = Arrays.copyOfRange(m.x, nTrain, m.x.length);
    double[] yTe = Arrays.copyOfRange(m.y, nTrain, m.y.length);
    PerturbationDomain pixels = PerturbationDomain.uniform(784, 0, 1);

    TinyMlp plain = new TinyMlp(784, 100, 10, 1);
    plain.train(xTr, yTr, 15, 32, 0.1, 1);
    RobustnessCurve fgsm =
        RobustAccuracy.gradient(plain, pixels, xTe, yTe, GradientAttack.fgsm(Norm.LINF, 0.1), GRID, "pixel intensity");
    RobustnessCurve pgd =
        RobustAccuracy.gradient(plain, pixels, xTe, yTe, GradientAttack.pgd(Norm.LINF, 0.1, 20, 2), GRID, "pixel intensity");
    print("plain MLP, FGSM", fgsm);
    print("plain MLP, PGD-20", pgd);
    assertTrue(fgsm.points().get(0).accuracy() > 0.9, "clean accuracy " + fgsm.points().get(0).accuracy());
    assertTrue(fgsm.at(0.25).accuracy() < 0.30, "FGSM at 0.25: " + fgsm.at(0.25).accuracy());
    for (int i = 0; i < GRID.length; i++) {
      assertTrue(pgd.points().get(i).accuracy() <= fgsm.points().get(i).accuracy(), "eps " + GRID[i]);
    }

    GradientAttack trainAttack = GradientAttack.fgsm(Norm.LINF, 0.25);
    long t0 = System.nanoTime();
    AdversarialTraining.Result<TinyMlp> adv =
        AdversarialTraining.run(
            (xs, ys, prev, round) -> {
              TinyMlp net = prev == null ? new TinyMlp(784, 100, 10, 1) : prev.copy();
              net.train(xs, ys, round == 0 ? 3 : 1, 32, 0.1, 10 + round);
              return net;
            },
            null, xTr, yTr, trainAttack, pixels, new AdversarialTraining.Options(50, 0.5, 4));
    double secs = (System.nanoTime() - t0) / 1e9;
    RobustnessCurve advFgsm =
        RobustAccuracy.gradient(adv.model(), pixels, xTe, yTe, GradientAttack.fgsm(Norm.LINF, 0.1), GRID, "pixel intensity");
    RobustnessCurve advPgd =
        RobustAccuracy.gradient(adv.model(), pixels, xTe, yTe, GradientAttack.pgd(Norm.LINF, 0.1, 20, 2), GRID, "pixel intensity");
    print(String.format(Locale.ROOT, "adversarially trained MLP (%.0f s), FGSM", secs), advFgsm);
    print("adversarially trained MLP, PGD-20", advPgd);
    assertTrue(
        advFgsm.at(0.25).accuracy() > fgsm.at(0.25).accuracy() + 0.05,
        "FGSM robust accuracy at 0.25: adversarially trained " + advFgsm.at(0.25).accuracy()
            + " vs plain " + fgsm.at(0.25).accuracy());
    assertTrue(advPgd.at(0.25).accuracy() <= advFgsm.at(0.25).accuracy());
  }

  static void print(String what, RobustnessCurve c) {
    StringBuilder b = new StringBuilder("MNIST " + what + ":");
    for (RobustnessCurve.Point p : c.points()) {
      b.append(String.format(Locale.ROOT, " eps=%.2f acc=%.4f;", p.eps(), p.accuracy()));
    }
    System.out.println(b);
  }
}
