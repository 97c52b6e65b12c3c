package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --dataset german_credit --sensitive sex} with fairness mitigation and a
 * fairness constraint, end to end, then {@code hone predict} with the saved thresholds. Needs the
 * shared datasets; fails, never skips, when they are missing.
 */
class FairnessTrainTest {
  @TempDir Path dir;

  @BeforeAll
  static void sharedDatasetsPresent() {
    String env = System.getenv("HONE_DATA_MIRROR");
    if (env == null || !Files.isDirectory(Path.of(env, "german_credit"))) {
      fail("the shared datasets are missing: expected ../shared/datasets beside the checkout"
          + " (HONE_DATA_MIRROR=" + env + ")");
    }
  }

  private static JsonNode row(JsonNode comparison, String metric) {
    for (JsonNode r : comparison) {
      if (r.get("metric").asText().equals(metric)) {
        return r;
      }
    }
    throw new AssertionError("no row " + metric + " in " + comparison);
  }

  @Test
  void thresholdMitigationAndConstraintWriteTheFairnessSectionAndPredictAppliesThem()
      throws Exception {
    Path out = dir.resolve("gc");
    CliRunner.Result r = CliRunner.run("train", "--dataset", "german_credit", "--sensitive", "sex",
        "--trials", "4", "--seed", "3", "--threads", "1", "--out", out.toString(),
        "--mitigation", "threshold", "--threshold-constraint", "equalized_odds",
        "--fairness-constraint", "equalized_odds_difference<=0.2");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode m = Json.mapper().readTree(out.resolve("metrics.json").toFile());
    JsonNode f = m.get("fairness");
    assertEquals("sex", f.get("audit").get("attributes").get(0).get("attribute").asText());

    // before/after on the test split, with intervals
    JsonNode mit = f.get("mitigation");
    assertEquals("threshold", mit.get("method").asText());
    assertEquals(2, mit.get("thresholds").get("rules").size(), "one rule per sex");
    for (String metric : List.of("accuracy", "balanced_accuracy", "equalized_odds_difference",
        "demographic_parity_difference")) {
      JsonNode c = row(mit.get("comparison"), metric);
      for (String k : List.of("before", "after")) {
        double v = c.get(k).asDouble();
        assertTrue(v >= 0 && v <= 1, metric + " " + k + " " + v);
        double lo = c.get(k + "Lower").asDouble();
        double hi = c.get(k + "Upper").asDouble();
        assertTrue(0 <= lo && lo <= hi && hi <= 1, metric + " " + k + " interval " + c);
        if (metric.endsWith("accuracy")) {
          // a percentile interval of a max-gap summary near 0 may lie above its point value,
          // so containment is only required of the accuracies
          assertTrue(lo <= v && v <= hi, metric + " " + k + " interval " + c);
        }
      }
    }
    // the "before" fairness summary is the audit of the delivered model (same scores, 0.5)
    double auditEod = -1;
    for (JsonNode s : f.get("audit").get("attributes").get(0).get("summaries")) {
      if (s.get("name").asText().equals("equalized_odds_difference")) {
        auditEod = s.get("value").asDouble();
      }
    }
    assertEquals(auditEod, row(mit.get("comparison"), "equalized_odds_difference")
        .get("before").asDouble(), 1e-12);

    // per-trial fairness values and the feasible choice
    JsonNode search = f.get("search");
    assertEquals(4, search.get("points").size());
    int chosen = -1;
    Map<Integer, Double> eod = new HashMap<>();
    for (JsonNode p : search.get("points")) {
      double v = p.get("fairness").asDouble();
      eod.put(p.get("trial").asInt(), v);
      assertEquals(v <= 0.2, p.get("feasible").asBoolean(), p.toString());
      if (p.get("chosen").asBoolean()) {
        chosen = p.get("trial").asInt();
      }
    }
    assertEquals(m.get("best_trial").asInt(), chosen);
    boolean anyFeasible = eod.values().stream().anyMatch(v -> v <= 0.2);
    assertEquals(anyFeasible, search.get("feasible").asBoolean());
    if (anyFeasible) {
      assertTrue(eod.get(chosen) <= 0.2, "the reported trial is feasible");
    }
    // the trials' stored attributes agree with trials.csv's values (Pareto table in the report)
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Mitigation: threshold on sex"), "mitigation block");
    assertTrue(html.contains("Accuracy–fairness trade-off"), "trade-off block");
    assertTrue(html.contains("<circle"), "inline SVG scatter");

    // hone predict applies the saved thresholds
    Path model = out.resolve("model");
    assertTrue(Files.isRegularFile(model.resolve("fairness_thresholds.json")));
    Path raw = Path.of(System.getenv("HONE_DATA_MIRROR"), "german_credit",
        "german_credit_named.csv");
    List<String> lines = Files.readAllLines(raw).subList(0, 41);
    Path data = dir.resolve("new.csv");
    Files.write(data, lines);
    Path pred = dir.resolve("pred.csv");
    CliRunner.Result p = CliRunner.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", pred.toString());
    assertEquals(0, p.exitCode(), p.err());
    assertEquals(41, Files.readAllLines(pred).size());

    // hone evaluate audits the thresholded decisions next to the model at 0.5
    Path eval = dir.resolve("eval");
    CliRunner.Result ev = CliRunner.run("evaluate", "--model", model.toString(), "--data",
        raw.toString(), "--out", eval.toString());
    assertEquals(0, ev.exitCode(), ev.err());
    JsonNode evMit = Json.mapper().readTree(eval.resolve("metrics.json").toFile())
        .get("fairness").get("mitigation");
    assertEquals("threshold", evMit.get("method").asText());
    assertEquals(1000, evMit.get("after").get("rows").asInt());

    // a group the thresholds never saw is refused, naming the group and the column
    List<String> bad = new ArrayList<>(lines);
    bad.set(3, bad.get(3).replaceAll(",(male|female)$", ",nonbinary"));
    Files.write(data, bad);
    CliRunner.Result e = CliRunner.run("predict", "--model", model.toString(), "--data",
        data.toString(), "--out", dir.resolve("pred2.csv").toString());
    assertEquals(2, e.exitCode(), e.err());
    assertTrue(e.err().contains("'nonbinary'") && e.err().contains("column sex"), e.err());
    assertFalse(Files.exists(dir.resolve("pred2.csv")));
  }

