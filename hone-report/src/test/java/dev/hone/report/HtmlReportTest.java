package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  private static ReportModel model(boolean maximize) {
    List<ReportModel.TrialRow> trials = new ArrayList<>();
    double[] values = {0.80, 0.91, Double.NaN, 0.85, 0.93};
    String[] states = {"COMPLETE", "COMPLETE", "FAIL", "COMPLETE", "COMPLETE"};
    for (int i = 0; i < values.length; i++) {
      trials.add(new ReportModel.TrialRow(i, states[i], values[i], 1.5, List.of("p" + i)));
    }
    return new ReportModel(
        "hone train: <script>alert(1)</script>",
        List.of(new ReportModel.Fact("dataset", "adult")),
        List.of("3 test rows duplicate training rows"),
        List.of(new ReportModel.ColumnSummary("age", "numeric", "feature", 0, 70, "min 17")),
        List.of(new ReportModel.SplitRow("train", 100, "")),
        "roc_auc",
        maximize,
        List.of("max_depth"),
        trials,
        3,
        maximize ? 4 : 0,
        List.of(new ReportModel.MetricRow("roc_auc", 0.9123456, 0.9, 0.92)),
        50,
        new ReportModel.Confusion(List.of("<=50K", ">50K"), new long[][] {{30, 5}, {4, 11}}),
        List.of(),
        List.of(new ReportModel.Fact("seed", "1")));
  }

  @Test
  void rendersSelfContainedEscapedPage() {
    String html = HtmlReport.render(model(true));
    assertFalse(html.contains("<script>"), "title must be escaped");
    assertTrue(html.contains("&lt;script&gt;"));
    assertFalse(html.contains("src=\"http"), "no external resources");
    assertFalse(html.contains("<link"), "no external stylesheets");
    assertTrue(html.contains("<svg"), "optimisation history chart inline");
    assertTrue(html.contains("0.9123"), "metric value rendered");
    assertTrue(html.contains("&lt;&#x3D;50K"), "confusion labels escaped");
    assertTrue(html.contains("3 test rows duplicate training rows"));
  }

  @Test
  void leaderboardOrdersByDirectionAndSkipsFailed() {
    String max = HtmlReport.render(model(true));
    // best three when maximising: trials 4 (0.93), 1 (0.91), 3 (0.85)
    int i4 = max.indexOf("<td class=\"num\">0.9300</td>");
    int i1 = max.indexOf("<td class=\"num\">0.9100</td>");
    int i3 = max.indexOf("<td class=\"num\">0.8500</td>");
    assertTrue(i4 > 0 && i4 < i1 && i1 < i3, "descending order when maximising");
    assertFalse(max.contains("<td class=\"num\">0.8000</td>"), "only the top 3 are listed");
    String min = HtmlReport.render(model(false));
    int j0 = min.indexOf("<td class=\"num\">0.8000</td>");
    int j3 = min.indexOf("<td class=\"num\">0.8500</td>");
    assertTrue(j0 > 0 && j0 < j3, "ascending order when minimising");
    assertEquals(-1, min.indexOf("<td class=\"num\">0.9300</td>"));
  }

  @Test
  void hyperparameterImportanceIsShownOnlyWhenGiven() {
    assertFalse(HtmlReport.render(model(true)).contains("Hyperparameter importance"));
    String html =
        HtmlReport.render(
            model(true)
                .withParamImportance(
                    List.of(new ReportModel.Fact("max_depth", "0.700"),
                        new ReportModel.Fact("gamma", "0.300"))));
    assertTrue(html.contains("Hyperparameter importance"));
    assertTrue(html.indexOf("max_depth</td><td class=\"num\">0.700") > 0);
  }

  @Test
  void prunedTrialsAreListedWithTheirStepAndKeptOutOfTheLeaderboard() {
    ReportModel base = model(true);
    List<ReportModel.TrialRow> trials = new ArrayList<>(base.trials());
    trials.add(new ReportModel.TrialRow(5, "PRUNED", Double.NaN, 0.2, List.of("p5"),
        "pruned at step 120 (last intermediate value 0.61234 of the learner's validation metric)"));
    ReportModel m = new ReportModel(base.title(), base.overview(), base.warnings(), base.columns(),
        base.splits(), base.objective(), true, base.paramNames(), trials, 10, base.bestTrial(),
        base.testMetrics(), base.testRows(), base.confusion(), base.residuals(), base.provenance());
    String html = HtmlReport.render(m);
    assertTrue(html.contains("<h3>Pruned trials</h3>"), html);
    assertTrue(html.contains("PRUNED: pruned at step 120 (last intermediate value 0.61234"), html);
    assertTrue(html.contains("1 PRUNED"), "state counts");
    assertFalse(html.contains("<td class=\"num\">5</td><td class=\"num\">"),
        "a pruned trial gets no leaderboard rank");
    assertFalse(HtmlReport.render(base).contains("Pruned trials"), "no section without pruning");
  }
}
