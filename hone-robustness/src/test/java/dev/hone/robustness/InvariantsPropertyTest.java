package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded property loops: every example every attack returns keeps held features (immutable,
 * one-hot, missing) bit-identical, stays in each feature's range and within ε of the clean row in
 * the attack's norm and units (to 1e-12). Checked here with the test's own arithmetic, independent
 * of {@link Invariants}.
 */
class InvariantsPropertyTest {

  /** A tabular-like setting: numeric columns, an immutable one, a one-hot block, missing cells. */
  record Setting(PerturbationDomain domain, double[][] x, double[] y, TinyMlp model) {}

  static Setting setting(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int numeric = 2 + r.nextInt(4);
    int levels = 2 + r.nextInt(3);
    int d = numeric + levels;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < numeric; j++) {
      names.add("num" + j);
    }
    for (int k = 0; k < levels; k++) {
      names.add("cat=" + k);
    }
    int n = 40;
    double[][] train = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < numeric; j++) {
        train[i][j] = (r.nextDouble() - 0.3) * (j + 1) * 10;
      }
      train[i][numeric + r.nextInt(levels)] = 1;
    }
    java.util.Map<String, String> held = new java.util.LinkedHashMap<>();
    held.put("num0", "immutable");
    for (int k = 0; k < levels; k++) {
      held.put("cat=" + k, "one-hot of categorical 'cat'");
    }
    PerturbationDomain dom = PerturbationDomain.fromTraining(train, names, held);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = train[i].clone();
      if (r.nextDouble() < 0.15) {
        x[i][1 + r.nextInt(numeric - 1)] = Double.NaN; // missing: must stay missing
      }
      y[i] = r.nextInt(2);
    }
    // an MLP that ignores NaN is not needed: replace NaN by 0 inside the model input copy
    TinyMlp mlp = new TinyMlp(d, 5, 2, seed) {
      @Override
      public double[][] lossGradient(double[][] xs, double[] ys) {
        return super.lossGradient(noNan(xs), ys);
      }

      @Override
      public dev.hone.core.model.Predictions predictRows(double[][] xs) {
        return super.predictRows(noNan(xs));
      }
    };
    return new Setting(dom, x, y, mlp);
  }

  static double[][] noNan(double[][] xs) {
    double[][] out = new double[xs.length][];
    for (int i = 0; i < xs.length; i++) {
      out[i] = xs[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        if (Double.isNaN(out[i][j])) {
          out[i][j] = 0;
        }
      }
    }
    return out;
  }

  static void assertInvariants(
      Setting s, AttackResult res, Norm norm, double eps, String what) {
    PerturbationDomain d = s.domain();
    for (int i = 0; i < s.x().length; i++) {
      double[] x = s.x()[i];
      double[] a = res.adversarial()[i];
      double acc = 0;
      for (int j = 0; j < x.length; j++) {
        boolean held = !d.mutable(j) || Double.isNaN(x[j]);
        if (held) {
          assertEquals(
              Double.doubleToRawLongBits(x[j]), Double.doubleToRawLongBits(a[j]),
              what + ": held feature " + d.names().get(j) + " changed in row " + i);
          continue;
        }
        assertTrue(a[j] >= d.lower(j) && a[j] <= d.upper(j), what + ": range, row " + i);
        double z = Math.abs(a[j] - x[j]) / d.scale(j);
        acc = norm == Norm.LINF ? Math.max(acc, z) : acc + z * z;
      }
      double len = norm == Norm.LINF ? acc : Math.sqrt(acc);
      assertTrue(len <= eps + 1e-12 * Math.max(1, eps), what + ": norm " + len + " > " + eps);
    }
  }

  @Test
  void everyReturnedExampleRespectsTheDomainAndTheBudget() {
    for (int seed = 0; seed < 25; seed++) {
      Setting s = setting(seed);
      SplittableRandom r = new SplittableRandom(seed);
      for (Norm norm : Norm.values()) {
        double eps = r.nextDouble() * 3;
        int[] yi = RobustAccuracy.toInt(s.y());
        assertInvariants(s, GradientAttack.fgsm(norm, eps).generate(s.model(), s.domain(), s.x(), s.y()), norm, eps, "fgsm");
        assertInvariants(
            s, GradientAttack.pgd(norm, eps, 7, seed).withRandomInit(3).generate(s.model(), s.domain(), s.x(), s.y()),
            norm, eps, "pgd");
        assertInvariants(
            s, GradientAttack.pgd(norm, eps, 7, seed).withTargeted(true).generate(s.model(), s.domain(), s.x(), s.y()),
            norm, eps, "pgd targeted");
        for (NoiseAttack.Kind k : NoiseAttack.Kind.values()) {
          assertInvariants(
              s, new NoiseAttack(k, norm, eps, 3, seed).generate(Classifier.of(s.model()), s.domain(), s.x(), yi),
              norm, eps, "noise " + k);
        }
        AttackResult h =
            HopSkipJump.defaults(norm, seed).withMaxIter(3)
                .generate(Classifier.of(s.model()), s.domain(), s.x(), yi);
        for (int i = 0; i < s.x().length; i++) {
          double dist = h.norm()[i];
          Setting one = new Setting(s.domain(), new double[][] {s.x()[i]}, new double[] {s.y()[i]}, s.model());
          assertInvariants(
              one,
              new AttackResult(new double[][] {h.adversarial()[i]}, new double[] {dist}, new boolean[] {h.success()[i]}, new int[] {h.predicted()[i]}, 0),
              norm, Double.isFinite(dist) ? dist : 0, "hopskipjump");
          if (h.success()[i]) {
            assertTrue(s.model().predictRows(new double[][] {h.adversarial()[i]}).predictedClasses()[0] != (int) s.y()[i]);
          }
        }
      }
    }
  }

  @Test
  void invariantCheckCatchesViolations() {
    PerturbationDomain d =
        PerturbationDomain.fromTraining(
            new double[][] {{0, 0, 1}, {2, 4, 0}}, List.of("a", "b", "c=x"),
            java.util.Map.of("c=x", "one-hot"));
    double[] x = {1, 2, 1};
    assertThrows(IllegalStateException.class, () -> Invariants.check(d, x, new double[] {1, 2, 0}, Norm.LINF, 1));
    assertThrows(IllegalStateException.class, () -> Invariants.check(d, x, new double[] {2.5, 2, 1}, Norm.LINF, 5));
    // a moves by 1 = one standard deviation of {0, 2}; b by 1 = half of its std 2
    assertEquals(1, Invariants.check(d, x, new double[] {2, 3, 1}, Norm.LINF, 1), 1e-15);
    assertThrows(IllegalStateException.class, () -> Invariants.check(d, x, new double[] {2, 3, 1}, Norm.L2, 1));
    assertEquals(Math.sqrt(1.25), Invariants.check(d, x, new double[] {2, 3, 1}, Norm.L2, 2), 1e-15);
  }

  @Test
  void trainingDomainUsesPopulationStdAndMinMax() {
    // values 1, 2, 3, 4 (one missing): mean 2.5, population variance 1.25 (numpy.std, ddof=0)
    double[][] t = {{1, 5}, {2, 5}, {Double.NaN, 5}, {3, 5}, {4, 5}};
    PerturbationDomain d = PerturbationDomain.fromTraining(t, List.of("v", "const"), java.util.Map.of());
    assertEquals(Math.sqrt(1.25), d.scale(0), 1e-15);
    assertEquals(1, d.lower(0));
    assertEquals(4, d.upper(0));
    assertTrue(d.mutable(0));
    assertTrue(!d.mutable(1));
    assertEquals("constant in training", d.budget().get(1).note());
    assertThrows(
        dev.hone.core.error.InvalidParameterException.class,
        () -> PerturbationDomain.fromTraining(t, List.of("v", "const"), java.util.Map.of("nope", "x")));
  }
}
