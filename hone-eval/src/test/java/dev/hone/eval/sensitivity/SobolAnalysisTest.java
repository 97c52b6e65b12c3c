package dev.hone.eval.sensitivity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link SobolAnalysis} against analytic indices: the Ishigami function (values from {@code
 * make_reference.py}, which derives them in closed form and checks them by quadrature) at the
 * default sample size, and linear models, whose indices are {@code w_i² var_i / Σ_j w_j² var_j}
 * for independent inputs.
 */
class SobolAnalysisTest {
  /** Tolerance on every Ishigami index at the default N (the documented accuracy). */
  static final double ISHIGAMI_TOL = 0.02;

  static final ModelFunction ISHIGAMI =
      rows -> {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
          double[] x = rows[i];
          double x3 = x[2] * x[2];
          out[i] = Math.sin(x[0]) + 7.0 * Math.pow(Math.sin(x[1]), 2) + 0.1 * x3 * x3 * Math.sin(x[0]);
        }
        return out;
      };

  private static JsonNode reference;

  static synchronized JsonNode reference() {
    if (reference != null) {
      return reference;
    }
    try (InputStream in = SobolAnalysisTest.class.getResourceAsStream("reference_sensitivity.json")) {
      if (in == null) {
        fail("resource dev/hone/eval/sensitivity/reference_sensitivity.json is missing: run"
            + " make_reference.py");
      }
      reference = Json.mapper().readTree(in);
      return reference;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void assertIshigami(SobolResult r, String what) {
    JsonNode ref = reference().get("ishigami");
    for (int i = 0; i < 3; i++) {
      double s1 = ref.get("first_order").get(i).doubleValue();
      double st = ref.get("total").get(i).doubleValue();
      SobolIndex idx = r.indices().get(i);
      assertEquals(s1, idx.firstOrder(), ISHIGAMI_TOL, what + " S" + (i + 1));
      assertEquals(st, idx.total(), ISHIGAMI_TOL, what + " ST" + (i + 1));
    }
  }

  @Test
  void ishigamiAtTheDefaultSampleSize() {
    Marginals box =
        Marginals.uniform(
            new double[] {-Math.PI, -Math.PI, -Math.PI},
            new double[] {Math.PI, Math.PI, Math.PI},
            List.of("x1", "x2", "x3"));
    for (long seed = 1; seed <= 3; seed++) {
      SobolAnalysis.Options o = SobolAnalysis.Options.defaults(seed);
      assertEquals(4096, o.baseSamples(), "the documented default");
      SobolResult r = SobolAnalysis.analyze(ISHIGAMI, box, o);
      assertIshigami(r, "seed " + seed);
      assertEquals(4096L * 5, r.modelEvaluations());
      JsonNode ref = reference().get("ishigami");
      assertEquals(ref.get("variance").doubleValue(), r.outputVariance(), 0.2);
      // the (conservative) bootstrap intervals cover the analytic values
      for (int i = 0; i < 3; i++) {
        SobolIndex idx = r.indices().get(i);
        double st = ref.get("total").get(i).doubleValue();
        assertTrue(idx.totalLower() <= st && st <= idx.totalUpper(), "ST interval " + idx);
        assertTrue(idx.firstOrderLower() <= idx.firstOrder()
            && idx.firstOrder() <= idx.firstOrderUpper(), "S1 interval " + idx);
      }
    }
  }

  @Test
  void ishigamiWithEmpiricalMarginalsOfTrainingData() {
    SplittableRandom rng = new SplittableRandom(5);
    int n = 20000;
    float[] data = new float[n * 3];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (-Math.PI + 2 * Math.PI * rng.nextDouble());
    }
    FeatureMatrix train = new FeatureMatrix(data, n, List.of("x1", "x2", "x3"));
    SobolResult r =
        SobolAnalysis.analyze(ISHIGAMI, Marginals.empirical(train), SobolAnalysis.Options.defaults(9));
    assertIshigami(r, "empirical marginals");
  }

  /** A training matrix with columns of different scales, a discrete one and a constant one. */
  private static FeatureMatrix linearTrain(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] names = {"u", "big", "levels", "constant", "skewed"};
    float[] data = new float[n * names.length];
    for (int i = 0; i < n; i++) {
      data[i * 5] = (float) rng.nextDouble();
      data[i * 5 + 1] = (float) (1000 + 50 * rng.nextDouble());
      data[i * 5 + 2] = rng.nextInt(3);
      data[i * 5 + 3] = 4.5f;
      data[i * 5 + 4] = (float) -Math.log(1 - rng.nextDouble());
    }
    return new FeatureMatrix(data, n, List.of(names));
  }

  private static double[] linearOracle(FeatureMatrix train, double[] w) {
    int p = train.nCols();
    double[] contrib = new double[p];
    double sum = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (int i = 0; i < train.nRows(); i++) {
        mean += train.get(i, j);
      }
      mean /= train.nRows();
      double var = 0;
      for (int i = 0; i < train.nRows(); i++) {
        double d = train.get(i, j) - mean;
        var += d * d;
      }
      var /= train.nRows();
      contrib[j] = w[j] * w[j] * var;
      sum += contrib[j];
    }
    for (int j = 0; j < p; j++) {
      contrib[j] /= sum;
    }
    return contrib;
  }

  @Test
  void linearModelMatchesTheAnalyticIndicesAndSkipsConstantFeatures() {
    FeatureMatrix train = linearTrain(3000, 2);
    double[] w = {3.0, 0.04, -1.0, 100.0, 0.7};
    AtomicLong rowsSeen = new AtomicLong();
    ModelFunction linear =
        rows -> {
          rowsSeen.addAndGet(rows.length);
          double[] out = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            assertEquals(4.5, rows[i][3], "a constant feature is never perturbed");
            double s = 250.0; // a large offset, as a price model has
            for (int j = 0; j < w.length; j++) {
              s += w[j] * rows[i][j];
            }
            out[i] = s;
          }
          return out;
        };
    double[] expected = linearOracle(train, w);
    for (SobolAnalysis.Sampling sampling : SobolAnalysis.Sampling.values()) {
      rowsSeen.set(0);
      int n = sampling == SobolAnalysis.Sampling.RANDOM ? 16384 : 4096;
      double tol = sampling == SobolAnalysis.Sampling.RANDOM ? 0.03 : 0.01;
      SobolResult r =
          SobolAnalysis.analyze(
              linear, Marginals.empirical(train),
              new SobolAnalysis.Options(n, 200, sampling, 5000, 3));
      assertEquals((long) n * (4 + 2), r.modelEvaluations(), "four non-constant features");
      assertEquals(r.modelEvaluations(), rowsSeen.get());
      for (int j = 0; j < w.length; j++) {
        SobolIndex idx = r.indices().get(j);
        String what = sampling + " " + idx.feature();
        assertEquals(expected[j], idx.firstOrder(), tol, what + " S1");
        assertEquals(expected[j], idx.total(), tol, what + " ST");
      }
      SobolIndex constant = r.indices().get(3);
      assertTrue(constant.constant());
      assertEquals(0.0, constant.firstOrder());
      assertEquals(0.0, constant.total());
      assertEquals(0.0, constant.totalUpper());
    }
  }

  @Test
  void sameSeedSameResultAndBatchSizeDoesNotMatter() {
    FeatureMatrix train = linearTrain(500, 4);
    ModelFunction f =
        rows -> {
          double[] out = new double[rows.length];
          for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0] * rows[i][2] + Math.sin(rows[i][4]);
          }
          return out;
        };
    Marginals m = Marginals.empirical(train);
    SobolResult a =
        SobolAnalysis.analyze(f, m, new SobolAnalysis.Options(256, 100, SobolAnalysis.Sampling.QUASI_RANDOM, 1000, 8));
    SobolResult b =
        SobolAnalysis.analyze(f, m, new SobolAnalysis.Options(256, 100, SobolAnalysis.Sampling.QUASI_RANDOM, 7, 8));
    SobolResult c =
        SobolAnalysis.analyze(f, m, new SobolAnalysis.Options(256, 100, SobolAnalysis.Sampling.QUASI_RANDOM, 1000, 9));
    assertEquals(Json.write(a), Json.write(b));
    assertNotEquals(Json.write(a), Json.write(c));
    SobolResult back = Json.read(Json.write(a), SobolResult.class);
    assertEquals(a, back);
  }

  @Test
  void constantOutputIsReportedNotDividedByZero() {
    FeatureMatrix train = linearTrain(100, 1);
    SobolResult r =
        SobolAnalysis.analyze(
            rows -> new double[rows.length], Marginals.empirical(train),
            new SobolAnalysis.Options(64, 50, SobolAnalysis.Sampling.RANDOM, 100, 1));
    assertTrue(r.note().contains("does not vary"), r.note());
    assertTrue(Double.isNaN(r.indices().get(0).firstOrder()));
    assertEquals(0.0, r.indices().get(3).total(), "constant feature still exactly 0");
    assertTrue(Json.write(r).contains("\"NaN\""));
  }

  @Test
  void misbehavingModelFunctionsAndBadSettingsAreRejected() {
    Marginals m = Marginals.uniform(new double[] {0}, new double[] {1}, List.of("x"));
    SobolAnalysis.Options o = new SobolAnalysis.Options(8, 0, SobolAnalysis.Sampling.RANDOM, 4, 1);
    assertThrows(IllegalArgumentException.class,
        () -> SobolAnalysis.analyze(rows -> new double[1], m, o));
    assertThrows(IllegalArgumentException.class,
        () -> SobolAnalysis.analyze(rows -> {
          double[] out = new double[rows.length];
          out[0] = Double.NaN;
          return out;
        }, m, o));
    assertThrows(InvalidParameterException.class,
        () -> new SobolAnalysis.Options(1, 0, SobolAnalysis.Sampling.RANDOM, 4, 1));
  }
}
