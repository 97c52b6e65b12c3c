package dev.hone.eval.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties, determinism, errors and serialisation of the diagnostics. */
class DiagnosticsTest {

  private static FeatureMatrix matrix(double[][] cols, List<String> names) {
    int n = cols[0].length;
    int p = cols.length;
    float[] data = new float[n * p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) {
        data[i * p + j] = (float) cols[j][i];
      }
    }
    return new FeatureMatrix(data, n, names);
  }

  private static double normal(SplittableRandom rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }

  // ------------------------------------------------------------------ residuals

  @Test
  void residualReportIsDeterministicAndSerialises() {
    SplittableRandom rng = new SplittableRandom(3);
    int n = 3000;
    double[] y = new double[n];
    double[] yhat = new double[n];
    double[] x1 = new double[n];
    double[] x2 = new double[n];
    for (int i = 0; i < n; i++) {
      x1[i] = rng.nextDouble() * 4;
      x2[i] = i % 7 == 0 ? Double.NaN : normal(rng);
      yhat[i] = 3 * x1[i];
      y[i] = yhat[i] + normal(rng) * (0.1 + x1[i]);
    }
    FeatureMatrix x = matrix(new double[][] {x1, x2}, List.of("x1", "x2"));
    ResidualReport a =
        ResidualAnalysis.analyze(
            y, new Predictions(TaskType.REGRESSION, null, yhat), x, null, null,
            ResidualAnalysis.Options.defaults(5));
    ResidualReport b =
        ResidualAnalysis.analyze(y, yhat, x, null, null, ResidualAnalysis.Options.defaults(5));
    ResidualReport c =
        ResidualAnalysis.analyze(y, yhat, x, null, null, ResidualAnalysis.Options.defaults(6));
    assertEquals(Json.write(a), Json.write(b), "same seed, same report");
    assertNotEquals(a.sample(), c.sample(), "another seed draws another sample");
    assertEquals(ResidualAnalysis.Options.DEFAULT_SAMPLE_POINTS, a.sample().size());
    for (int i = 1; i < a.sample().size(); i++) {
      assertTrue(a.sample().get(i - 1).row() < a.sample().get(i).row(), "sample ordered by row");
    }
    assertEquals(ResidualAnalysis.Options.DEFAULT_BINS, a.vsPredicted().size());
    assertEquals(n, a.vsPredicted().stream().mapToInt(ResidualReport.Bin::n).sum());
    // the noise grows with x1: the test rejects, and the spread grows along the prediction bins
    assertTrue(a.breuschPagan().pValue() < 1e-10, "heteroscedasticity detected");
    assertEquals(List.of("x2"), a.breuschPagan().droppedMissing());
    assertTrue(
        a.vsPredicted().get(19).stdResidual() > 5 * a.vsPredicted().get(0).stdResidual(),
        "funnel visible in the bins");
    ResidualReport.FeatureBins fx2 = a.vsFeatures().get(1);
    ResidualReport.Bin missing = fx2.bins().get(fx2.bins().size() - 1);
    assertTrue(missing.missing());
    assertEquals((n + 6) / 7, missing.n());
    assertTrue(a.slices().isEmpty());
    assertTrue(a.largest().get(0).residual() != 0);
    String json = Json.write(a);
    assertTrue(json.contains("\"NaN\""), "NaN edges of the missing bin are written as strings");
    ResidualReport back = Json.read(json, ResidualReport.class);
    assertEquals(json, Json.write(back), "round trip");
  }

  @Test
  void noFeaturesMeansNoFeatureBinsAndNoTest() {
    ResidualReport r =
        ResidualAnalysis.analyze(
            new double[] {1, 2, 3}, new double[] {1, 2, 4}, null, null, null,
            ResidualAnalysis.Options.defaults(1));
    assertTrue(r.vsFeatures().isEmpty());
    assertNull(r.breuschPagan());
    assertEquals(3, r.vsPredicted().size(), "three distinct predictions, one bin each");
    assertEquals(-1.0, r.largest().get(0).residual());
  }

  @Test
  void breuschPaganIsInvariantToFeatureScaleAndIgnoresMissingColumns() {
    SplittableRandom rng = new SplittableRandom(11);
    int n = 400;
    double[] r = new double[n];
    double[] a = new double[n];
    double[] big = new double[n];
    double[] withNaN = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = normal(rng);
      big[i] = 1e5 + 1e3 * normal(rng);
      withNaN[i] = i == 17 ? Double.NaN : normal(rng);
      r[i] = normal(rng) * (1 + 0.5 * Math.abs(a[i]));
    }
    BreuschPaganResult base = BreuschPagan.test(r, matrix(new double[][] {a, big}, List.of("a", "b")));
    double[] a1000 = new double[n];
    for (int i = 0; i < n; i++) {
      a1000[i] = 1000 * a[i] - 7;
    }
    BreuschPaganResult scaled =
        BreuschPagan.test(r, matrix(new double[][] {a1000, big, withNaN}, List.of("a", "b", "m")));
    assertEquals(base.lm(), scaled.lm(), 1e-6 * base.lm());
    assertEquals(List.of("m"), scaled.droppedMissing());
    assertEquals(2, scaled.df());
  }

  @Test
  void breuschPaganHoldsItsLevelUnderConstantVariance() {
    // a seeded Monte Carlo check of the null distribution: ~5% rejections at the 5% level
    SplittableRandom rng = new SplittableRandom(2024);
    int reps = 300;
    int n = 200;
    int rejected = 0;
    for (int rep = 0; rep < reps; rep++) {
      double[] r = new double[n];
      double[][] cols = new double[3][n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < 3; j++) {
          cols[j][i] = normal(rng);
        }
        r[i] = normal(rng);
      }
      if (BreuschPagan.test(r, matrix(cols, List.of("a", "b", "c"))).pValue() < 0.05) {
        rejected++;
      }
    }
    double rate = (double) rejected / reps;
    assertTrue(rate > 0.02 && rate < 0.09, "rejection rate " + rate + " not near 0.05");
  }

  @Test
  void breuschPaganExplainsWhenItCannotRun() {
    double[] r = {1, -1, 2};
    BreuschPaganResult onlyConstant =
        BreuschPagan.test(r, matrix(new double[][] {{2, 2, 2}}, List.of("k")));
    assertTrue(Double.isNaN(onlyConstant.lm()));
    assertEquals("no usable regressor", onlyConstant.note());
    BreuschPaganResult tooFew =
        BreuschPagan.test(r, matrix(new double[][] {{1, 2, 4}, {0, 1, 0}}, List.of("a", "b")));
    assertTrue(Double.isNaN(tooFew.pValue()));
    assertTrue(tooFew.note().contains("more rows"), tooFew.note());
  }

  @Test
  void residualInputErrorsNameTheProblem() {
    assertThrows(
        DataValidationException.class,
        () -> ResidualAnalysis.analyze(new double[0], new double[0], null, null, null,
            ResidualAnalysis.Options.defaults(1)));
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> ResidualAnalysis.analyze(new double[] {1, Double.NaN}, new double[] {1, 1}, null,
                null, null, ResidualAnalysis.Options.defaults(1)));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> new ResidualAnalysis.Options(0, 1, 1, 1, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> ResidualAnalysis.bySlice(new double[] {1, 2}, new int[] {0, 2}, List.of("a", "b")));
  }

  // ------------------------------------------------------------------ calibration

  @Test
  void eceIsSmallForCalibratedAndLargeForMiscalibratedScores() {
    SplittableRandom rng = new SplittableRandom(8);
    int n = 10000;
    double[] s = new double[n];
    double[] calibrated = new double[n];
    double[] overconfident = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = rng.nextDouble();
      calibrated[i] = rng.nextDouble() < s[i] ? 1 : 0;
      overconfident[i] = rng.nextDouble() < 0.5 + 0.5 * (s[i] - 0.5) ? 1 : 0;
    }
    Calibration.Options o = new Calibration.Options(10, Calibration.BinStrategy.UNIFORM, 300, 1);
    CalibrationReport good = Calibration.binary(calibrated, s, o);
    CalibrationReport bad = Calibration.binary(overconfident, s, o);
    assertTrue(good.ece() < 0.02, "calibrated ECE " + good.ece());
    // observed 0.5 + (s − 0.5)/2: the gap is |s − 0.5|/2, whose mean over U(0, 1) is 0.125; the
    // bins do not straddle 0.5, so binning does not shrink it
    assertEquals(0.125, bad.ece(), 0.01, "miscalibrated ECE");
    assertTrue(good.eceLower() <= good.ece() && good.ece() <= good.eceUpper());
    assertTrue(bad.eceLower() > good.eceUpper(), "intervals separate the two");
    for (CalibrationReport.ReliabilityBin b : good.bins()) {
      assertTrue(b.observedLower() <= b.observed() && b.observed() <= b.observedUpper());
    }
  }

  @Test
  void bootstrapIsSeeded() {
    double[] y = {0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0};
    double[] s = {0.1, 0.8, 0.6, 0.3, 0.9, 0.2, 0.5, 0.4, 0.7, 0.95, 0.05, 0.65};
    Calibration.Options o = new Calibration.Options(5, Calibration.BinStrategy.QUANTILE, 200, 42);
    CalibrationReport a = Calibration.binary(y, s, o);
    CalibrationReport b = Calibration.binary(y, s, o);
    CalibrationReport c =
        Calibration.binary(y, s, new Calibration.Options(5, Calibration.BinStrategy.QUANTILE, 200, 43));
    assertEquals(Json.write(a), Json.write(b));
    assertNotEquals(a.eceLower() + "/" + a.eceUpper(), c.eceLower() + "/" + c.eceUpper());
    CalibrationReport off =
        Calibration.binary(y, s, new Calibration.Options(5, Calibration.BinStrategy.UNIFORM, 0, 1));
    assertTrue(Double.isNaN(off.eceLower()));
    assertEquals(0, off.bootstrapRounds());
  }

  @Test
  void topLabelUsesTheArgMaxAndItsProbability() {
    double[][] p = {{0.5, 0.3, 0.2}, {0.1, 0.1, 0.8}, {0.4, 0.4, 0.2}, {0.2, 0.7, 0.1}};
    double[] y = {0, 1, 1, 1};
    CalibrationReport r =
        Calibration.topLabel(y, p, new Calibration.Options(10, Calibration.BinStrategy.UNIFORM, 0, 1));
    assertEquals("top_label", r.kind());
    // confidences 0.5, 0.8, 0.4 (tie: class 0 wins, wrong), 0.7; correct: yes, no, no, yes
    assertEquals((0.5 + 0.8 + 0.4 + 0.7) / 4, r.meanPredicted(), 1e-15);
    assertEquals(0.5, r.observedFrequency());
    assertEquals(1, r.bins().get(3).n()); // 0.4 is in (0.3, 0.4]
    assertEquals(0.0, r.bins().get(3).observed());
  }

  @Test
  void calibrationInputErrorsNameTheProblem() {
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> Calibration.binary(new double[] {0, 2}, new double[] {0.1, 0.2},
                Calibration.Options.defaults(1)));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    assertThrows(
        DataValidationException.class,
        () -> Calibration.binary(new double[] {0, 1}, new double[] {0.1, 1.2},
            Calibration.Options.defaults(1)));
    assertThrows(
        InvalidParameterException.class,
        () -> new Calibration.Options(0, Calibration.BinStrategy.UNIFORM, 1, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> Calibration.of(new double[] {1}, new Predictions(TaskType.REGRESSION, null,
            new double[] {1}), Calibration.Options.defaults(1)));
  }

  @Test
  void wilsonMatchesClosedFormAtTheBoundaries() {
    // 0 of n: lower bound 0, upper z²/(n + z²)
    double z2 = Calibration.Z_975 * Calibration.Z_975;
    double[] ci = Calibration.wilson(0, 10);
    assertEquals(0.0, ci[0], 1e-15);
    assertEquals(z2 / (10 + z2), ci[1], 1e-15);
    assertTrue(Double.isNaN(Calibration.wilson(0, 0)[0]));
  }

  @Test
  void thresholdTableEdgeCases() {
    ThresholdTable none = ThresholdTable.of(new double[] {0, 0, 0}, new double[] {0.2, 0.6, 0.9});
    assertNull(none.f1Optimal());
    assertTrue(Double.isNaN(none.rows().get(0).recall()));
    ThresholdTable t = ThresholdTable.of(new double[] {1, 0, 1}, new double[] {0.01, 0.02, 0.03});
    ThresholdTable.Row high = t.rows().get(18); // 0.95: nothing predicted positive
    assertTrue(Double.isNaN(high.precision()));
    assertEquals(0.0, high.f1());
    assertEquals(0.0, high.predictedPositiveRate());
    assertEquals(0.95, high.threshold());
    // best F1: all positive (threshold 0.01) gives 2·2/(4+1) = 0.8, threshold 0.03 gives 2/3
    assertEquals(0.01, t.f1Optimal().threshold());
    assertEquals(0.8, t.f1Optimal().f1(), 1e-15);
    assertFalse(Json.write(t).isEmpty());
  }
}
