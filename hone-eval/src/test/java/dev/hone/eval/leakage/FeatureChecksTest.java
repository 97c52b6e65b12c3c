package dev.hone.eval.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.json.Json;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column checks against scipy's spearmanr and a numpy/scikit-learn one-feature model (see
 * dev/hone/eval/slices/make_reference.py), plus hand-made copies and identifiers.
 */
class FeatureChecksTest {
  private static JsonNode reference() throws Exception {
    try (InputStream in = FeatureChecksTest.class.getResourceAsStream(
        "/dev/hone/eval/slices/reference_slices.json")) {
      return Json.mapper().readTree(in);
    }
  }

  private static double[] doubles(JsonNode a) {
    double[] out = new double[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asDouble();
    }
    return out;
  }

  @Test
  void spearmanMatchesScipy() throws Exception {
    for (JsonNode c : reference().get("spearman")) {
      double rho = FeatureChecks.spearman(doubles(c.get("x")), doubles(c.get("y")));
      assertEquals(c.get("rho").asDouble(), rho, 1e-12);
    }
  }

  @Test
  void oneFeatureModelMatchesPerLevelRatesScoredBySklearn() throws Exception {
    JsonNode c = reference().get("one_feature");
    Table train = table(c.get("train_x"), c.get("train_y"));
    Table hold = table(c.get("hold_x"), c.get("hold_y"));
    Target t = Target.of(train, hold);
    double auc = FeatureChecks.oneFeatureScore(train.column("x"), hold.column("x"), t, 100);
    assertEquals(c.get("auc").asDouble(), auc, 1e-12);
  }

  private static Table table(JsonNode x, JsonNode y) {
    String[] xs = new String[x.size()];
    String[] ys = new String[y.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = x.get(i).asText();
      ys[i] = y.get(i).asText();
    }
    return new Table(
        List.<Column>of(CategoricalColumn.of("x", xs), CategoricalColumn.of("y", ys)),
        "y", List.of(), TaskType.BINARY);
  }

  @Test
  void copiesAndIdentifiers() {
    int n = 50;
    double[] y = new double[n];
    double[] cube = new double[n];
    double[] noisy = new double[n];
    double[] id = new double[n];
    double[] measurement = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = Math.sin(i) * 10;
      cube[i] = -Math.pow(y[i], 3); // strictly decreasing transform
      noisy[i] = y[i] + (i % 7 == 0 ? 5 : 0);
      id[(i * 17) % n] = 1000 + i; // unique integers in shuffled order
      measurement[i] = Math.cos(i) * 3.3; // unique but not integer, not monotone: not an id
    }
    List<Column> cols = new ArrayList<>(List.of(
        new NumericColumn("y", y), new NumericColumn("cube", cube),
        new NumericColumn("noisy", noisy), new NumericColumn("id", id),
        new NumericColumn("measurement", measurement),
        new NumericColumn("row", java.util.stream.IntStream.range(0, n).mapToDouble(i -> i * 0.5).toArray())));
    Table t = new Table(cols, "y", List.of(), TaskType.REGRESSION);
    Target target = Target.of(t, t);
    assertEquals("is a strictly monotone transform of the target (Spearman ρ = -1)",
        FeatureChecks.targetCopy(t.column("cube"), target));
    assertNull(FeatureChecks.targetCopy(t.column("noisy"), target));
    assertEquals("has a distinct value in every row", FeatureChecks.idLike(t.column("id")));
    assertNull(FeatureChecks.idLike(t.column("measurement")));
    assertNotNull(FeatureChecks.idLike(t.column("row")), "monotone with row order");
  }
}
