package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RobustnessSectionTest {
  static RobustnessView view() {
    return new RobustnessView(
        "Attacks on 3 rows.",
        "ε = 1.0 training standard deviations per feature (L∞)",
        List.of(
            new RobustnessView.Curve("hopskipjump", new double[] {0, 0.5, 1}, new double[] {1, 0.6, 0.2}),
            new RobustnessView.Curve("noise-uniform", new double[] {0, 0.5, 1}, new double[] {1, 1, 0.95})),
        List.of(new RobustnessView.AttackRow("hopskipjump", 0.8, 0.41, 12345, 3.5)),
        List.of(
            new RobustnessView.BudgetRow("age", true, 13.6, 17, 90, ""),
            new RobustnessView.BudgetRow("sex (2 one-hot columns)", false, Double.NaN, Double.NaN, Double.NaN, "categorical: held")),
        List.of(new RobustnessView.FlipRow(7, "hopskipjump", 0.3, "<=50K", ">50K", "age: 39 → 43 (+0.300 σ)")),
        List.of("a note <b>escaped</b>"));
  }

  @Test
  void rendersCurvesTablesAndBudget() {
    String html =
        HtmlReport.render(HtmlReportTestModels.minimal(), null, null, EvaluationSections.NONE, view());
    assertTrue(html.contains("<h2>Adversarial robustness</h2>"));
    assertTrue(html.contains("Robust accuracy against the budget"));
    assertTrue(html.contains("<svg"));
    assertTrue(html.contains("80.0%"));
    assertTrue(html.contains("sex (2 one-hot columns)"));
    assertTrue(html.contains("age: 39 → 43 (+0.300 σ)") || html.contains("age: 39 &rarr; 43"));
    assertTrue(html.contains("a note &lt;b&gt;escaped&lt;/b&gt;"));
  }

  @Test
  void absentWhenNotGiven() {
    String html = HtmlReport.render(HtmlReportTestModels.minimal(), null, null, EvaluationSections.NONE);
    assertFalse(html.contains("Adversarial robustness"));
  }
}
