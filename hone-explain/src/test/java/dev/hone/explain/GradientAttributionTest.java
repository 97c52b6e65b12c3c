package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.explain.IntegratedGradients.Options;
import dev.hone.explain.IntegratedGradients.Rule;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Saliency and Integrated Gradients against analytic oracles: a linear model ({@code φ_i = w_i (x_i
 * − x'_i)}, saliency {@code = w}), the product {@code x1·x2} ({@code φ = (x1x2/2, x1x2/2)} from
 * the zero baseline) and a logistic model with a finite-difference-checked gradient (completeness).
 */
class GradientAttributionTest {
  private static final List<Rule> RULES = List.of(Rule.GAUSS_LEGENDRE, Rule.TRAPEZOID);

  static DifferentiableFunction linear(double[] w, double b) {
    return DifferentiableFunction.ofRows(
        w.length, OutputSpace.VALUE, x -> dot(w, x) + b, x -> w.clone());
  }

  static DifferentiableFunction product() {
    return DifferentiableFunction.ofRows(
        2, OutputSpace.VALUE, x -> x[0] * x[1], x -> new double[] {x[1], x[0]});
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  static DifferentiableFunction logistic(double[] w) {
    return DifferentiableFunction.ofRows(
        w.length,
        OutputSpace.PROBABILITY,
        x -> sigmoid(dot(w, x)),
        x -> {
          double s = sigmoid(dot(w, x));
          double[] g = new double[w.length];
          for (int j = 0; j < g.length; j++) {
            g[j] = s * (1 - s) * w[j];
          }
          return g;
        });
  }

  /** Two outputs: {@code w·x} and {@code sigmoid(v·x)}, gradients given for both at once. */
  static DifferentiableFunction twoOutputs(double[] w, double[] v) {
    return new DifferentiableFunction() {
      @Override
      public int nFeatures() {
        return w.length;
      }

      @Override
      public int nOutputs() {
        return 2;
      }

      @Override
      public OutputSpace outputSpace() {
        return OutputSpace.MARGIN;
      }

      @Override
      public double[][] apply(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
          out[i] = new double[] {dot(w, x[i]), sigmoid(dot(v, x[i]))};
        }
        return out;
      }

      @Override
      public double[][][] gradient(double[][] x) {
        double[][][] out = new double[x.length][2][];
        for (int i = 0; i < x.length; i++) {
          double s = sigmoid(dot(v, x[i]));
          out[i][0] = w.clone();
          out[i][1] = new double[v.length];
          for (int j = 0; j < v.length; j++) {
            out[i][1][j] = s * (1 - s) * v[j];
          }
        }
        return out;
      }
    };
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }

  static double[][] rows(SplittableRandom rng, int n, int m, double scale) {
    double[][] x = new double[n][m];
    for (double[] r : x) {
      for (int j = 0; j < m; j++) {
        r[j] = (rng.nextDouble() * 2 - 1) * scale;
      }
    }
    return x;
  }

  @Test
  void linearModelGetsExactAttributionsAndSaliency() {
    SplittableRandom rng = new SplittableRandom(11);
    int m = 6;
    double[] w = rows(rng, 1, m, 3)[0];
    double[] base = rows(rng, 1, m, 2)[0];
    double[][] x = rows(rng, 25, m, 4);
    DifferentiableFunction f = linear(w, 0.7);
    for (Rule rule : RULES) {
      Explanation e =
          IntegratedGradients.withBaseline(f, TestFunctions.names(m), base, Options.defaults().withRule(rule))
              .explain(x, null)
              .get(0);
      for (int r = 0; r < x.length; r++) {
        for (int j = 0; j < m; j++) {
          assertEquals(w[j] * (x[r][j] - base[j]), e.values()[r][j], 1e-12, rule + " row " + r);
        }
        assertEquals(dot(w, base) + 0.7, e.baseValues()[r], 1e-12);
        assertEquals(dot(w, x[r]) + 0.7, e.predictions()[r], 1e-12);
      }
      assertTrue((double) e.parameters().get("completeness_delta_max") < 1e-12);
    }
    Explanation s = new Saliency(f, TestFunctions.names(m), null).explain(x, new int[] {3, 0}).get(0);
    Explanation abs = new Saliency(f, TestFunctions.names(m), Saliency.Mode.ABSOLUTE).explain(x, null).get(0);
    Explanation gxi =
        new Saliency(f, TestFunctions.names(m), Saliency.Mode.GRADIENT_TIMES_INPUT).explain(x, null).get(0);
    assertEquals(Saliency.METHOD, s.method());
    assertArrayEquals(new int[] {3, 0}, s.rows());
    assertArrayEquals(x[3], s.featureValues()[0], 0);
    assertEquals(dot(w, x[3]) + 0.7, s.predictions()[0], 1e-12);
    for (int r = 0; r < 2; r++) {
      assertArrayEquals(w, s.values()[r], 1e-12);
      assertTrue(Double.isNaN(s.baseValues()[r]));
    }
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < m; j++) {
        assertEquals(Math.abs(w[j]), abs.values()[r][j], 1e-12);
        assertEquals(w[j] * x[r][j], gxi.values()[r][j], 1e-12);
      }
    }
  }

  @Test
  void productFromZeroBaselineSplitsEvenly() {
    SplittableRandom rng = new SplittableRandom(5);
    double[][] x = rows(rng, 30, 2, 5);
    for (Rule rule : RULES) {
      for (int steps : new int[] {1, 3, 50}) {
        Explanation e =
            IntegratedGradients.withZeroBaseline(
                    product(), List.of("x1", "x2"), Options.defaults().withRule(rule).withSteps(steps))
                .explain(x, null)
                .get(0);
        for (int r = 0; r < x.length; r++) {
          double half = x[r][0] * x[r][1] / 2;
          assertEquals(half, e.values()[r][0], 1e-12, rule + " steps " + steps);
          assertEquals(half, e.values()[r][1], 1e-12, rule + " steps " + steps);
        }
      }
    }
  }

  @Test
  void logisticGradientMatchesFiniteDifferences() {
    SplittableRandom rng = new SplittableRandom(3);
    double[] w = rows(rng, 1, 5, 2)[0];
    DifferentiableFunction f = logistic(w);
    double[][] x = rows(rng, 20, 5, 2);
    double h = 1e-5;
    double[][] g = f.gradient(x, 0);
    for (int r = 0; r < x.length; r++) {
      for (int j = 0; j < 5; j++) {
        double[] up = x[r].clone();
        double[] down = x[r].clone();
        up[j] += h;
        down[j] -= h;
        double fd = (f.apply(new double[][] {up})[0][0] - f.apply(new double[][] {down})[0][0]) / (2 * h);
        assertEquals(fd, g[r][j], 1e-8, "row " + r + " feature " + j);
      }
    }
  }

  @Test
  void logisticCompletenessAtDefaultStepsAndReportedDeltaIsTheTrueGap() {
    SplittableRandom rng = new SplittableRandom(2024);
    int m = 5;
    double[] w = rows(rng, 1, m, 2)[0];
    double[] base = rows(rng, 1, m, 1)[0];
    double[][] x = rows(rng, 200, m, 3);
    Explanation e =
        IntegratedGradients.withBaseline(logistic(w), TestFunctions.names(m), base, null)
            .explain(x, null)
            .get(0);
    double[] delta = (double[]) e.parameters().get("completeness_delta");
    double worst = 0;
    for (int r = 0; r < x.length; r++) {
      double sum = 0;
      for (double v : e.values()[r]) {
        sum += v;
      }
      double trueGap = sum - (sigmoid(dot(w, x[r])) - sigmoid(dot(w, base)));
      assertTrue(Math.abs(trueGap) <= 1e-6, "row " + r + " completeness gap " + trueGap);
      assertEquals(trueGap, delta[r], 1e-12, "reported delta of row " + r);
      assertEquals(trueGap, e.efficiencyGap(r), 1e-12);
      worst = Math.max(worst, Math.abs(trueGap));
    }
    assertEquals(worst, (double) e.parameters().get("completeness_delta_max"), 0);
    String json = dev.hone.core.json.Json.write(e);
    assertTrue(json.contains("completeness_delta_max") && json.contains("integrated-gradients"), json);
    String saliency =
        dev.hone.core.json.Json.write(new Saliency(logistic(w), TestFunctions.names(m), null).explain(x, new int[] {0}).get(0));
    assertTrue(saliency.contains("NaN"), saliency);
  }

  @Test
  void adaptiveRefinementDoublesStepsUntilTolerance() {
    SplittableRandom rng = new SplittableRandom(8);
    int m = 4;
    double[] w = rows(rng, 1, m, 3)[0];
    double[][] x = rows(rng, 40, m, 3);
    Options coarse = Options.defaults().withRule(Rule.TRAPEZOID).withSteps(4);
    Explanation plain =
        IntegratedGradients.withZeroBaseline(logistic(w), TestFunctions.names(m), coarse).explain(x, null).get(0);
    assertTrue((double) plain.parameters().get("completeness_delta_max") > 1e-4);

    Explanation refined =
        IntegratedGradients.withZeroBaseline(
                logistic(w), TestFunctions.names(m), coarse.withTolerance(1e-6, 4096))
            .explain(x, null)
            .get(0);
    for (int r = 0; r < x.length; r++) {
      double gap = refined.predictions()[r] - refined.baseValues()[r];
      assertTrue(Math.abs(refined.efficiencyGap(r)) <= 1e-6 * Math.max(1, Math.abs(gap)), "row " + r);
    }
    assertEquals(0, refined.parameters().get("rows_not_converged"));
    assertTrue((int) refined.parameters().get("steps_used_max") > 4);

    Explanation capped =
        IntegratedGradients.withZeroBaseline(
                logistic(w), TestFunctions.names(m), coarse.withTolerance(1e-12, 8))
            .explain(x, null)
            .get(0);
    assertTrue((int) capped.parameters().get("rows_not_converged") > 0);
    assertEquals(8, capped.parameters().get("steps_used_max"));
  }

  @Test
  void resultDoesNotDependOnBatchSize() {
    SplittableRandom rng = new SplittableRandom(17);
    int m = 3;
    double[] w = rows(rng, 1, m, 2)[0];
    double[] v = rows(rng, 1, m, 2)[0];
    double[][] x = rows(rng, 23, m, 3);
    double[][] bg = rows(rng, 10, m, 1);
    Background background = Background.of(bg);
    for (Options base :
        List.of(Options.defaults(), Options.defaults().withRule(Rule.TRAPEZOID).withSteps(5).withTolerance(1e-7, 640))) {
      List<Explanation> ref =
          IntegratedGradients.withBackgroundMean(twoOutputs(w, v), TestFunctions.names(m), background, base.withBatchSize(64))
              .explain(x, null);
      assertEquals(2, ref.size());
      for (int b : new int[] {1, 7}) {
        List<Explanation> other =
            IntegratedGradients.withBackgroundMean(twoOutputs(w, v), TestFunctions.names(m), background, base.withBatchSize(b))
                .explain(x, null);
        for (int o = 0; o < 2; o++) {
          for (int r = 0; r < x.length; r++) {
            assertArrayEquals(ref.get(o).values()[r], other.get(o).values()[r], 1e-12, "batch " + b);
          }
        }
      }
    }
    double[] mean = IntegratedGradients.withBackgroundMean(twoOutputs(w, v), TestFunctions.names(m), background, null).baseline();
    for (int j = 0; j < m; j++) {
      double s = 0;
      for (double[] r : bg) {
        s += r[j];
      }
      assertEquals(s / bg.length, mean[j], 1e-12);
    }
  }

  @Test
  void gaussLegendreIntegratesPolynomialsExactly() {
    for (int n : new int[] {1, 2, 5, 50}) {
      IntegratedGradients.Quadrature q = IntegratedGradients.quadrature(Rule.GAUSS_LEGENDRE, n);
      for (int k = 0; k < Math.min(2 * n, 20); k++) {
        double s = 0;
        for (int i = 0; i < n; i++) {
          s += q.weights()[i] * Math.pow(q.nodes()[i], k);
        }
        assertEquals(1.0 / (k + 1), s, 1e-13, "n " + n + " degree " + k);
      }
    }
  }

  @Test
  void badArgumentsAreRejectedWithClearMessages() {
    DifferentiableFunction f = linear(new double[] {1, 2}, 0);
    List<String> names = List.of("a", "b");
    assertMessage(InvalidParameterException.class, "steps", () -> Options.defaults().withSteps(0));
    assertMessage(InvalidParameterException.class, "batchSize", () -> Options.defaults().withBatchSize(0));
    assertMessage(InvalidParameterException.class, "tolerance", () -> Options.defaults().withTolerance(-1, 100));
    assertMessage(InvalidParameterException.class, "maxSteps", () -> Options.defaults().withTolerance(1e-6, 10));
    assertMessage(IllegalArgumentException.class, "baseline", () -> IntegratedGradients.withBaseline(f, names, new double[3], null));
    assertMessage(InvalidParameterException.class, "baseline", () -> IntegratedGradients.withBaseline(f, names, new double[] {0, Double.NaN}, null));
    assertMessage(IllegalArgumentException.class, "feature count", () -> IntegratedGradients.withZeroBaseline(f, List.of("a"), null));
    assertMessage(IllegalArgumentException.class, "feature count", () -> new Saliency(f, List.of("a", "b", "c"), null));
    IntegratedGradients ig = IntegratedGradients.withZeroBaseline(f, names, null);
    assertMessage(IllegalArgumentException.class, "row 1", () -> ig.explain(new double[][] {{1, 2}, {1}}, null));
    assertMessage(InvalidParameterException.class, "column 1", () -> ig.explain(new double[][] {{1, Double.NaN}}, null));
    assertMessage(IllegalArgumentException.class, "out of range", () -> ig.explain(new double[][] {{1, 2}}, new int[] {1}));
    assertMessage(InvalidParameterException.class, "impute", () -> new Saliency(f, names, null).explain(new double[][] {{Double.NaN, 1}}, null));
    assertMessage(IllegalArgumentException.class, "output 1", () -> f.gradient(new double[][] {{1, 2}}, 1));
  }

  private static void assertMessage(Class<? extends Throwable> type, String part, org.junit.jupiter.api.function.Executable call) {
    Throwable t = assertThrows(type, call);
    assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' should mention " + part);
  }
}
