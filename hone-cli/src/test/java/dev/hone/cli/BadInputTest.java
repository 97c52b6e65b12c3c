package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad input of {@code hone train} and {@code hone predict} exits with code 2 and a message
 * naming the file, row, column or option, with no stack trace.
 */
class BadInputTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  /** A small valid binary table: x1 numeric, c categorical, y in {a, b}. */
  static String table(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("x1,c,y\n");
    for (int i = 0; i < rows; i++) {
      double x = r.nextGaussian();
      String c = r.nextBoolean() ? "u" : "v";
      String y = x + (c.equals("u") ? 0.5 : -0.5) + 0.5 * r.nextGaussian() > 0 ? "b" : "a";
      sb.append(String.format(java.util.Locale.ROOT, "%.4f,%s,%s%n", x, c, y));
    }
    return sb.toString();
  }

  private void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
  }

  private CliRunner.Result train(Path data, String target, String... extra) {
    String[] base = {
      "train", "--data", data.toString(), "--target", target, "--trials", "2",
      "--out", dir.resolve("out").toString(), "--threads", "1"
    };
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return CliRunner.run(all);
  }

  @Test
  void missingFile() {
    assertUserError(train(dir.resolve("nope.csv"), "y"), "nope.csv");
  }

  @Test
  void emptyFile() throws IOException {
    assertUserError(train(write("empty.csv", ""), "y"), "empty.csv", "empty");
  }

  @Test
  void headerOnly() throws IOException {
    assertUserError(train(write("h.csv", "x1,c,y\n"), "y"), "h.csv");
  }

  @Test
  void unknownTarget() throws IOException {
    assertUserError(train(write("t.csv", table(50, 1)), "income"), "income", "t.csv");
  }

  @Test
  void targetWithOneClass() throws IOException {
    assertUserError(train(write("one.csv", "x1,y\n1,a\n2,a\n3,a\n4,a\n"), "y"), "one.csv", "y");
  }

  @Test
  void targetEntirelyMissing() throws IOException {
    assertUserError(train(write("miss.csv", "x1,y\n1,?\n2,NA\n3,\n"), "y"), "miss.csv", "y");
  }

  @Test
  void rowWithWrongFieldCountReportsLine() throws IOException {
    String t = table(20, 2);
    String bad = t.replaceFirst("(?s)^((?:[^\\n]*\\n){6})([^\\n]*)\\n", "$1$2,extra\n");
    assertUserError(train(write("ragged.csv", bad), "y"), "ragged.csv", "line 7");
  }

  @Test
  void duplicateColumnNames() throws IOException {
    assertUserError(train(write("dup.csv", "x1,x1,y\n1,2,a\n3,4,b\n"), "y"), "dup.csv", "x1");
  }

  @Test
  void nonNumericValueAfterInferenceRows() throws IOException {
    StringBuilder sb = new StringBuilder(table(1100, 3));
    sb.append("oops,u,a\n");
    assertUserError(train(write("late.csv", sb.toString()), "y"), "late.csv", "x1", "oops",
        "line 1102");
  }

  @Test
  void unknownDataset() {
    CliRunner.Result r =
        CliRunner.run("train", "--dataset", "adlt", "--out", dir.resolve("o").toString());
    assertUserError(r, "adlt", "adult");
  }

  @Test
  void zeroTrialsAndNegativeBudget() throws IOException {
    Path data = write("ok.csv", table(50, 4));
    assertUserError(
        CliRunner.run("train", "--data", data.toString(), "--target", "y", "--trials", "0"),
        "--trials");
    assertUserError(
        CliRunner.run("train", "--data", data.toString(), "--target", "y", "--trials", "-3"),
        "--trials");
    assertUserError(
        CliRunner.run(
            "train", "--data", data.toString(), "--target", "y", "--time-budget", "-5m"),
        "--time-budget");
    assertUserError(
        CliRunner.run(
            "train", "--data", data.toString(), "--target", "y", "--time-budget", "soon"),
        "--time-budget");
  }

  @Test
  void storageNotWritable() throws IOException {
    Path data = write("ok.csv", table(60, 5));
    Path aFile = write("plain-file", "x");
    CliRunner.Result r =
        train(data, "y", "--storage", "jdbc:sqlite:" + aFile.resolve("sub/hone.db"));
    assertUserError(r, "plain-file", "--storage");
  }

  @Test
  void mistypedStorageIsRefusedBeforeTheData() {
    // the data file does not exist either: the storage URL is checked first, before any work
    CliRunner.Result r = train(dir.resolve("missing.csv"), "y", "--storage", "sqlite:/tmp/x.db");
    assertUserError(r, "--storage 'sqlite:/tmp/x.db' is not supported", "jdbc:sqlite:PATH");
    assertTrue(!r.err().contains("missing.csv"), r.err());
  }

  @Test
  void unknownOptionIsUsageError() {
    CliRunner.Result r = CliRunner.run("train", "--datset", "adult");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--datset"), r.err());
  }

  @Test
  void allMissingColumnIsDroppedWithWarning() throws IOException {
    StringBuilder sb = new StringBuilder("x1,c,y,empty\n");
    for (String line : table(80, 6).split("\n")) {
      if (!line.startsWith("x1")) {
        sb.append(line).append(",\n"); // every data row has an empty 'empty' cell
      }
    }
    Path data = write("allmissing.csv", sb.toString());
    CliRunner.Result r = train(data, "y");
    assertEquals(0, r.exitCode(), r.err());
    String metrics = Files.readString(dir.resolve("out/metrics.json"));
    assertTrue(metrics.contains("empty"), "warning names the dropped column: " + metrics);
  }

  @Test
  void strayTextInANumericColumnIsAnErrorWithTheWayOut() throws IOException {
    String t = table(200, 7);
    String[] lines = t.split("\n");
    lines[11] = "0.3x" + lines[11].substring(lines[11].indexOf(','));
    Path data = write("typo.csv", String.join("\n", lines) + "\n");
    assertUserError(train(data, "y"), "typo.csv", "line 12", "x1", "0.3x", "--na", "--categorical");
    // the suggested options work
    CliRunner.Result na = train(data, "y", "--na", "0.3x");
    assertEquals(0, na.exitCode(), na.err());
  }

  @Test
  void valueBeyondFloatRange() throws IOException {
    String t = table(60, 8).replaceFirst("\n[^,\n]*,", "\n1e308,");
    assertUserError(train(write("huge.csv", t), "y"), "huge.csv", "x1", "1.0E308");
  }

  @Test
  void foreignFilesInModelFolderAreNotReplaced() throws IOException {
    Path out = dir.resolve("out");
    Files.createDirectories(out.resolve("model"));
    Files.writeString(out.resolve("model/important.txt"), "mine");
    assertUserError(train(write("ok.csv", table(60, 9)), "y"), "model/", "--out");
    assertEquals("mine", Files.readString(out.resolve("model/important.txt")));
  }

  @Test
  void blankStudyNameAndNoCommand() throws IOException {
    assertUserError(train(write("ok.csv", table(60, 10)), "y", "--study", " "), "--study");
    assertEquals(2, CliRunner.run().exitCode());
  }

  @Test
  void failedRunLeavesNoEmptyOutputFolder() {
    CliRunner.Result r = train(dir.resolve("absent.csv"), "y");
    assertEquals(2, r.exitCode());
    assertFalse(Files.exists(dir.resolve("out")), "no empty --out folder left behind");
  }

  @Test
  void strictRefusesATargetCopyAndUserSlicesAreReported() throws IOException {
    StringBuilder sb = new StringBuilder("x1,c,y,leak\n");
    for (String line : table(300, 31).split("\n")) {
      if (!line.startsWith("x1")) {
        sb.append(line).append(',').append(line.substring(line.lastIndexOf(',') + 1)).append('\n');
      }
    }
    Path data = write("leaky.csv", sb.toString());
    CliRunner.Result strict = train(data, "y", "--strict");
    assertUserError(strict, "leak");
    assertFalse(Files.exists(dir.resolve("out/model")), "nothing trained");
    Path clean = write("clean.csv", table(300, 32));
    CliRunner.Result sliced = train(clean, "y", "--slice", "c=u & x1<0");
    assertEquals(0, sliced.exitCode(), sliced.err());
    assertTrue(Files.readString(dir.resolve("out/metrics.json")).contains("c=u & x1<0"),
        "the user slice is evaluated");
  }
}
