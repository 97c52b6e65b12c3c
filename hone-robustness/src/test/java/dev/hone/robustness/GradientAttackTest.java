package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FGSM and PGD against analytic values of a logistic model (oracle: closed forms). */
class GradientAttackTest {

  static PerturbationDomain wide(double[] scale) {
    int d = scale.length;
    List<String> names = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      names.add("f" + j);
    }
    double[] lo = new double[d];
    double[] hi = new double[d];
    boolean[] m = new boolean[d];
    Arrays.fill(lo, -1e6);
    Arrays.fill(hi, 1e6);
    Arrays.fill(m, true);
    return new PerturbationDomain(names, scale, lo, hi, m, null);
  }

  @Test
  void fgsmLinfIsEpsTimesSignOfGradientAndMovesTheMarginByEpsL1() {
    SplittableRandom r = new SplittableRandom(11);
    for (int rep = 0; rep < 50; rep++) {
      int d = 2 + r.nextInt(8);
      double[] w = new double[d];
      double[] s = new double[d];
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = r.nextDouble() * 4 - 2;
        s[j] = 0.1 + r.nextDouble() * 3;
        x[j] = r.nextDouble() * 10 - 5;
      }
      LogisticModel m = new LogisticModel(w, r.nextDouble() - 0.5);
      double y = m.margin(x) > 0 ? 1 : 0;
      double eps = 0.01 + r.nextDouble();
      AttackResult res =
          GradientAttack.fgsm(Norm.LINF, eps).generate(m, wide(s), new double[][] {x}, new double[] {y});
      double[] adv = res.adversarial()[0];
      double l1 = 0;
      for (int j = 0; j < d; j++) {
        // gradient of the loss is (σ − y)·w: its sign is sign(w) for y = 0 and −sign(w) for y = 1
        double expected = x[j] + eps * s[j] * Math.signum(w[j]) * (y == 0 ? 1 : -1);
        assertEquals(expected, adv[j], 1e-12 * Math.max(1, Math.abs(expected)), "coordinate " + j);
        l1 += Math.abs(w[j]) * s[j];
      }
      double change = Math.abs(m.margin(adv) - m.margin(x));
      assertEquals(eps * l1, change, 1e-9 * Math.max(1, eps * l1));
      assertEquals(eps, res.norm()[0], 1e-12);
    }
  }

  @Test
  void fgsmL2MovesAlongTheScaledGradientByEpsL2() {
    SplittableRandom r = new SplittableRandom(12);
    for (int rep = 0; rep < 50; rep++) {
      int d = 2 + r.nextInt(8);
      double[] w = new double[d];
      double[] s = new double[d];
      double[] x = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = r.nextDouble() * 4 - 2;
        s[j] = 0.1 + r.nextDouble() * 3;
        x[j] = r.nextDouble() * 10 - 5;
      }
      LogisticModel m = new LogisticModel(w, 0.3);
      double y = m.margin(x) > 0 ? 1 : 0;
      double eps = 0.01 + r.nextDouble();
      AttackResult res =
          GradientAttack.fgsm(Norm.L2, eps).generate(m, wide(s), new double[][] {x}, new double[] {y});
      double ws = 0;
      for (int j = 0; j < d; j++) {
        ws += w[j] * s[j] * w[j] * s[j];
      }
      ws = Math.sqrt(ws);
      for (int j = 0; j < d; j++) {
        double expected = x[j] + (y == 0 ? 1 : -1) * eps * w[j] * s[j] / ws * s[j];
        assertEquals(expected, res.adversarial()[0][j], 1e-12 * Math.max(1, Math.abs(expected)));
      }
      assertEquals(eps * ws, Math.abs(m.margin(res.adversarial()[0]) - m.margin(x)), 1e-9);
      assertEquals(eps, res.norm()[0], 1e-12);
    }
  }

  @Test
  void l2ProjectionIsTheExactRadialProjection() {
    SplittableRandom r = new SplittableRandom(13);
    for (int rep = 0; rep < 200; rep++) {
      int d = 1 + r.nextInt(10);
      double[] s = new double[d];
      double[] x = new double[d];
      double[] p = new double[d];
      for (int j = 0; j < d; j++) {
        s[j] = 0.1 + r.nextDouble() * 3;
        x[j] = r.nextDouble() * 10 - 5;
        p[j] = x[j] + (r.nextDouble() * 8 - 4) * s[j];
      }
      PerturbationDomain dom = wide(s);
      double eps = 0.05 + r.nextDouble() * 2;
      double[] z = dom.scaledDelta(x, p);
      double len = Norm.L2.of(z);
      double[] proj = p.clone();
      Attacks.project(dom, x, proj, Norm.L2, eps);
      for (int j = 0; j < d; j++) {
        double expected = len <= eps ? p[j] : x[j] + z[j] * eps / len * s[j];
        assertEquals(expected, proj[j], 1e-12 * Math.max(1, Math.abs(expected)));
      }
      assertTrue(Norm.L2.of(dom.scaledDelta(x, proj)) <= eps + Invariants.TOLERANCE);
    }
  }

  @Test
  void pgdOnALinearModelReachesTheOptimalMargin() {
    // for a linear margin the best L∞ (L2) perturbation moves it by ε‖w∘s‖₁ (ε‖w∘s‖₂)
    SplittableRandom r = new SplittableRandom(14);
    for (Norm norm : Norm.values()) {
      for (int rep = 0; rep < 20; rep++) {
        int d = 3 + r.nextInt(5);
        double[] w = new double[d];
        double[] s = new double[d];
        double[] x = new double[d];
        for (int j = 0; j < d; j++) {
          w[j] = r.nextDouble() * 4 - 2;
          s[j] = 0.5 + r.nextDouble();
          x[j] = r.nextDouble() * 2 - 1;
        }
        LogisticModel m = new LogisticModel(w, 0);
        double y = m.margin(x) > 0 ? 1 : 0;
        double eps = 0.2;
        AttackResult res =
            new GradientAttack(norm, eps, eps / 4, 100, 1, false, 5)
                .generate(m, wide(s), new double[][] {x}, new double[] {y});
        double opt = 0;
        for (int j = 0; j < d; j++) {
          opt += norm == Norm.LINF ? Math.abs(w[j]) * s[j] : w[j] * s[j] * w[j] * s[j];
        }
        opt = eps * (norm == Norm.LINF ? opt : Math.sqrt(opt));
        double change = (m.margin(res.adversarial()[0]) - m.margin(x)) * (y == 0 ? 1 : -1);
        // L∞: the corner is reached exactly; L2: radial projection from a random start converges
        // to the optimum from below (100 steps of ε/4 shrink the orthogonal part below 1e-8 of ε); never above it
        assertEquals(opt, change, (norm == Norm.LINF ? 1e-9 : 1e-6) * opt, norm + " rep " + rep);
        assertTrue(change <= opt * (1 + 1e-12), norm + " rep " + rep);
      }
    }
  }

  @Test
  void pgdIsAtLeastAsStrongAsFgsmAtEveryEps() {
    double[] grid = {0, 0.05, 0.1, 0.2, 0.3, 0.5};
    for (int seed = 0; seed < 12; seed++) {
      SplittableRandom r = new SplittableRandom(100 + seed);
      int d = 4 + r.nextInt(5);
      int n = 150;
      double[][] x = new double[n][d];
      double[] y = new double[n];
      double[] wTrue = new double[d];
      for (int j = 0; j < d; j++) {
        wTrue[j] = r.nextDouble() * 2 - 1;
      }
      for (int i = 0; i < n; i++) {
        double m = 0;
        for (int j = 0; j < d; j++) {
          x[i][j] = r.nextDouble();
          m += wTrue[j] * (x[i][j] - 0.5) + 0.3 * Math.sin(4 * x[i][j]) * (j % 2 == 0 ? 1 : -1);
        }
        y[i] = m > 0 ? 1 : 0;
      }
      TinyMlp mlp = new TinyMlp(d, 8, 2, seed);
      mlp.train(x, y, 60, 16, 0.5, seed);
      PerturbationDomain dom = PerturbationDomain.uniform(d, 0, 1);
      RobustnessCurve f = RobustAccuracy.gradient(mlp, dom, x, y, GradientAttack.fgsm(Norm.LINF, 0.1), grid, "u");
      RobustnessCurve p =
          RobustAccuracy.gradient(mlp, dom, x, y, GradientAttack.pgd(Norm.LINF, 0.1, 20, seed).withRandomInit(2), grid, "u");
      for (int e = 0; e < grid.length; e++) {
        assertTrue(
            p.points().get(e).accuracy() <= f.points().get(e).accuracy(),
            "seed " + seed + " eps " + grid[e] + ": PGD " + p.points().get(e).accuracy()
                + " vs FGSM " + f.points().get(e).accuracy());
      }
      assertEquals(f.points().get(0).accuracy(), p.points().get(0).accuracy(), 0.0);
      assertTrue(p.points().get(grid.length - 1).accuracy() < f.points().get(0).accuracy(),
          "the attack must lower accuracy at the largest eps (seed " + seed + ")");
    }
  }

  @Test
  void restartsKeepEachRowsMostDamagingSuccessfulPerturbation() {
    SplittableRandom r = new SplittableRandom(15);
    int d = 6;
    int n = 80;
    double[][] x = new double[n][d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i][j] = r.nextDouble();
      }
      y[i] = x[i][0] + x[i][1] * x[i][2] > 0.8 ? 1 : 0;
    }
    TinyMlp mlp = new TinyMlp(d, 6, 2, 3);
    mlp.train(x, y, 40, 16, 0.5, 3);
    PerturbationDomain dom = PerturbationDomain.uniform(d, 0, 1);
    GradientAttack one = GradientAttack.pgd(Norm.L2, 0.15, 5, 9).withRandomInit(1);
    GradientAttack five = one.withRandomInit(5);
    AttackResult a = one.generate(mlp, dom, x, y);
    AttackResult b = five.generate(mlp, dom, x, y);
    double[][] pa = mlp.predictRows(a.adversarial()).probabilities();
    double[][] pb = mlp.predictRows(b.adversarial()).probabilities();
    for (int i = 0; i < n; i++) {
      // restart 0 of `five` is `one`; later restarts only replace it by something at least as bad
      assertTrue(!a.success()[i] || b.success()[i], "row " + i + " lost its success");
      if (a.success()[i] == b.success()[i]) {
        assertTrue(pb[i][(int) y[i]] <= pa[i][(int) y[i]] + 1e-15, "row " + i);
      }
    }
  }

  @Test
  void targetedFgsmDescendsTheTargetLoss() {
    LogisticModel m = new LogisticModel(new double[] {1, -2}, 0);
    double[] x = {0.1, 0.2}; // margin −0.3: class 0; target class 1
    AttackResult res =
        GradientAttack.fgsm(Norm.LINF, 0.2).withTargeted(true)
            .generate(m, wide(new double[] {1, 1}), new double[][] {x}, new double[] {1});
    assertEquals(0.3, res.adversarial()[0][0], 1e-15);
    assertEquals(0.0, res.adversarial()[0][1], 1e-15);
    assertTrue(res.success()[0]);
  }

  @Test
  void rowsOutsideTheRangeAreRejectedWithTheFeatureNamed() {
    LogisticModel m = new LogisticModel(new double[] {1, 1}, 0);
    PerturbationDomain dom = PerturbationDomain.uniform(2, 0, 1);
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> GradientAttack.fgsm(Norm.LINF, 0.1)
                .generate(m, dom, new double[][] {{0.5, 0.5}, {0.2, 1.5}}, new double[] {1, 1}));
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'x1'"), e.getMessage());
    assertThrows(
        DataValidationException.class,
        () -> new NoiseAttack(NoiseAttack.Kind.UNIFORM, Norm.LINF, 0.1, 1, 1)
            .generate(Classifier.of(m), dom, new double[][] {{-0.01, 0.5}}, new int[] {1}));
    assertThrows(
        DataValidationException.class,
        () -> HopSkipJump.defaults(Norm.L2, 1)
            .generate(Classifier.of(m), dom, new double[][] {{0.5, 1.0000001}}, new int[] {1}));
  }

  @Test
  void minimalEpsilonByBisectionMatchesTheAnalyticDistance() {
    // FGSM L∞ moves a linear margin by ε‖w∘s‖₁: it flips exactly when ε > |m| / ‖w∘s‖₁
    SplittableRandom r = new SplittableRandom(16);
    for (int rep = 0; rep < 30; rep++) {
      int d = 2 + r.nextInt(6);
      double[] w = new double[d];
      double[] s = new double[d];
      double[] x = new double[d];
      double l1 = 0;
      for (int j = 0; j < d; j++) {
        w[j] = r.nextDouble() * 4 - 2;
        s[j] = 0.2 + r.nextDouble();
        x[j] = r.nextDouble() * 2 - 1;
        l1 += Math.abs(w[j]) * s[j];
      }
      LogisticModel m = new LogisticModel(w, 0.1);
      double margin = m.margin(x);
      double y = margin > 0 ? 1 : 0;
      PerturbationDomain dom = wide(s);
      double found =
          MinimalEpsilon.bisect(
              e -> GradientAttack.fgsm(Norm.LINF, e)
                  .generate(m, dom, new double[][] {x}, new double[] {y}).success()[0],
              10, 1e-9);
      double analytic = Math.abs(margin) / l1;
      if (analytic > 10) {
        assertEquals(Double.POSITIVE_INFINITY, found);
      } else {
        assertEquals(analytic, found, 2e-9, "rep " + rep);
        assertTrue(found >= analytic);
      }
    }
    assertFalse(Double.isFinite(MinimalEpsilon.bisect(e -> false, 1, 0.1)));
  }
}
