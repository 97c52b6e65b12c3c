package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationSectionsTest {
  private static ReportModel base() {
    return new ReportModel(
        "hone train: adult", List.of(), List.of(), List.of(), List.of(), "roc_auc", true,
        List.of(), List.of(), 3, -1, List.of(), 10, null, List.of(),
        List.of(new ReportModel.Fact("seed", "1")));
  }

  @Test
  void rendersLeakageAndSlicesBeforeProvenance() {
    EvaluationSections s = new EvaluationSections(
        new EvaluationSections.LeakageView("train vs test", List.of(
            new EvaluationSections.Finding("HIGH", "target_copy", "income_copy",
                "column 'income_copy' is identical to the target <b>", 100, List.of()),
            new EvaluationSections.Finding("LOW", "exact_duplicates", null, "23 of 16281", 23,
                List.of("test row 1 = train row 2")))),
        new EvaluationSections.SliceView("roc_auc", true, "test", 0.91, 0.9, 0.92,
            "DeLong test", 0.05,
            List.of(
                new EvaluationSections.SliceRow("sex", "sex=Female", 500, 0.87, 0.85, 0.89,
                    -0.04, 0.001, true, null),
                new EvaluationSections.SliceRow("race", "race=Other", 12, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, Double.NaN, false, "only one class present")),
            List.of(new EvaluationSections.FoundRow("sex=Female & age<=28", 300, 0.4, 1.2)),
            "0/1 error, alpha 0.95, minimum support 163"));
    String html = HtmlReport.render(base(), s);
    int leak = html.indexOf("<h2>Leakage checks</h2>");
    int slices = html.indexOf("<h2>Slices</h2>");
    int prov = html.indexOf("<h2>Provenance</h2>");
    assertTrue(leak > 0 && leak < slices && slices < prov, "sections before provenance");
    assertTrue(html.contains("background:#f8d7da"), "HIGH highlighted");
    assertTrue(html.contains("&lt;b&gt;"), "messages escaped");
    assertTrue(html.contains("undefined: only one class present"));
    assertFalse(html.contains(">n/a<"), "an undefined slice shows its reason, not n/a");
    assertTrue(html.contains("sex&#x3D;Female &amp; age&lt;&#x3D;28"), "definitions escaped");
    assertTrue(html.contains("0.0010"), "adjusted p-value");
    String plain = HtmlReport.render(base());
    assertFalse(plain.contains("Leakage checks") || plain.contains("<h2>Slices</h2>"));
    assertTrue(plain.contains("<h2>Provenance</h2>"));
  }
}
