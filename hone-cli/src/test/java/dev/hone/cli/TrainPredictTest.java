package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone train} then {@code hone predict} end to end on a small generated table. */
class TrainPredictTest {
  @TempDir Path dir;

  private CliRunner.Result train(Path data, Path out, int trials) {
    return CliRunner.run(
        "train", "--data", data.toString(), "--target", "y", "--trials", Integer.toString(trials),
        "--seed", "3", "--out", out.toString(), "--threads", "1");
  }

  /** trials.csv without the duration column, which is wall-clock time. */
  private static List<String> trialsWithoutDurations(Path out) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("trials.csv"))) {
      String[] f = line.split(",", -1);
      if (!rows.isEmpty()) {
        f[3] = "";
      }
      rows.add(String.join(",", f));
    }
    return rows;
  }

  @Test
  void trainWritesEverythingAndIsReproducible() throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, BadInputTest.table(400, 11));
    Path outA = dir.resolve("runs/a");
    CliRunner.Result a = train(data, outA, 4);
    assertEquals(0, a.exitCode(), a.err());
    for (String f :
        List.of(
            "model/model.json", "model/preprocessor.json", "model/schema.json",
            "model/provenance.json", "metrics.json", "trials.csv", "report.html")) {
      assertTrue(Files.isRegularFile(outA.resolve(f)), f);
    }
    assertTrue(Files.isRegularFile(dir.resolve("runs/hone.db")), "study stored beside --out");
    List<String> trials = trialsWithoutDurations(outA);
    assertEquals(5, trials.size(), "header + 4 trials");
    assertTrue(trials.get(0).startsWith("number,state,value,duration_s,params_"));
    assertTrue(trials.stream().skip(1).allMatch(l -> l.split(",")[1].equals("COMPLETE")));

    JsonNode prov = Json.mapper().readTree(outA.resolve("model/provenance.json").toFile());
    assertEquals(64, prov.get("data").get("sha256").asText().length());
    assertEquals(3, prov.get("seed").asLong());
    assertTrue(prov.get("hyperparameters").has("max_depth"));
    assertTrue(prov.get("environment").get("libraries").has("xgboost4j"));
    JsonNode metrics = Json.mapper().readTree(outA.resolve("metrics.json").toFile());
    JsonNode auc = metrics.get("test").get("metrics").get(0);
    assertEquals("roc_auc", auc.get("name").asText());
    assertTrue(auc.get("ciLower").asDouble() <= auc.get("value").asDouble());
    String html = Files.readString(outA.resolve("report.html"));
    assertTrue(html.contains("Leaderboard") && html.contains("<svg") && html.contains("Confusion"));

    // same command, fresh study in another folder: identical params and metrics
    Path outB = dir.resolve("runs/b");
    assertEquals(0, train(data, outB, 4).exitCode());
    assertEquals(trials, trialsWithoutDurations(outB));
    JsonNode metricsB = Json.mapper().readTree(outB.resolve("metrics.json").toFile());
    assertEquals(metrics.get("test"), metricsB.get("test"));

    // the same study again resumes: nothing is re-run
    assertEquals(0, train(data, outA, 4).exitCode());
    assertEquals(trials, trialsWithoutDurations(outA));

    // predict on rows without the target
    Path fresh = dir.resolve("new.csv");
    StringBuilder sb = new StringBuilder("x1,c\n");
    for (String line : BadInputTest.table(30, 12).split("\n")) {
      if (!line.startsWith("x1")) {
        sb.append(line, 0, line.lastIndexOf(',')).append('\n');
      }
    }
    Files.writeString(fresh, sb.toString());
    Path preds = dir.resolve("preds.csv");
    CliRunner.Result p =
        CliRunner.run(
            "predict", "--model", outA.resolve("model").toString(), "--data", fresh.toString(),
            "--out", preds.toString());
    assertEquals(0, p.exitCode(), p.err());
    List<String> lines = Files.readAllLines(preds);
    assertEquals("prob_a,prob_b,predicted", lines.get(0));
    assertEquals(31, lines.size());
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      double pa = Double.parseDouble(f[0]);
      double pb = Double.parseDouble(f[1]);
      assertEquals(1.0, pa + pb, 1e-5);
      assertEquals(pb > pa ? "b" : "a", f[2]);
    }

    // the target column, when present, is ignored
    Path withTarget = dir.resolve("preds2.csv");
    CliRunner.Result p2 =
        CliRunner.run(
            "predict", "--model", outA.resolve("model").toString(), "--data", data.toString(),
            "--out", withTarget.toString());
    assertEquals(0, p2.exitCode(), p2.err());
    assertEquals(401, Files.readAllLines(withTarget).size());

    // evaluate on a labelled table
    Path evalOut = dir.resolve("eval");
    CliRunner.Result ev =
        CliRunner.run(
            "evaluate", "--model", outA.resolve("model").toString(), "--data", data.toString(),
            "--out", evalOut.toString());
    assertEquals(0, ev.exitCode(), ev.err());
    JsonNode evMetrics = Json.mapper().readTree(evalOut.resolve("metrics.json").toFile());
    assertEquals(400, evMetrics.get("test").get("n").asInt());
    assertTrue(evMetrics.has("diagnostics"));
    assertTrue(Files.readString(evalOut.resolve("report.html")).contains("hone evaluate"));

    // explain rows: base value + Σ Shapley values = the model's margin, per row
    Path expOut = dir.resolve("exp");
    CliRunner.Result exp =
        CliRunner.run(
            "explain", "--model", outA.resolve("model").toString(), "--data", fresh.toString(),
            "--rows", "0,3,7", "--out", expOut.toString());
    assertEquals(0, exp.exitCode(), exp.err());
    assertTrue(Files.readString(expOut.resolve("explanations.html")).contains("Explanations"));
    List<String> expLines = Files.readAllLines(expOut.resolve("explanations.csv"));
    assertEquals("row,output,base_value,prediction,x1,c", expLines.get(0));
    assertEquals(4, expLines.size());
    for (String l : expLines.subList(1, expLines.size())) {
      String[] f = l.split(",");
      double sum = Double.parseDouble(f[2]) + Double.parseDouble(f[4]) + Double.parseDouble(f[5]);
      assertEquals(Double.parseDouble(f[3]), sum, 1e-6, "efficiency: " + l);
    }

    // schema mismatch: a column is missing -> exit 2, nothing written, model untouched
    Path wrong = dir.resolve("wrong.csv");
    Files.writeString(wrong, "x1,other\n0.5,u\n");
    byte[] modelBefore = Files.readAllBytes(outA.resolve("model/model.json"));
    CliRunner.Result bad =
        CliRunner.run(
            "predict", "--model", outA.resolve("model").toString(), "--data", wrong.toString(),
            "--out", dir.resolve("p2.csv").toString());
    assertEquals(2, bad.exitCode(), bad.err());
    assertTrue(bad.err().contains("wrong.csv") && bad.err().contains("c"), bad.err());
    assertFalse(Files.exists(dir.resolve("p2.csv")));
    assertTrue(java.util.Arrays.equals(modelBefore, Files.readAllBytes(outA.resolve("model/model.json"))));
  }

  @Test
  void resumingWithOtherDataIsRefused() throws IOException {
    Path d1 = dir.resolve("d1.csv");
    Path d2 = dir.resolve("d2.csv");
    Files.writeString(d1, BadInputTest.table(200, 1));
    Files.writeString(d2, BadInputTest.table(200, 2));
    Path out = dir.resolve("runs/s");
    assertEquals(0, train(d1, out, 2).exitCode());
    byte[] db = Files.readAllBytes(dir.resolve("runs/hone.db"));
    CliRunner.Result r = train(d2, out, 2);
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("data_sha256") && r.err().contains("--study"), r.err());
    assertTrue(Files.isRegularFile(out.resolve("model/model.json")), "earlier model kept");
    assertEquals(db.length, Files.readAllBytes(dir.resolve("runs/hone.db")).length);
  }
}
