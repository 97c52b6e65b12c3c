package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.preprocess.FittedPreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Predictor} with {@link CsvSettings}: a UCI-style copy of a table (banner line, no header,
 * {@code ", "} separators, {@code ?} for missing, labels with a trailing {@code '.'}) must give
 * exactly the probabilities of the clean CSV (the oracle: the same model on the clean file, compared
 * with {@code ==} per double); header-less files with a wrong column count, a schema without the
 * training column order and negative skip counts are refused with messages that say what to do.
 */
class PredictorCsvSettingsTest {
  @TempDir static Path dir;
  static Path model;

  /** A generated row: x1 numeric, c categorical, x2 numeric, y label; about 8% missing features. */
  private static String[] row(SplittableRandom r) {
    double x1 = r.nextGaussian();
    String c = new String[] {"u", "v", "w"}[r.nextInt(3)];
    double x2 = r.nextDouble() * 10;
    String y = x1 + (c.equals("u") ? 0.7 : -0.3) + 0.1 * x2 + 0.5 * r.nextGaussian() > 0.5
        ? "b" : "a";
    return new String[] {
      r.nextInt(12) == 0 ? null : String.format(Locale.ROOT, "%.4f", x1),
      r.nextInt(12) == 0 ? null : c,
      r.nextInt(12) == 0 ? null : String.format(Locale.ROOT, "%.3f", x2),
      y
    };
  }

  /** Clean CSV: header, comma, empty cells for missing; with or without the target column. */
  static String clean(int rows, long seed, boolean target) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(target ? "x1,c,x2,y\n" : "x1,c,x2\n");
    for (int i = 0; i < rows; i++) {
      String[] f = row(r);
      int n = target ? 4 : 3;
      for (int j = 0; j < n; j++) {
        sb.append(j > 0 ? "," : "").append(f[j] == null ? "" : f[j]);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The same rows as UCI adult.test is written: banner, no header, ", ", '?', labels with '.'. */
  static String uci(int rows, long seed, boolean target) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("|1x3 Cross validator\n");
    for (int i = 0; i < rows; i++) {
      String[] f = row(r);
      int n = target ? 4 : 3;
      for (int j = 0; j < n; j++) {
        String v = f[j] == null ? "?" : j == 3 ? f[j] + "." : f[j];
        sb.append(j > 0 ? ", " : "").append(v);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @BeforeAll
  static void train() throws Exception {
    Path data = dir.resolve("train.csv");
    Files.writeString(data, clean(300, 11, true));
    TrainConfig cfg = new TrainConfig(
        null, data, null, "y", null, null, 2, null, 5, dir.resolve("run"),
        "jdbc:sqlite:" + dir.resolve("hone.db"), null, false, null, "tpe", 1, null, 1, null);
    new TrainWorkflow().run(cfg, TrainListener.NONE);
    model = dir.resolve("run/model");
    assertTrue(Files.isRegularFile(model.resolve("schema.json")));
  }

  /** The model's class probabilities for {@code data} read with {@code csv}, as Predictor does. */
  private static double[][] probabilities(Path data, CsvSettings csv) {
    try (ModelBundle b = ModelBundle.load(model)) {
      Table t = Predictor.read(data, b.schema(), csv, model);
      if (t.hasColumn("y")) {
        t = t.drop(List.of("y"));
      }
      FittedPreprocessor prep = b.preprocessor();
      return b.model().predict(prep.transform(prep.coerce(t, "t"), "t")).probabilities();
    }
  }

  private static final CsvSettings UCI_SETTINGS =
      new CsvSettings(null, false, List.of(), List.of(), 1);

  @Test
  void uciStyleCopyGivesExactlyTheProbabilitiesOfTheCleanCsv() throws Exception {
    Path clean = dir.resolve("new.csv");
    Files.writeString(clean, clean(60, 12, false));
    double[][] expected = probabilities(clean, CsvSettings.DETECT);
    assertEquals(60, expected.length);
    // the oracle is not degenerate: the rows hold missing values and get different probabilities
    assertTrue(Files.readString(clean).contains(",,") || Files.readString(clean).contains(",\n"));
    assertFalse(expected[0][1] == expected[1][1] && expected[1][1] == expected[2][1]);

    for (boolean target : new boolean[] {true, false}) {
      Path uci = dir.resolve("new-uci-" + target + ".test");
      Files.writeString(uci, uci(60, 12, target));
      // given: no header, one banner line; and detected header with the banner skipped
      for (CsvSettings s : List.of(
          UCI_SETTINGS, new CsvSettings(',', null, List.of("?"), List.of(), 1))) {
        double[][] got = probabilities(uci, s);
        assertEquals(expected.length, got.length);
        for (int i = 0; i < got.length; i++) {
          assertArrayEquals(expected[i], got[i], 0.0, "row " + i + " target=" + target + " " + s);
        }
      }
      Path outClean = dir.resolve("p-clean.csv");
      Path outUci = dir.resolve("p-uci-" + target + ".csv");
      assertEquals(60, Predictor.predict(model, clean, outClean));
      assertEquals(60, Predictor.predict(model, uci, outUci, UCI_SETTINGS));
      assertEquals(Files.readString(outClean), Files.readString(outUci));
    }
  }

  @Test
  void headerlessFileWithAnotherColumnCountIsRefusedWithTheExpectedColumns() throws Exception {
    Path two = dir.resolve("two.csv");
    Files.writeString(two, "0.5,u\n1.5,v\n");
    for (CsvSettings s : List.of(CsvSettings.DETECT,
        new CsvSettings(null, false, List.of(), List.of(), 0))) {
      DataValidationException e = assertThrows(DataValidationException.class,
          () -> Predictor.predict(model, two, dir.resolve("never.csv"), s));
      String m = e.getMessage();
      assertTrue(m.contains(two.toString()) && m.contains("2 column(s)")
          && m.contains("4 columns (or 3 without the target 'y')")
          && m.contains("x1, c, x2, y"), m);
      assertTrue(m.contains(s.header() == null ? "pass --header" : "drop --no-header"), m);
      assertFalse(Files.exists(dir.resolve("never.csv")));
    }
  }

  @Test
  void schemaWithoutColumnOrderAsksForAHeader() throws Exception {
    Path uci = dir.resolve("order.test");
    Files.writeString(uci, uci(5, 3, false));
    ModelSchema s;
    try (ModelBundle b = ModelBundle.load(model)) {
      s = b.schema();
    }
    ModelSchema old = new ModelSchema(
        s.formatVersion(), s.learner(), s.task(), s.target(), s.classLabels(), s.input(), null);
    DataValidationException e = assertThrows(DataValidationException.class,
        () -> Predictor.read(uci, old, UCI_SETTINGS, model));
    assertTrue(e.getMessage().contains("does not record the training file's column order")
        && e.getMessage().contains("--header") && e.getMessage().contains("x1"), e.getMessage());
  }

  @Test
  void negativeSkipLinesAndTwoCharacterDelimitersAreRefused() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new CsvSettings(null, null, List.of(), List.of(), -1));
    assertTrue(e.getMessage().contains("--skip-lines was -1 but must be 0 or more"), e.getMessage());
    InvalidParameterException d = assertThrows(InvalidParameterException.class,
        () -> CsvSettings.parseDelimiter(", "));
    assertTrue(d.getMessage().contains("give --delimiter ','"), d.getMessage());
    assertEquals(0, new CsvSettings(null, null, List.of(), List.of()).skipLines());
  }
}
