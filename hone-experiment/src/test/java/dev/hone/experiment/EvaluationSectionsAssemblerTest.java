package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.Predictions;
import dev.hone.eval.leakage.LeakageChecker;
import dev.hone.eval.leakage.LeakageOptions;
import dev.hone.eval.leakage.LeakageReport;
import dev.hone.eval.slices.ErrorKind;
import dev.hone.eval.slices.SliceAnalysis;
import dev.hone.eval.slices.SliceLine;
import dev.hone.eval.slices.SliceLineOptions;
import dev.hone.eval.slices.SliceLineResult;
import dev.hone.eval.slices.SliceOptions;
import dev.hone.eval.slices.SliceReport;
import dev.hone.report.EvaluationSections;
import dev.hone.report.HtmlReport;
import dev.hone.report.ReportModel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EvaluationSectionsAssemblerTest {
  @Test
  void mapsResultsOntoTheReportSections() {
    SplittableRandom rng = new SplittableRandom(1);
    int n = 400;
    String[] g = new String[n];
    String[] label = new String[n];
    double[] y = new double[n];
    double[] x = new double[n];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      g[i] = i % 10 == 0 ? "rare" : (rng.nextBoolean() ? "a" : "b");
      y[i] = g[i].equals("rare") ? 0 : (rng.nextDouble() < 0.4 ? 1 : 0);
      label[i] = y[i] == 1 ? "yes" : "no";
      x[i] = rng.nextGaussian();
      double p1 = Math.min(0.99, Math.max(0.01, 0.5 + (y[i] - 0.5) * 0.6 + 0.2 * rng.nextGaussian()));
      p[i] = new double[] {1 - p1, p1};
    }
    Table t = new Table(List.<Column>of(CategoricalColumn.of("g", g), new NumericColumn("x", x),
        CategoricalColumn.of("y", label)), "y", List.of(), TaskType.BINARY);
    Predictions preds = new Predictions(TaskType.BINARY, p, null);
    SliceReport sr = SliceAnalysis.analyse(t, y, preds, SliceOptions.defaults(1).withBootstrapRounds(50));
    SliceLineResult found = SliceLine.find(t, SliceLine.errors(ErrorKind.ZERO_ONE, y, preds),
        SliceLineOptions.defaults().withMinSupport(10));
    EvaluationSections.SliceView view =
        EvaluationSectionsAssembler.slices("test", sr, found, "0/1 error");
    assertEquals("roc_auc", view.metric());
    EvaluationSections.SliceRow rare = view.slices().stream()
        .filter(r -> r.definition().equals("g=rare")).findFirst().orElseThrow();
    assertTrue(rare.undefinedReason().contains("one class"), "undefined slices are listed with a reason");
    assertTrue(view.slices().stream().filter(r -> r.undefinedReason() == null).count() >= 1);
    assertEquals(found.slices().size(), view.discovered().size());

    Table[] parts = {t.select(java.util.stream.IntStream.range(0, 300).toArray()),
        t.select(java.util.stream.IntStream.range(300, 400).toArray())};
    LeakageReport lr = LeakageChecker.check(parts[0], parts[1], "test", LeakageOptions.defaults());
    EvaluationSections.LeakageView lv = EvaluationSectionsAssembler.leakage("train vs test", lr);
    assertEquals(lr.findings().size(), lv.findings().size());
    String html = HtmlReport.render(new ReportModel("r", List.of(), List.of(), List.of(), List.of(),
        "roc_auc", true, List.of(), List.of(), 3, -1, List.of(), 100, null, List.of(), List.of()),
        new EvaluationSections(lv, view));
    assertTrue(html.contains("<h2>Slices</h2>") && html.contains("<h2>Leakage checks</h2>"));
    assertNull(EvaluationSections.NONE.leakage());
  }
}
