package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainSectionTest {

  static ExplainabilityView view() {
    return new ExplainabilityView(
        "TreeSHAP (path-dependent)",
        "margin (log-odds of >50K)",
        "300 test rows explained.",
        List.of(new ExplainabilityView.Bar("age<script>", 0.8), new ExplainabilityView.Bar("sex", 0.3)),
        new ExplainabilityView.Summary(
            List.of("age<script>", "sex"),
            new double[][] {{0.5, -0.2, 1.1}, {0.1, -0.3, 0.0}},
            new double[][] {{0.9, 0.1, Double.NaN}, {1, 0, 1}}),
        List.of(
            new ExplainabilityView.Dependence(
                "age<script>", new double[] {20, Double.NaN, 60}, new double[] {-0.2, 0.1, 0.5}, "sex",
                new double[] {0, 1, 1})),
        List.of(
            new ExplainabilityView.Waterfall(
                "test row 3", -1.2, 0.4, List.of("age = 60", "sex = 1", "95 other features"),
                new double[] {1.1, 0.6, -0.1})),
        List.of(new ExplainabilityView.PermutationRow("age", 0.05, 0.01, 0.04, 0.06)),
        "roc_auc",
        List.of("education-num and education=Masters: correlation 0.85"),
        List.of(
            new ExplainabilityView.PdCurve("age", new double[] {20, 40, 60}, null, new double[] {0.1, 0.3, 0.2}),
            new ExplainabilityView.PdCurve(
                "sex", new double[] {0, 1}, List.of("Female", "Male"), new double[] {0.1, 0.2})),
        List.of(new ExplainabilityView.Interaction("age", "sex", 0.12345)));
  }

  @Test
  void rendersTheSectionWithChartsAndEscapedNames() {
    ReportModel m = HtmlReportTestModels.minimal();
    String without = HtmlReport.render(m);
    assertFalse(without.contains("<h2>Explanations</h2>"));
    String html = HtmlReport.render(m, view());
    assertTrue(html.contains("<h2>Explanations</h2>"));
    assertTrue(html.contains("margin (log-odds of &gt;50K)"));
    assertFalse(html.contains("age<script>"), "names are escaped in tables and charts");
    // importance, summary, one dependence, one waterfall, two PD curves
    int svgs = html.split("<svg", -1).length - 1 - (without.split("<svg", -1).length - 1);
    assertEquals(6, svgs);
    assertTrue(html.contains("0.1235"));
    assertTrue(html.contains("education-num and education&#x3D;Masters"));
    assertTrue(html.contains("Drop in roc_auc"));
  }

  @Test
  void emptyViewRendersOnlyTheHeading() {
    ExplainabilityView empty =
        new ExplainabilityView("KernelSHAP", "probability", null, null, null, null, null, null, null, null, null, null);
    String html = HtmlReport.render(HtmlReportTestModels.minimal(), empty);
    assertTrue(html.contains("<h2>Explanations</h2>"));
    assertFalse(html.contains("<h3>Permutation importance</h3>"));
  }

  @Test
  void blendGoesFromBlueToRed() {
    assertEquals(0x1E88E5, ExplainCharts.blend(0).getRGB() & 0xFFFFFF);
    assertEquals(0xFF0D57, ExplainCharts.blend(1).getRGB() & 0xFFFFFF);
    assertEquals(0xAAAAAA, ExplainCharts.blend(Double.NaN).getRGB() & 0xFFFFFF);
  }
}
