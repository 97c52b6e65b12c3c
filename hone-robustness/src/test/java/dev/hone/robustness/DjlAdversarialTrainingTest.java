package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.params.ParamSet;
import dev.hone.learner.djl.MlpLearner;
import dev.hone.learner.djl.NetworkModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Adversarial training of the DJL/PyTorch MLP on MNIST (the 10,000 test images: the first 8,000
 * train, 1,000 of the rest are attacked). Each round re-fits the MLP from scratch on the training
 * rows with a share {@code ratio} = 0.5 replaced by FGSM (L∞ ε = 0.25) examples crafted against
 * the previous round's model (the Adversarial Robustness Toolbox's {@code AdversarialTrainer}
 * with its ratio; a re-fit needs no warm start). Checks: FGSM at ε = 0.25 brings the plain model
 * below 30%; PGD-20 ≤ FGSM at every ε of 0…0.3; adversarial training raises FGSM and PGD
 * accuracy at ε = 0.25. Slow (minutes); the printed curves are in bench/RESULTS.md.
 */
@Tag("slow")
class DjlAdversarialTrainingTest {
  static final int N_TRAIN = 8000;
  static final int N_TEST = 1000;
  static final int ROUNDS = 10;

  @Test
  void adversarialTrainingRaisesRobustAccuracy() throws Exception {
    Mnist m = Mnist.load();
    double[][] xTr = new double[N_TRAIN][];
    for (int i = 0; i < N_TRAIN; i++) {
      xTr[i] = floats(m.x[i]);
    }
    double[] yTr = Arrays.copyOf(m.y, N_TRAIN);
    double[][] xTe = new double[N_TEST][];
    for (int i = 0; i < N_TEST; i++) {
      xTe[i] = floats(m.x[N_TRAIN + i]);
    }
    double[] yTe = Arrays.copyOfRange(m.y, N_TRAIN, N_TRAIN + N_TEST);
    PerturbationDomain pixels = PerturbationDomain.uniform(784, 0, 1);
    GradientAttack fgsm = GradientAttack.fgsm(Norm.LINF, 0.1);
    GradientAttack pgd = GradientAttack.pgd(Norm.LINF, 0.1, 20, 2);
    double[] grid = MnistRobustnessTest.GRID;

    NetworkModel plain = fit(xTr, yTr, 0, 8, null);
    RobustnessCurve pf = RobustAccuracy.gradient(plain, pixels, xTe, yTe, fgsm, grid, "pixel");
    RobustnessCurve pp = RobustAccuracy.gradient(plain, pixels, xTe, yTe, pgd, grid, "pixel");
    MnistRobustnessTest.print("DJL MLP plain, FGSM", pf);
    MnistRobustnessTest.print("DJL MLP plain, PGD-20", pp);

    List<NetworkModel> made = new ArrayList<>();
    AdversarialTraining.Result<NetworkModel> adv =
        AdversarialTraining.run(
            (x, y, previous, round) -> {
              NetworkModel next = fit(x, y, 100 + round, 1, previous);
              made.add(next);
              return next;
            },
            plain, xTr, yTr, GradientAttack.fgsm(Norm.LINF, 0.25), pixels,
            new AdversarialTraining.Options(ROUNDS, 0.5, 7));
    NetworkModel robust = adv.model();
    RobustnessCurve af = RobustAccuracy.gradient(robust, pixels, xTe, yTe, fgsm, grid, "pixel");
    RobustnessCurve ap = RobustAccuracy.gradient(robust, pixels, xTe, yTe, pgd, grid, "pixel");
    MnistRobustnessTest.print("DJL MLP adversarially trained (FGSM 0.25, ratio 0.5, " + ROUNDS + " warm-started epochs), FGSM", af);
    MnistRobustnessTest.print("DJL MLP adversarially trained (FGSM 0.25, ratio 0.5, " + ROUNDS + " warm-started epochs), PGD-20", ap);
    System.out.println("rounds: " + adv.rounds());
    try {
      assertTrue(pf.points().get(0).accuracy() > 0.9, "clean " + pf.points().get(0).accuracy());
      assertTrue(pf.at(0.25).accuracy() < 0.30, "FGSM at 0.25: " + pf.at(0.25).accuracy());
      for (int i = 0; i < grid.length; i++) {
        assertTrue(pp.points().get(i).accuracy() <= pf.points().get(i).accuracy(), "eps " + grid[i]);
        assertTrue(ap.points().get(i).accuracy() <= af.points().get(i).accuracy(), "eps " + grid[i]);
      }
      assertTrue(af.at(0.25).accuracy() > pf.at(0.25).accuracy() + 0.2,
          String.format(Locale.ROOT, "FGSM at 0.25: %.3f adversarial vs %.3f plain",
              af.at(0.25).accuracy(), pf.at(0.25).accuracy()));
      assertTrue(ap.at(0.25).accuracy() >= pp.at(0.25).accuracy(), "PGD at 0.25");
    } finally {
      plain.close();
      made.forEach(NetworkModel::close);
    }
  }

  private static NetworkModel fit(
      double[][] x, double[] y, long seed, long epochs, NetworkModel initial) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < 784; j++) {
      names.add("px" + j);
    }
    float[] data = new float[x.length * 784];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 784; j++) {
        data[i * 784 + j] = (float) x[i][j];
      }
    }
    MlpLearner learner = new MlpLearner();
    ParamSet ps =
        ParamSet.resolve(
            learner.paramSpecs(),
            Map.of("epochs", epochs, "width", 128L, "depth", 2L, "patience", 0L, "batch_size", 64L));
    return learner.fit(
        new FitRequest(new FeatureMatrix(data, x.length, names), y, null, null,
            TaskType.MULTICLASS, 10, ps, seed, 2, null),
        initial);
  }

  private static double[] floats(double[] r) {
    double[] out = new double[r.length];
    for (int j = 0; j < r.length; j++) {
      out[j] = (float) r[j];
    }
    return out;
  }
}
