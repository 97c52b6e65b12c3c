package dev.hone.robustness;

import java.util.Arrays;

/** The MNIST MLP of {@link MnistRobustnessTest} for the throughput bench (public test helper). */
public final class MnistBench {
  private final TinyMlp model;
  private final double[][] x;
  private final double[] y;
  private final PerturbationDomain pixels = PerturbationDomain.uniform(784, 0, 1);

  private MnistBench(TinyMlp model, double[][] x, double[] y) {
    this.model = model;
    this.x = x;
    this.y = y;
  }

  /** Trains the MLP for 3 epochs on the first 8,000 images; attacks the next {@code rows}. */
  public static MnistBench prepare(int rows) throws Exception {
    Mnist m = Mnist.load();
    TinyMlp net = new TinyMlp(784, 100, 10, 1);
    net.train(Arrays.copyOfRange(m.x, 0, 8000), Arrays.copyOfRange(m.y, 0, 8000), 3, 32, 0.1, 1);
    return new MnistBench(
        net, Arrays.copyOfRange(m.x, 8000, 8000 + rows), Arrays.copyOfRange(m.y, 8000, 8000 + rows));
  }

  /** Runs the attack on the held-out rows. */
  public AttackResult attack(GradientAttack a) {
    return a.generate(model, pixels, x, y);
  }
}
