package dev.hone.robustness;

import dev.hone.core.model.DifferentiableModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Robust-accuracy curves: accuracy under an attack at each budget of a grid. For attacks with a
 * budget (FGSM, PGD, noise) the attack runs once per ε; for a minimal-distance attack
 * (HopSkipJump) one run gives every point ({@link #fromDistances}).
 */
public final class RobustAccuracy {
  private RobustAccuracy() {}

  /**
   * A gradient attack at each ε of {@code epsGrid} (its step scaled with ε, {@link
   * GradientAttack#withEps}).
   *
   * @param x rows {@code [n][nFeatures]}; y their true classes
   */
  public static RobustnessCurve gradient(
      DifferentiableModel model, PerturbationDomain domain, double[][] x, double[] y,
      GradientAttack attack, double[] epsGrid, String units) {
    int[] clean = Classifier.of(model).predict(x);
    List<RobustnessCurve.Point> pts = new ArrayList<>();
    long t0 = System.nanoTime();
    for (double eps : epsGrid) {
      AttackResult r = attack.withEps(eps).generate(model, domain, x, y);
      pts.add(point(eps, clean, toInt(y), r.predicted()));
    }
    return new RobustnessCurve(
        attack.name(), attack.norm().label(), units, pts, rate(x.length * epsGrid.length, t0));
  }

  /** A noise attack at each ε of {@code epsGrid}. */
  public static RobustnessCurve noise(
      Classifier model, PerturbationDomain domain, double[][] x, int[] y, NoiseAttack noise,
      double[] epsGrid, String units) {
    int[] clean = model.predict(x);
    List<RobustnessCurve.Point> pts = new ArrayList<>();
    long t0 = System.nanoTime();
    for (double eps : epsGrid) {
      AttackResult r = noise.withEps(eps).generate(model, domain, x, y);
      pts.add(point(eps, clean, y, r.predicted()));
    }
    return new RobustnessCurve(
        "noise-" + noise.kind().name().toLowerCase(java.util.Locale.ROOT), noise.norm().label(),
        units, pts, rate(x.length * epsGrid.length, t0));
  }

  /**
   * From the distances of a minimal-perturbation attack: a clean-correct row counts as flipped at
   * ε when its adversarial distance is ≤ ε.
   *
   * @param cleanCorrect whether each row is classified correctly when clean
   * @param distance the attack's distance per row ({@code +∞} when nothing was found)
   */
  public static RobustnessCurve fromDistances(
      String attack, Norm norm, String units, boolean[] cleanCorrect, double[] distance,
      double[] epsGrid, double examplesPerSecond) {
    List<RobustnessCurve.Point> pts = new ArrayList<>();
    int n = cleanCorrect.length;
    int correct = 0;
    for (boolean b : cleanCorrect) {
      correct += b ? 1 : 0;
    }
    for (double eps : epsGrid) {
      int flipped = 0;
      for (int i = 0; i < n; i++) {
        if (cleanCorrect[i] && distance[i] <= eps) {
          flipped++;
        }
      }
      pts.add(
          new RobustnessCurve.Point(
              eps, n == 0 ? Double.NaN : (double) (correct - flipped) / n,
              correct == 0 ? Double.NaN : (double) flipped / correct, n, flipped));
    }
    return new RobustnessCurve(attack, norm.label(), units, pts, examplesPerSecond);
  }

  static RobustnessCurve.Point point(double eps, int[] clean, int[] y, int[] attacked) {
    int n = y.length;
    int correct = 0;
    int still = 0;
    int flipped = 0;
    for (int i = 0; i < n; i++) {
      if (clean[i] == y[i]) {
        correct++;
        if (attacked[i] == y[i]) {
          still++;
        } else {
          flipped++;
        }
      }
    }
    return new RobustnessCurve.Point(
        eps, n == 0 ? Double.NaN : (double) still / n,
        correct == 0 ? Double.NaN : (double) flipped / correct, n, flipped);
  }

  static int[] toInt(double[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = (int) y[i];
    }
    return out;
  }

  private static double rate(long examples, long t0) {
    double s = (System.nanoTime() - t0) / 1e9;
    return s > 0 ? examples / s : Double.NaN;
  }
}
