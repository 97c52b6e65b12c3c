package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FairnessSectionTest {

  static ReportModel base() {
    return new ReportModel(
        "hone train: adult", List.of(), List.of(), List.of(), List.of(), "roc_auc", true,
        List.of(), List.of(), 3, -1, List.of(), 10, null, List.of(),
        List.of(new ReportModel.Fact("seed", "1")));
  }

  static FairnessView view() {
    double nan = Double.NaN;
    return new FairnessView(
        "Predictions at P(class 1) > 0.5; 95% group-stratified bootstrap intervals.",
        List.of(
            new FairnessView.Attribute(
                "sex",
                "Male",
                List.of(
                    new FairnessView.GroupRow("Male", 200, 0.25, 0.2, 0.3, 0.6, 0.1, 0.7, 0.8,
                        0.85, 0.27, 0.3, 0.12, 1.0, false, ""),
                    new FairnessView.GroupRow("<Female>", 100, 0.10, 0.05, 0.15, nan, 0.05, 0.5,
                        0.9, nan, 0.11, 0.0, 0.08, 0.4, true,
                        "no positives in group (TPR = 0/0)")),
                List.of(
                    new FairnessView.SummaryRow("disparate_impact_ratio", 0.4, 0.2, 0.7, true,
                        "Female vs Male"),
                    new FairnessView.SummaryRow("equal_opportunity_difference", nan, nan, nan,
                        false, "fewer than 2 groups with a defined true_positive_rate")),
                List.of(
                    new FairnessView.RepresentationRow("<Female>", 10, 0.05, 100, 0.33, 0.1, 0.0,
                        true, "only 10 training rows (minimum 30)")))));
  }

  @Test
  void sectionRendersBeforeProvenanceWithChartAndFlags() {
    String html = HtmlReport.render(base().withFairness(view()));
    int fair = html.indexOf("<h2>Fairness</h2>");
    int prov = html.indexOf("<h2>Provenance</h2>");
    assertTrue(fair > 0 && fair < prov, "fairness section just before provenance");
    String section = html.substring(fair, prov);
    assertTrue(section.contains("<svg"), "per-group bar chart inline");
    assertTrue(section.contains("Rates by group: sex"));
    assertTrue(section.contains("4/5 of reference selection rate"), "four-fifths line");
    assertTrue(section.contains("&lt;Female&gt;"), "group keys escaped");
    assertFalse(section.contains("<Female>"));
    assertTrue(section.contains("no positives in group (TPR &#x3D; 0/0)"), "reason shown");
    assertTrue(section.contains("class=\"flag\""));
    assertTrue(section.contains("[0.2000, 0.7000]"));
    assertTrue(section.contains("only 10 training rows"));
    assertEquals(-1, section.indexOf("NaN"), "undefined values render as n/a, never NaN");
  }

  @Test
  void noSectionWithoutFairness() {
    String html = HtmlReport.render(base());
    assertFalse(html.contains("<h2>Fairness</h2>"));
    assertTrue(html.contains("<h2>Provenance</h2>"));
  }
}
