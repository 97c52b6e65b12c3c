package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The diagnostics sections: placement before the provenance, charts, escaping, omission. */
class DiagnosticsReportTest {

  static ReportModel model() {
    return new ReportModel(
        "hone train: test",
        List.of(new ReportModel.Fact("dataset", "demo")),
        List.of(),
        List.of(),
        List.of(new ReportModel.SplitRow("train", 100, "")),
        "roc_auc",
        true,
        List.of("max_depth"),
        List.of(new ReportModel.TrialRow(0, "COMPLETE", 0.8, 1.0, List.of("3"))),
        3,
        0,
        List.of(new ReportModel.MetricRow("roc_auc", 0.8, 0.7, 0.9)),
        50,
        null,
        List.of(),
        List.of(new ReportModel.Fact("seed", "1")));
  }

  static DiagnosticsView diagnostics() {
    List<DiagnosticsView.ReliabilityBin> bins = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      double mid = (b + 0.5) / 10;
      int n = b == 9 ? 0 : 40 + b;
      bins.add(new DiagnosticsView.ReliabilityBin(b / 10.0, (b + 1) / 10.0, n,
          n == 0 ? Double.NaN : mid, n == 0 ? Double.NaN : mid * 0.9,
          n == 0 ? Double.NaN : mid * 0.9 - 0.05, n == 0 ? Double.NaN : mid * 0.9 + 0.05));
    }
    List<DiagnosticsView.ThresholdRow> thresholds = List.of(
        new DiagnosticsView.ThresholdRow(0.5, 0.7, 0.6, 0.646, 0.1, 0.3),
        new DiagnosticsView.ThresholdRow(0.95, Double.NaN, 0.0, 0.0, 0.0, 0.0));
    DiagnosticsView.CalibrationView cal = new DiagnosticsView.CalibrationView(
        "positive_class", "10 uniform bins", 0.0421, 0.03, 0.05, 0.09, bins, thresholds,
        new DiagnosticsView.ThresholdRow(0.37, 0.65, 0.7, 0.6741, 0.12, 0.35));
    List<DiagnosticsView.ResidualBin> rb = new ArrayList<>();
    List<DiagnosticsView.ResidualPoint> pts = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      rb.add(new DiagnosticsView.ResidualBin(b, 50, -2 - b * 0.1, -1, 0.05 * b, 1, 2 + b * 0.1));
      pts.add(new DiagnosticsView.ResidualPoint(b + 0.3, Math.sin(b)));
    }
    DiagnosticsView.ResidualsView res = new DiagnosticsView.ResidualsView(
        rb, pts, List.of(new DiagnosticsView.LargeResidual(17, 10.0, 2.5, 7.5)),
        List.of(new ReportModel.Fact("LM statistic (df 3)", "12.3"),
            new ReportModel.Fact("p-value", "0.0064")),
        List.of(new DiagnosticsView.SliceRow("sex=<female>", 40, 0.1, 1.2, 1.21)));
    DiagnosticsView.SensitivityView sens = new DiagnosticsView.SensitivityView(
        "Saltelli/Jansen estimators, quasi-random sampling, N = 4096, 90112 model evaluations",
        List.of(new DiagnosticsView.SobolRow("age<script>", 0.4, 0.35, 0.45, 0.5, 0.46, 0.55),
            new DiagnosticsView.SobolRow("hours", 0.2, 0.15, 0.25, 0.2, 0.18, 0.22)));
    return new DiagnosticsView(cal, res, sens);
  }

  private static int count(String s, String what) {
    int c = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      c++;
    }
    return c;
  }

  @Test
  void sectionsComeBeforeProvenanceWithTheirCharts() {
    String html = HtmlReport.render(model(), diagnostics());
    int provenance = html.indexOf("<h2>Provenance</h2>");
    int calibration = html.indexOf("<h2>Calibration</h2>");
    int residuals = html.indexOf("<h2>Residual diagnostics</h2>");
    int sensitivity = html.indexOf("<h2>Sensitivity</h2>");
    assertTrue(calibration > html.indexOf("<h2>Test metrics</h2>"));
    assertTrue(calibration < residuals && residuals < sensitivity && sensitivity < provenance,
        "order: calibration, residuals, sensitivity, provenance");
    assertEquals(4, count(html, "<svg"), "history + reliability + residuals + Sobol charts");
    assertTrue(html.contains("0.0421"));
    assertTrue(html.contains("(best F1)"));
    assertTrue(html.contains("n/a"), "undefined precision shown as n/a");
    assertFalse(html.contains("age<script>"), "feature names escaped in the table");
    assertTrue(html.contains("age&lt;script&gt;"));
    assertTrue(html.contains("sex&#x3D;&lt;female&gt;"));
    assertEquals(9, count(html.substring(calibration, residuals), "<td class=\"num\">4"),
        "empty bin not listed: 9 rows with 40..48 rows");
    assertFalse(html.contains("src=\"http"), "no external resources");
  }

  @Test
  void missingPartsLeaveTheirSectionsOut() {
    String plain = HtmlReport.render(model());
    assertFalse(plain.contains("<h2>Calibration</h2>"));
    assertFalse(plain.contains("<h2>Sensitivity</h2>"));
    String withNull = HtmlReport.render(model(), (DiagnosticsView) null);
    assertFalse(withNull.contains("<h2>Residual diagnostics</h2>"));
    assertEquals(1, count(withNull, "<svg"), "only the optimisation history");
    DiagnosticsView d = diagnostics();
    String onlySobol = HtmlReport.render(model(), new DiagnosticsView(null, null, d.sensitivity()));
    assertFalse(onlySobol.contains("<h2>Calibration</h2>"));
    assertFalse(onlySobol.contains("<h2>Residual diagnostics</h2>"));
    assertTrue(onlySobol.contains("<h2>Sensitivity</h2>"));
    String topLabel = HtmlReport.render(model(), new DiagnosticsView(
        new DiagnosticsView.CalibrationView("top_label", "10 uniform bins", 0.1, Double.NaN,
            Double.NaN, 0.2, d.calibration().bins(), null, null), null, null));
    assertTrue(topLabel.contains("top-label"));
    assertFalse(topLabel.contains("Decision thresholds"), "no threshold table for multiclass");
  }
}
