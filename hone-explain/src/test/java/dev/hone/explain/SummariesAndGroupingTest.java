package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.json.Json;
import dev.hone.core.random.Seeds;
import dev.hone.explain.ExplanationSummaries.DependencePlot;
import dev.hone.explain.ExplanationSummaries.GlobalImportance;
import dev.hone.explain.ExplanationSummaries.SummaryPlot;
import dev.hone.explain.ExplanationSummaries.Waterfall;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SummariesAndGroupingTest {

  static Explanation sample() {
    return new Explanation(
        "test", OutputSpace.MARGIN, 0, "margin", List.of("a", "b", "c"), new int[] {4, 7},
        new double[][] {{1, Double.NaN, 3}, {2, 5, 0.25}},
        new double[][] {{0.5, -2, 0.1}, {-0.5, 1, 0.3}}, new double[] {1, 1},
        new double[] {-0.4, 1.8}, null, Map.of());
  }

  @Test
  void globalImportanceSummaryDependenceAndWaterfall() {
    Explanation e = sample();
    GlobalImportance g = ExplanationSummaries.globalImportance(e);
    assertEquals(List.of("b", "a", "c"), g.features());
    assertArrayEquals(new double[] {1.5, 0.5, 0.2}, g.meanAbs(), 1e-15);

    SummaryPlot s = ExplanationSummaries.summaryPlot(e, 2);
    assertEquals(List.of("b", "a"), s.features());
    assertArrayEquals(new double[] {-2, 1}, s.values()[0], 0);
    assertTrue(Double.isNaN(s.colour()[0][0]));
    assertArrayEquals(new double[] {0, 1}, s.colour()[1], 0);

    DependencePlot d = ExplanationSummaries.dependence(e, "a", null);
    assertEquals("b", d.colourFeature());
    assertArrayEquals(new double[] {1, 2}, d.featureValues(), 0);
    assertArrayEquals(new double[] {0.5, -0.5}, d.values(), 0);

    Waterfall w = ExplanationSummaries.waterfall(e, 0, 2);
    assertEquals(4, w.row());
    assertEquals(List.of("b = missing", "a = 1", "1 other features"), w.labels());
    double end = w.baseValue();
    for (double c : w.contributions()) {
      end += c;
    }
    assertEquals(w.prediction(), end, 1e-12);
    // records serialise
    assertTrue(Json.write(s).contains("NaN"));
  }

  /**
   * Grouping sums attributions within a group and keeps efficiency; for a model additive across
   * groups the sum equals the Shapley value of the grouped game (exact enumeration with groups as
   * players).
   */
  @Test
  void groupingSumsWithinGroups() {
    SplittableRandom rng = Seeds.rng(71, "group", 0);
    int m = 6;
    List<String> names = List.of("age", "sex=F", "sex=M", "job=a", "job=b", "job=c");
    Map<String, String> map =
        Map.of("sex=F", "sex", "sex=M", "sex", "job=a", "job", "job=b", "job", "job=c", "job");
    // additive across groups (interactions only inside a group)
    PredictFunction f =
        PredictFunction.ofRows(
            m, OutputSpace.VALUE,
            r -> Math.sin(r[0]) + 2 * r[1] * (1 - r[2]) + r[3] * 0.5 - r[4] + 3 * r[4] * r[5]);
    double[][] x = TestFunctions.data(5, m, 0, rng);
    double[][] bg = TestFunctions.data(6, m, 0, rng);
    for (double[][] a : new double[][][] {x, bg}) {
      oneHot(a, 1, 2, rng);
      oneHot(a, 3, 3, rng);
    }
    Explanation cols = new ExactShapley(f, names, Background.of(bg), null).explain(x, null).get(0);
    Explanation summed = cols.groupBy(map);
    Explanation players = new ExactShapley(f, names, Background.of(bg), map).explain(x, null).get(0);
    assertEquals(List.of("age", "sex", "job"), summed.featureNames());
    assertEquals(players.featureNames(), summed.featureNames());
    assertNull(summed.featureValues());
    for (int r = 0; r < x.length; r++) {
      assertTrue(Math.abs(summed.efficiencyGap(r)) < 1e-12);
      assertArrayEquals(players.values()[r], summed.values()[r], 1e-12);
    }
    assertEquals("exact-shapley+grouped", summed.method());
    assertThrows(IllegalArgumentException.class, () -> ExplanationSummaries.summaryPlot(summed, 3));
    // waterfall of a grouped explanation has plain labels
    assertEquals(3, ExplanationSummaries.waterfall(summed, 0, 5).labels().size());
  }

  private static void oneHot(double[][] x, int start, int levels, SplittableRandom rng) {
    for (double[] r : x) {
      int level = rng.nextInt(levels);
      for (int l = 0; l < levels; l++) {
        r[start + l] = l == level ? 1 : 0;
      }
    }
  }
}