  @Test
  void reweighingTrainsWithKamiranCaldersWeights() throws Exception {
    Path out = dir.resolve("rw");
    CliRunner.Result r = CliRunner.run("train", "--dataset", "german_credit", "--sensitive", "sex",
        "--trials", "3", "--seed", "5", "--threads", "1", "--out", out.toString(),
        "--mitigation", "reweighing");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode f = Json.mapper().readTree(out.resolve("metrics.json").toFile()).get("fairness");
    JsonNode rw = f.get("mitigation").get("reweighing");
    assertEquals(600, rw.get("rows").asInt(), "fitted on the training split (60% of 1,000)");
    int total = 0;
    for (JsonNode c : rw.get("cells")) {
      total += c.get("count").asInt();
      double expected = (double) c.get("groupCount").asInt() * c.get("labelCount").asInt()
          / (600.0 * c.get("count").asInt());
      assertEquals(expected, c.get("weight").asDouble(), 1e-12, c.toString());
    }
    assertEquals(600, total);
    JsonNode auc = row(f.get("mitigation").get("comparison"), "roc_auc");
    assertTrue(auc.get("before").asDouble() > 0.6 && auc.get("after").asDouble() > 0.6,
        auc.toString());
    // without a constraint the search still records each trial's fairness value
    assertEquals(3, f.get("search").get("points").size());
  }

  @Test
  void mitigationWithoutSensitiveColumnIsAUsageError() {
    CliRunner.Result r = CliRunner.run("train", "--dataset", "iris", "--trials", "1",
        "--out", dir.resolve("iris").toString(), "--mitigation", "reweighing");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--mitigation"), r.err());
  }
}
