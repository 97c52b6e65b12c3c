package dev.hone.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FairnessChartsTest {
  private static int count(String s, String regex) {
    Matcher m = Pattern.compile(regex).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void scatterMarksFrontFeasibilityChoiceAndBound() {
    FairnessTradeoffView v = new FairnessTradeoffView("roc_auc", "equalized_odds_difference",
        "equalized_odds_difference<=0.1", 0.1, false, "note",
        List.of(
            new FairnessTradeoffView.Point(0, 0.80, 0.05, true, true, true),
            new FairnessTradeoffView.Point(1, 0.85, 0.20, false, true, false),
            new FairnessTradeoffView.Point(2, 0.70, 0.30, false, false, false),
            new FairnessTradeoffView.Point(3, 0.75, Double.NaN, false, false, false)));
    String svg = FairnessCharts.tradeoff(v);
    assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>"));
    // 3 finite points + 1 ring around the chosen trial; the NaN point is left out
    assertEquals(4, count(svg, "<circle"));
    assertEquals(1, count(svg, "stroke=\"#C44E52\" stroke-width=\"2\""));
    // infeasible points are hollow
    assertEquals(2, count(svg, "fill=\"none\" stroke=\"#888\""));
    // the front (trials 0 and 1) is one polyline with two vertices; the bound is dashed
    assertEquals(1, count(svg, "<polyline"));
    assertTrue(svg.contains("stroke-dasharray"), "bound line");
    assertTrue(svg.contains("trial 1: roc_auc 0.8500, equalized_odds_difference 0.2000,"
        + " Pareto front, infeasible"));
    // the rendered report section carries the table rows
    FairnessView f = new FairnessView("n", List.of()).withMitigation(
        new FairnessMitigationView("threshold", "sex", "how",
            List.of(new FairnessMitigationView.Row("accuracy", 0.7, 0.6, 0.8, 0.68, 0.58, 0.78)),
            List.of("group a: rule")), v);
    assertEquals("threshold", f.mitigation().method());
    assertEquals(4, f.tradeoff().points().size());
  }

  @Test
  void noFinitePointGivesNoChart() {
    FairnessTradeoffView v = new FairnessTradeoffView("roc_auc", "m", "", Double.NaN, false, "",
        List.of(new FairnessTradeoffView.Point(0, 0.8, Double.NaN, true, false, true)));
    assertEquals("", FairnessCharts.tradeoff(v));
  }
}
