package dev.hone.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * HopSkipJump against a linear decision boundary, where the closest adversarial point is known:
 * in scaled units the L2 distance to the hyperplane {@code w·x + b = 0} is {@code |m| / ‖w∘s‖₂} and
 * the L∞ distance is {@code |m| / ‖w∘s‖₁} (oracle: closed form). The attack can never beat these
 * (a check that its points really are adversarial) and must come within the stated tolerance.
 */
class HopSkipJumpTest {

  @Test
  void findsTheClosestPointOfALinearBoundary() {
    for (Norm norm : Norm.values()) {
      SplittableRandom r = new SplittableRandom(norm == Norm.L2 ? 21 : 22);
      int d = 8;
      double[] w = new double[d];
      double[] s = new double[d];
      for (int j = 0; j < d; j++) {
        w[j] = r.nextDouble() * 4 - 2;
        s[j] = 0.5 + r.nextDouble();
      }
      LogisticModel m = new LogisticModel(w, 0.2);
      int n = 12;
      double[][] x = new double[n][d];
      int[] y = new int[n];
      double[] analytic = new double[n];
      double l1 = 0;
      double l2 = 0;
      for (int j = 0; j < d; j++) {
        l1 += Math.abs(w[j] * s[j]);
        l2 += w[j] * s[j] * w[j] * s[j];
      }
      l2 = Math.sqrt(l2);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          x[i][j] = r.nextDouble() * 2 - 1;
        }
        double mg = m.margin(x[i]);
        y[i] = mg > 0 ? 1 : 0;
        analytic[i] = Math.abs(mg) / (norm == Norm.L2 ? l2 : l1);
      }
      AttackResult res =
          HopSkipJump.defaults(norm, 7)
              .generate(Classifier.of(m), GradientAttackTest.wide(s), x, y);
      double tol = 0.01; // observed: at most 5e-4 (L2) and 4e-6 (L∞) above the optimum
      for (int i = 0; i < n; i++) {
        assertTrue(res.success()[i], norm + " row " + i);
        assertNotEquals(y[i], res.predicted()[i]);
        assertTrue(res.norm()[i] >= analytic[i] * (1 - 1e-9), norm + " row " + i + " beat the optimum");
        assertTrue(
            res.norm()[i] <= analytic[i] * (1 + tol),
            norm + " row " + i + ": " + res.norm()[i] + " vs analytic " + analytic[i]);
      }
    }
  }

  @Test
  void budgetedCurveCountsRowsWithinEps() {
    boolean[] correct = {true, true, true, false};
    double[] dist = {0.1, 0.5, Double.POSITIVE_INFINITY, 0};
    RobustnessCurve c =
        RobustAccuracy.fromDistances(
            "hopskipjump", Norm.LINF, "u", correct, dist, new double[] {0, 0.1, 0.4, 1}, 1);
    assertEquals(0.75, c.points().get(0).accuracy());
    assertEquals(0.5, c.points().get(1).accuracy());
    assertEquals(0.5, c.points().get(2).accuracy());
    assertEquals(0.25, c.points().get(3).accuracy());
    assertEquals(2.0 / 3, c.points().get(3).successRate(), 1e-15);
  }

  @Test
  void sameSeedSameResult() {
    LogisticModel m = new LogisticModel(new double[] {1, -1, 0.5}, 0.1);
    double[][] x = {{0.3, 0.1, 0.2}, {-0.4, 0.2, 0.1}};
    int[] y = {1, 0};
    PerturbationDomain dom = PerturbationDomain.uniform(3, -1, 1);
    HopSkipJump a = HopSkipJump.defaults(Norm.L2, 3).withMaxIter(5);
    AttackResult r1 = a.generate(Classifier.of(m), dom, x, y);
    AttackResult r2 = a.generate(Classifier.of(m), dom, x, y);
    for (int i = 0; i < 2; i++) {
      assertEquals(r1.norm()[i], r2.norm()[i], 0.0);
    }
  }

  @Test
  void aRowWithNoReachableAdversarialIsReportedAsNotFlipped() {
    // the model is constant over the box: nothing flips it
    Classifier constant = x -> {
      double[][] p = new double[x.length][];
      for (int i = 0; i < x.length; i++) {
        p[i] = new double[] {0.9, 0.1};
      }
      return p;
    };
    AttackResult r =
        HopSkipJump.defaults(Norm.LINF, 1)
            .generate(constant, PerturbationDomain.uniform(2, 0, 1), new double[][] {{0.5, 0.5}}, new int[] {0});
    assertFalse(r.success()[0]);
    assertEquals(Double.POSITIVE_INFINITY, r.norm()[0]);
    assertEquals(0.5, r.adversarial()[0][0]);
  }
}
