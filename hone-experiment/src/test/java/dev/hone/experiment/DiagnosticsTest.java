package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.report.DiagnosticsView;
import dev.hone.report.HtmlReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The diagnostics wiring: the right analyses per task, their view, JSON and HTML. */
class DiagnosticsTest {

  /** A linear model (regression) or its logistic transform (binary) over three features. */
  private static Model model(TaskType task) {
    return new Model() {
      @Override
      public String learnerName() {
        return "linear";
      }

      @Override
      public Predictions predict(FeatureMatrix x) {
        double[] z = new double[x.nRows()];
        for (int i = 0; i < z.length; i++) {
          z[i] = 2 * x.get(i, 0) - x.get(i, 1) + 0.1 * x.get(i, 2);
        }
        if (task == TaskType.REGRESSION) {
          return new Predictions(task, null, z);
        }
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
          double s = 1 / (1 + Math.exp(-z[i]));
          p[i] = new double[] {1 - s, s};
        }
        return new Predictions(task, p, null);
      }

      @Override
      public void save(Path dir) {}

      @Override
      public Map<String, Object> fitInfo() {
        return Map.of();
      }

      @Override
      public void close() {}
    };
  }

  private static FeatureMatrix features(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] d = new float[n * 3];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) rng.nextDouble();
    }
    return new FeatureMatrix(d, n, List.of("a", "b", "c"));
  }

  @Test
  void regressionGetsResidualsAndSensitivity() {
    FeatureMatrix train = features(400, 1);
    FeatureMatrix test = features(200, 2);
    Model m = model(TaskType.REGRESSION);
    Predictions p = m.predict(test);
    double[] y = p.values().clone();
    for (int i = 0; i < y.length; i++) {
      y[i] += 0.1 * Math.sin(i);
    }
    Diagnostics.Result r =
        Diagnostics.compute(TaskType.REGRESSION, y, p, train, test, m, 7);
    assertNotNull(r.residuals());
    assertNull(r.calibration());
    assertNotNull(r.sobol());
    // a linear model's total effects follow w_i² var_i: a dominates, c is negligible
    assertTrue(r.sobol().indices().get(0).total() > 0.7);
    assertTrue(r.sobol().indices().get(2).total() < 0.01);
    DiagnosticsView v = Diagnostics.view(r);
    assertEquals("a", v.sensitivity().indices().get(0).feature(), "sorted by total effect");
    String html = HtmlReport.render(DiagnosticsReportFixture.model(), v);
    assertTrue(html.contains("<h2>Residual diagnostics</h2>"));
    assertTrue(html.contains("<h2>Sensitivity</h2>"));
    assertTrue(Json.write(r).contains("\"breuschPagan\""));
  }

  @Test
  void binaryGetsCalibrationThresholdsAndSensitivity() {
    FeatureMatrix train = features(400, 3);
    FeatureMatrix test = features(300, 4);
    Model m = model(TaskType.BINARY);
    Predictions p = m.predict(test);
    double[] y = new double[test.nRows()];
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < y.length; i++) {
      y[i] = rng.nextDouble() < p.probabilities()[i][1] ? 1 : 0;
    }
    Diagnostics.Result r = Diagnostics.compute(TaskType.BINARY, y, p, train, test, m, 7);
    assertNull(r.residuals());
    assertEquals("positive_class", r.calibration().kind());
    assertEquals(19, r.thresholds().rows().size());
    DiagnosticsView v = Diagnostics.view(r);
    assertEquals("10 uniform bins", v.calibration().binning());
    String html = HtmlReport.render(DiagnosticsReportFixture.model(), v);
    assertTrue(html.contains("<h2>Calibration</h2>"));
    assertTrue(html.contains("Decision thresholds"));
  }
}
