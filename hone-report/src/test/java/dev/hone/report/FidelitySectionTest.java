package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FidelitySectionTest {
  @Test
  void rendersTableChoiceAndCountsOnlyWhenGiven() {
    FidelityView v =
        new FidelityView(
            "--fidelity auto: trials start at rows:0.1 & climb",
            List.of(
                new FidelityView.Row("rounds:0.03", "0.100", "-0.200", "[-0.7, 0.4]", "-0.1",
                    "[-0.5, 0.3]", 10, "no", false),
                new FidelityView.Row("rows:0.1", "0.240", "0.880", "[0.5, 0.99]", "0.71",
                    "[0.3, 0.95]", 10, "yes", true)),
            List.of(new FidelityView.Rung("rows:0.1", 30, 21, 9)),
            List.of(new ReportModel.Fact("trials pruned at a lower rung", "21")));
    ReportModel m = HtmlReportTestModels.minimal();
    String html = HtmlReport.render(m, null, null, EvaluationSections.NONE, v);
    assertTrue(html.contains("<h2>Low-fidelity search</h2>"));
    assertTrue(html.contains("rows:0.1 (chosen)"));
    assertFalse(html.contains("rounds:0.03 (chosen)"));
    assertTrue(html.contains("<td class=\"num\">21</td>"));
    assertTrue(html.contains("trials start at rows:0.1 &amp; climb"), "escaped");
    assertFalse(HtmlReport.render(m, null, null, EvaluationSections.NONE).contains("Low-fidelity"));
  }
}
