package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hone train --jobs 2}, then {@code hone study list|export} and {@code hone store upgrade}. */
class StudyCommandsTest {
  @TempDir Path dir;

  @Test
  void parallelTrainThenInspectTheStudy() throws Exception {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, BadInputTest.table(300, 21));
    CliRunner.Result r =
        CliRunner.run(
            "train", "--data", data.toString(), "--target", "y", "--trials", "6", "--jobs", "2",
            "--threads", "2", "--out", dir.resolve("runs/par").toString());
    assertEquals(0, r.exitCode(), r.err());
    String db = "jdbc:sqlite:" + dir.resolve("runs/hone.db");
    Path csv = dir.resolve("trials-export.csv");
    CliRunner.Result ex =
        CliRunner.run("study", "export", "par", "--storage", db, "--out", csv.toString());
    assertEquals(0, ex.exitCode(), ex.err());
    List<String> lines = Files.readAllLines(csv);
    assertEquals(7, lines.size(), "header + exactly 6 trials with --jobs 2");
    assertTrue(lines.get(0).startsWith("number,state,value"));
    for (int i = 1; i < lines.size(); i++) {
      assertEquals((i - 1) + ",COMPLETE", lines.get(i).substring(0, lines.get(i).indexOf(',', 2)));
    }
    assertEquals(0, CliRunner.run("study", "list", "--storage", db).exitCode());
    assertEquals(0, CliRunner.run("store", "upgrade", "--db", db).exitCode());
    CliRunner.Result missing = CliRunner.run("study", "show", "nope", "--storage", db);
    assertEquals(2, missing.exitCode());
    assertTrue(missing.err().contains("nope"), missing.err());
  }
}
