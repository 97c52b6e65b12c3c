package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone train --pruner}: pruned trials in trials.csv and the report, resume, bad options. */
class PrunerOptionTest {
  @TempDir Path dir;

  private CliRunner.Result train(Path data, Path out, int trials, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train", "--data", data.toString(), "--target", "y", "--trials",
                Integer.toString(trials), "--seed", "5", "--out", out.toString(), "--threads", "1"));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void medianPrunerPrunesTrialsAndTheStudyResumes() throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, BadInputTest.table(600, 21));
    Path out = dir.resolve("runs/p");
    CliRunner.Result r = train(data, out, 14, "--pruner", "median");
    assertEquals(0, r.exitCode(), r.err());

    List<String> lines = Files.readAllLines(out.resolve("trials.csv"));
    List<String> header = List.of(lines.get(0).split(",", -1));
    int state = header.indexOf("state");
    int value = header.indexOf("value");
    int step = header.indexOf("pruned_at_step");
    int last = header.indexOf("last_intermediate_value");
    assertTrue(step > 0 && last > 0, "pruning columns in " + header);
    assertEquals(15, lines.size(), "header + 14 trials");
    long pruned = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[state].equals("PRUNED")) {
        pruned++;
        assertEquals("", f[value], "a pruned trial has no objective value: " + line);
        int s = Integer.parseInt(f[step]);
        // median pruner: warm-up of n_estimators / 10 = 100 rounds before judging
        assertTrue(s >= 100, "pruned after the warm-up: " + line);
        double v = Double.parseDouble(f[last]);
        assertTrue(v > 0 && v < 1, "a validation log-loss: " + line);
      } else {
        assertEquals("COMPLETE", f[state], line);
        assertEquals("", f[step], line);
        double auc = Double.parseDouble(f[value]);
        assertTrue(auc >= 0.5 && auc <= 1, "an AUC: " + line);
      }
    }
    assertTrue(pruned > 0, "some trials pruned:\n" + String.join("\n", lines));
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("Pruned trials") && html.contains("PRUNED: pruned at step "), html);

    // the same command resumes the study: nothing re-run, more trials continue it
    assertEquals(0, train(data, out, 14, "--pruner", "median").exitCode());
    assertEquals(lines.subList(1, lines.size()).stream().map(PrunerOptionTest::noDuration).toList(),
        Files.readAllLines(out.resolve("trials.csv")).stream().skip(1)
            .map(PrunerOptionTest::noDuration).toList());
    assertEquals(0, train(data, out, 16, "--pruner", "median").exitCode());
    assertEquals(17, Files.readAllLines(out.resolve("trials.csv")).size());

    // another pruner is a different study: refused by the fingerprint
    CliRunner.Result other = train(data, out, 16);
    assertEquals(2, other.exitCode(), other.err());
    assertTrue(other.err().contains("pruner"), other.err());
  }

  private static String noDuration(String line) {
    String[] f = line.split(",", -1);
    f[3] = "";
    return String.join(",", f);
  }

  @Test
  void unknownPrunerIsAUsageErrorNamingTheChoices() throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, BadInputTest.table(50, 1));
    CliRunner.Result r = train(data, dir.resolve("runs/x"), 2, "--pruner", "bogus");
    assertEquals(2, r.exitCode(), r.err());
    for (String s : List.of("--pruner", "bogus", "none", "median", "percentile", "sh", "asha",
        "hyperband")) {
      assertTrue(r.err().contains(s), s + " in " + r.err());
    }
  }

  @Test
  void prunerWithFidelityIsAUsageErrorNamingBoth() throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, BadInputTest.table(50, 1));
    CliRunner.Result r =
        train(data, dir.resolve("runs/x"), 2, "--pruner", "asha", "--fidelity", "auto");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--pruner") && r.err().contains("--fidelity"), r.err());
    assertTrue(Files.notExists(dir.resolve("runs/hone.db")), "refused before any study is made");
  }

  @Test
  void imageTrialsDefaultToFourAndAnExplicitValueIsHonoured() {
    assertEquals(4, ImageOptions.imageTrials(null));
    assertEquals(30, ImageOptions.imageTrials(30));
    assertEquals(7, ImageOptions.imageTrials(7));
  }
}
