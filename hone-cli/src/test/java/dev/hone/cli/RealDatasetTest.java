package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hone train --dataset NAME} on the shared public datasets, one per task. Needs
 * {@code ../shared/datasets} (Maven passes it as {@code hone.shared.datasets} and {@code
 * HONE_DATA_MIRROR}); fails, never skips, when it is missing.
 */
class RealDatasetTest {
  @TempDir Path dir;

  @BeforeAll
  static void sharedDatasetsPresent() {
    String p = System.getProperty("hone.shared.datasets");
    String env = System.getenv("HONE_DATA_MIRROR");
    if (p == null || env == null || !Files.isDirectory(Path.of(env, "adult"))) {
      fail("the shared datasets are missing: expected ../shared/datasets beside the checkout "
          + "(hone.shared.datasets=" + p + ", HONE_DATA_MIRROR=" + env + ")");
    }
  }

  private JsonNode metrics(String dataset) throws Exception {
    return Json.mapper().readTree(dir.resolve(dataset).resolve("metrics.json").toFile());
  }

  private JsonNode train(String dataset, int trials) throws Exception {
    Path out = dir.resolve(dataset);
    CliRunner.Result r =
        CliRunner.run(
            "train", "--dataset", dataset, "--trials", Integer.toString(trials), "--seed", "1",
            "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    return Json.mapper().readTree(out.resolve("metrics.json").toFile()).get("test");
  }

  private static double metric(JsonNode test, String name) {
    for (JsonNode m : test.get("metrics")) {
      if (m.get("name").asText().equals(name)) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no metric " + name + " in " + test);
  }

  /** Adult: published gradient-boosting results are around 0.92-0.93 test ROC AUC. */
  @Test
  void adultBinary() throws Exception {
    JsonNode test = train("adult", 3);
    assertEquals(16281, test.get("n").asInt(), "the official adult.test file is the test split");
    assertTrue(metric(test, "roc_auc") >= 0.92, "roc_auc " + metric(test, "roc_auc"));
    assertTrue(test.get("confusion").get("labels").toString().contains(">50K"));
    // fairness audit on the registered sensitive columns: sex, race and their intersection
    JsonNode attrs = metrics("adult").get("fairness").get("audit").get("attributes");
    assertEquals(3, attrs.size());
    JsonNode sex = attrs.get(0);
    assertEquals("sex", sex.get("attribute").asText());
    boolean flagged = false;
    for (JsonNode s : sex.get("summaries")) {
      if (s.get("name").asText().equals("disparate_impact_ratio")) {
        flagged = s.get("flagged").asBoolean() && s.get("value").asDouble() < 0.8;
      }
    }
    assertTrue(flagged, "adult's selection-rate gap by sex fails the four-fifths rule: " + sex);
    String html = Files.readString(dir.resolve("adult/report.html"));
    assertTrue(html.contains("Fairness"), "fairness section in the report");
  }

  @Test
  void californiaHousingRegression() throws Exception {
    JsonNode test = train("california_housing", 2);
    assertEquals(4128, test.get("n").asInt(), "20% of 20,640 rows");
    assertTrue(metric(test, "r2") > 0.75, "r2 " + metric(test, "r2"));
    assertTrue(test.get("residuals").has("median"));
  }

  @Test
  void irisMulticlass() throws Exception {
    JsonNode test = train("iris", 2);
    assertEquals(30, test.get("n").asInt());
    assertEquals(3, test.get("confusion").get("labels").size());
    assertTrue(metric(test, "accuracy") >= 0.8, "accuracy " + metric(test, "accuracy"));
  }

  @Test
  void germanCreditBinary() throws Exception {
    JsonNode test = train("german_credit", 2);
    assertEquals(200, test.get("n").asInt());
    assertTrue(metric(test, "roc_auc") > 0.65, "roc_auc " + metric(test, "roc_auc"));
  }

  /** hone benchmark: every cell has its seeds; the class-frequency baseline scores AUC 0.5. */
  @Test
  void benchmarkLeaderboard() throws Exception {
    Path out = dir.resolve("bench");
    CliRunner.Result r =
        CliRunner.run(
            "benchmark", "--datasets", "german_credit,titanic", "--learners",
            "xgboost,xgboost-depth2", "--seeds", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode board = Json.mapper().readTree(out.resolve("leaderboard.json").toFile()).get("leaderboard");
    assertEquals(6, board.get("cells").size(), "2 datasets x (2 learners + baseline)");
    for (JsonNode c : board.get("cells")) {
      assertEquals(2, c.get("n").asInt());
      if (c.get("learner").asText().equals("baseline")) {
        assertEquals(0.5, c.get("mean").asDouble(), 1e-12, "a constant score has AUC 0.5");
      } else {
        assertTrue(c.get("mean").asDouble() > 0.7, c.toString());
      }
    }
    assertEquals(3, board.get("tests").size(), "pairwise Wilcoxon tests of 3 learners");
    CliRunner.Result bad =
        CliRunner.run("benchmark", "--datasets", "german_credit", "--learners", "svm",
            "--out", dir.resolve("b2").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("svm"), bad.err());
  }

  /**
   * Every analysis section is written for a 30,000-row credit table with a sensitive column. Slow
   * (about three minutes on 2 cores, most of it in the analyses): run with {@code -Dgroups=slow}.
   */
  @Test
  @org.junit.jupiter.api.Tag("slow")
  void creditDefaultHasEverySection() throws Exception {
    JsonNode test = train("credit_default_taiwan", 2);
    assertEquals(6000, test.get("n").asInt(), "20% of 30,000 rows");
    JsonNode m = metrics("credit_default_taiwan");
    for (String section :
        List.of("leakage", "slices", "slice_discovery", "diagnostics", "explanations", "fairness")) {
      assertTrue(m.has(section), "metrics.json has " + section);
    }
    String html = Files.readString(dir.resolve("credit_default_taiwan/report.html"));
    for (String h : List.of("Leakage", "Calibration", "Sensitivity", "Explanations", "Fairness")) {
      assertTrue(html.contains(h), "report has a " + h + " section");
    }
  }
}
