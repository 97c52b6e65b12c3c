package dev.hone.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Puts the template values of the diagnostics sections into the page context. */
final class DiagnosticsSections {
  private DiagnosticsSections() {}

  static void put(Map<String, Object> ctx, DiagnosticsView d) {
    DiagnosticsView.CalibrationView c = d == null ? null : d.calibration();
    DiagnosticsView.ResidualsView r = d == null ? null : d.residuals();
    DiagnosticsView.SensitivityView s = d == null ? null : d.sensitivity();
    ctx.put("hasCalibration", c != null);
    ctx.put("hasResidualDiagnostics", r != null);
    ctx.put("hasSensitivity", s != null);
    if (c != null) {
      ctx.put("calibration", calibration(c));
    }
    if (r != null) {
      ctx.put("residualDiagnostics", residuals(r));
    }
    if (s != null) {
      ctx.put("sensitivity", sensitivity(s));
    }
  }

  private static Map<String, Object> calibration(DiagnosticsView.CalibrationView c) {
    Map<String, Object> m = new HashMap<>();
    m.put("what", "top_label".equals(c.kind())
        ? "top-label (confidence of the predicted class against whether it is right)"
        : "probability of the positive class against the observed positive rate");
    m.put("binning", c.binning());
    m.put("ece", HtmlReport.fmt(c.ece()));
    m.put("eceLower", HtmlReport.fmt(c.eceLower()));
    m.put("eceUpper", HtmlReport.fmt(c.eceUpper()));
    m.put("mce", HtmlReport.fmt(c.mce()));
    m.put("svg", DiagnosticsCharts.reliability(c.bins(), c.kind()));
    List<Map<String, Object>> bins = new ArrayList<>();
    for (DiagnosticsView.ReliabilityBin b : c.bins()) {
      if (b.n() == 0) {
        continue;
      }
      bins.add(Map.of(
          "range", "(" + HtmlReport.fmt(b.lower()) + ", " + HtmlReport.fmt(b.upper()) + "]",
          "n", b.n(),
          "predicted", HtmlReport.fmt(b.meanPredicted()),
          "observed", HtmlReport.fmt(b.observed()),
          "interval", "[" + HtmlReport.fmt(b.observedLower()) + ", "
              + HtmlReport.fmt(b.observedUpper()) + "]"));
    }
    m.put("bins", bins);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DiagnosticsView.ThresholdRow t : c.thresholds()) {
      rows.add(threshold(t, false));
    }
    if (c.f1Optimal() != null) {
      rows.add(threshold(c.f1Optimal(), true));
    }
    m.put("thresholds", rows);
    m.put("hasThresholds", !rows.isEmpty());
    return m;
  }

  private static Map<String, Object> threshold(DiagnosticsView.ThresholdRow t, boolean best) {
    Map<String, Object> m = new HashMap<>();
    m.put("threshold", HtmlReport.fmt(t.threshold()) + (best ? " (best F1)" : ""));
    m.put("precision", HtmlReport.fmt(t.precision()));
    m.put("recall", HtmlReport.fmt(t.recall()));
    m.put("f1", HtmlReport.fmt(t.f1()));
    m.put("fpr", HtmlReport.fmt(t.fpr()));
    m.put("rate", HtmlReport.fmt(t.predictedPositiveRate()));
    m.put("best", best);
    return m;
  }

  private static Map<String, Object> residuals(DiagnosticsView.ResidualsView r) {
    Map<String, Object> m = new HashMap<>();
    m.put("svg", DiagnosticsCharts.residualsVsPredicted(r.vsPredicted(), r.sample()));
    m.put("heteroscedasticity", r.heteroscedasticity());
    m.put("hasHeteroscedasticity", !r.heteroscedasticity().isEmpty());
    List<Map<String, Object>> largest = new ArrayList<>();
    for (DiagnosticsView.LargeResidual l : r.largest()) {
      largest.add(Map.of(
          "row", l.row(), "y", HtmlReport.fmt(l.y()), "predicted", HtmlReport.fmt(l.predicted()),
          "residual", HtmlReport.fmt(l.residual())));
    }
    m.put("largest", largest);
    m.put("hasLargest", !largest.isEmpty());
    List<Map<String, Object>> slices = new ArrayList<>();
    for (DiagnosticsView.SliceRow s : r.slices()) {
      slices.add(Map.of(
          "slice", s.slice(), "n", s.n(), "mean", HtmlReport.fmt(s.mean()),
          "std", HtmlReport.fmt(s.std()), "rmse", HtmlReport.fmt(s.rmse())));
    }
    m.put("slices", slices);
    m.put("hasSlices", !slices.isEmpty());
    return m;
  }

  private static Map<String, Object> sensitivity(DiagnosticsView.SensitivityView s) {
    Map<String, Object> m = new HashMap<>();
    m.put("method", s.method());
    m.put("svg", DiagnosticsCharts.sobol(s.indices()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (DiagnosticsView.SobolRow r : s.indices()) {
      rows.add(Map.of(
          "feature", r.feature(),
          "s1", HtmlReport.fmt(r.firstOrder()),
          "s1Interval", "[" + HtmlReport.fmt(r.firstOrderLower()) + ", "
              + HtmlReport.fmt(r.firstOrderUpper()) + "]",
          "st", HtmlReport.fmt(r.total()),
          "stInterval", "[" + HtmlReport.fmt(r.totalLower()) + ", "
              + HtmlReport.fmt(r.totalUpper()) + "]"));
    }
    m.put("rows", rows);
    return m;
  }
}
