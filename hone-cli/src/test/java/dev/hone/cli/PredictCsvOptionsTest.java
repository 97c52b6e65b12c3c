package dev.hone.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CSV options of {@code hone predict}, {@code evaluate} and {@code explain} ({@code
 * --delimiter --header/--no-header --na --skip-lines}). Oracle: the same command on the clean CSV
 * (header, commas, empty cells); the UCI-style copy of the same rows (banner line, no header,
 * {@code ", "}, {@code ?}, labels ending in {@code '.'}) must give byte-identical predictions and
 * explanations and the same evaluation. Bad combinations exit with 2 and one clear message.
 */
class PredictCsvOptionsTest {
  @TempDir static Path dir;
  static Path model;

  /** Rows x1 (numeric), c (categorical), x2 (numeric), y; about 8% missing features. */
  static String table(int rows, long seed, boolean uci, boolean target) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(uci ? "|1x3 Cross validator\n"
        : target ? "x1,c,x2,y\n" : "x1,c,x2\n");
    String sep = uci ? ", " : ",";
    String na = uci ? "?" : "";
    for (int i = 0; i < rows; i++) {
      double x1 = r.nextGaussian();
      String c = new String[] {"u", "v", "w"}[r.nextInt(3)];
      double x2 = r.nextDouble() * 10;
      String y = x1 + (c.equals("u") ? 0.7 : -0.3) + 0.1 * x2 + 0.5 * r.nextGaussian() > 0.5
          ? "b" : "a";
      sb.append(r.nextInt(12) == 0 ? na : String.format(Locale.ROOT, "%.4f", x1)).append(sep)
          .append(r.nextInt(12) == 0 ? na : c).append(sep)
          .append(r.nextInt(12) == 0 ? na : String.format(Locale.ROOT, "%.3f", x2));
      if (target) {
        sb.append(sep).append(uci ? y + "." : y);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @BeforeAll
  static void train() throws Exception {
    Path data = dir.resolve("train.csv");
    Files.writeString(data, table(300, 21, false, true));
    CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--target", "y",
        "--trials", "2", "--seed", "4", "--threads", "1", "--out", dir.resolve("run").toString());
    assertEquals(0, r.exitCode(), r.err());
    model = dir.resolve("run/model");
  }

  private static void assertUserError(CliRunner.Result r, String... fragments) {
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().startsWith("error: "), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    for (String f : fragments) {
      assertTrue(r.err().contains(f), "message should mention '" + f + "': " + r.err());
    }
  }

  private static Path write(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    return f;
  }

  private static CliRunner.Result predict(Path data, Path out, String... csv) {
    String[] base = {"predict", "--model", model.toString(), "--data", data.toString(),
        "--out", out.toString()};
    String[] all = new String[base.length + csv.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(csv, 0, all, base.length, csv.length);
    return CliRunner.run(all);
  }

  @Test
  void uciStyleCopyPredictsExactlyAsTheCleanCsv() throws Exception {
    Path clean = write("new.csv", table(80, 22, false, false));
    Path expected = dir.resolve("p-clean.csv");
    assertEquals(0, predict(clean, expected).exitCode());
    String want = Files.readString(expected);
    assertEquals(81, want.lines().count());
    assertTrue(want.lines().skip(1).map(l -> l.split(",")[0]).distinct().count() > 10,
        "the oracle is not degenerate");
    // with the target column (labels ending in '.') and without it; options given or detected
    for (boolean target : new boolean[] {true, false}) {
      Path uci = write("new-" + target + ".test", table(80, 22, true, target));
      for (String[] opts : List.of(
          new String[] {"--no-header", "--skip-lines", "1"},
          new String[] {"--skip-lines", "1"},
          new String[] {"--delimiter", ",", "--na", "?,unknown", "--no-header", "--skip-lines",
              "1"})) {
        Path out = dir.resolve("p-uci.csv");
        CliRunner.Result r = predict(uci, out, opts);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(want, Files.readString(out), String.join(" ", opts) + " target=" + target);
      }
    }
  }

  @Test
  void evaluateAndExplainReadTheUciStyleCopyLikeTheCleanCsv() throws Exception {
    Path clean = write("labelled.csv", table(120, 23, false, true));
    Path uci = write("labelled.test", table(120, 23, true, true));
    CliRunner.Result a = CliRunner.run("evaluate", "--model", model.toString(), "--data",
        clean.toString(), "--out", dir.resolve("ev-clean").toString());
    assertEquals(0, a.exitCode(), a.err());
    CliRunner.Result b = CliRunner.run("evaluate", "--model", model.toString(), "--data",
        uci.toString(), "--out", dir.resolve("ev-uci").toString(), "--no-header",
        "--skip-lines", "1");
    assertEquals(0, b.exitCode(), b.err());
    JsonNode ma = Json.mapper().readTree(dir.resolve("ev-clean/metrics.json").toFile());
    JsonNode mb = Json.mapper().readTree(dir.resolve("ev-uci/metrics.json").toFile());
    assertEquals(120, ma.get("test").get("n").asInt());
    assertEquals(ma.get("test"), mb.get("test"));

    CliRunner.Result ea = CliRunner.run("explain", "--model", model.toString(), "--data",
        clean.toString(), "--rows", "0,4,9", "--out", dir.resolve("ex-clean").toString());
    assertEquals(0, ea.exitCode(), ea.err());
    CliRunner.Result eb = CliRunner.run("explain", "--model", model.toString(), "--data",
        uci.toString(), "--rows", "0,4,9", "--out", dir.resolve("ex-uci").toString(),
        "--skip-lines", "1", "--na", "?");
    assertEquals(0, eb.exitCode(), eb.err());
    assertEquals(Files.readString(dir.resolve("ex-clean/explanations.csv")),
        Files.readString(dir.resolve("ex-uci/explanations.csv")));
  }

  @Test
  void badCombinationsAreOneClearErrorWithExitCode2() throws Exception {
    Path two = write("two.csv", "0.5,u\n1.5,v\n");
    Path out = dir.resolve("never.csv");
    assertUserError(predict(two, out, "--no-header"), "two.csv", "2 column(s)",
        "4 columns (or 3 without the target 'y')", "x1, c, x2, y", "drop --no-header");
    assertUserError(predict(two, out), "two.csv", "2 column(s)", "pass --header");
    assertUserError(predict(two, out, "--skip-lines", "-1"),
        "--skip-lines was -1 but must be 0 or more");
    assertUserError(predict(two, out, "--delimiter", ", "), "--delimiter was ', '",
        "give --delimiter ','");
    Path uci = write("banner.test", table(20, 24, true, true));
    assertUserError(predict(uci, out), "banner.test", "line 2", "--skip-lines 1");
    assertUserError(CliRunner.run("evaluate", "--model", model.toString(), "--data",
            two.toString(), "--out", dir.resolve("ev-bad").toString(), "--no-header"),
        "two.csv", "2 column(s)");
    assertFalse(Files.exists(out));
  }
}
