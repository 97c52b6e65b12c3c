package dev.hone.preprocess;

import static dev.hone.preprocess.Tables.cat;
import static dev.hone.preprocess.Tables.num;
import static dev.hone.preprocess.Tables.rows;
import static dev.hone.preprocess.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.ColumnSpec;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.model.FeatureMatrix;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected matrices here are written out by hand from the rule in the Javadoc of {@link
 * FittedPreprocessor}; comparisons are exact (0/1 indicators, NaN and float values that are exact
 * in binary).
 */
class FitTransformTest {
  private static final float NaN = Float.NaN;

  /**
   * age numeric; color categorical with levels red x2, blue x1, green x1, one missing; sex
   * (sensitive) F x3, M x2; maxOneHotLevels = 2.
   */
  private static Table handTable() {
    return table(
        "y",
        TaskType.BINARY,
        List.of("sex"),
        num("age", 25.0, null, 40.5, 33.0, 51.0),
        cat("color", "red", "blue", "red", null, "green"),
        cat("sex", "M", "F", "F", "M", "F"),
        cat("y", "no", "yes", "no", "yes", "no"));
  }

  @Test
  void handBuiltTableGivesTheHandWrittenMatrix() {
    FittedPreprocessor f = Preprocessor.defaults().withMaxOneHotLevels(2).fit(handTable());
    // color: red (2) first; blue and green tie at 1 -> "blue" < "green" keeps blue; green is cut.
    // sex: F (3) before M (2).
    assertEquals(
        List.of("age", "color=red", "color=blue", "color=__other__", "sex=F", "sex=M"),
        f.featureNames());
    float[][] expected = {
      {25f, 1, 0, 0, 0, 1},
      {NaN, 0, 1, 0, 1, 0},
      {40.5f, 1, 0, 0, 1, 0},
      {33f, NaN, NaN, NaN, 0, 1},
      {51f, 0, 0, 1, 1, 0},
    };
    TransformResult r = f.transformWithReport(handTable(), "hand");
    assertEquals(5, r.matrix().nRows());
    assertEquals(f.featureNames(), r.matrix().featureNames());
    assertArrayEquals(expected, rows(r.matrix()));
    // green was seen in training: it goes to __other__ but is not an unseen level
    assertEquals(List.of(), r.unseen());
    assertEquals(0, r.unseenLevelCount());
    assertArrayEquals(new double[] {0, 1, 0, 1, 0}, f.labels(handTable()));
    assertEquals(List.of("no", "yes"), f.classLabels());
    assertEquals(2, f.nClasses());
    assertEquals(5, f.trainRows());
  }

  @Test
  void categoricalBlocksCoverEachOneHotBlockIncludingOther() {
    FittedPreprocessor f = Preprocessor.defaults().withMaxOneHotLevels(2).fit(handTable());
    // columns: age | color=red color=blue color=__other__ | sex=F sex=M (written out above)
    assertEquals(
        List.of(
            new dev.hone.core.model.CategoricalBlock("color", 1, 3),
            new dev.hone.core.model.CategoricalBlock("sex", 4, 2)),
        f.categoricalBlocks());
  }

  @Test
  void featureNamesMapBackToTheirInputColumns() {
    FittedPreprocessor f = Preprocessor.defaults().withMaxOneHotLevels(2).fit(handTable());
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("age", "age");
    expected.put("color=red", "color");
    expected.put("color=blue", "color");
    expected.put("color=__other__", "color");
    expected.put("sex=F", "sex");
    expected.put("sex=M", "sex");
    assertEquals(expected, f.featureToInput());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(f.featureToInput().keySet()));
    assertEquals(List.of("color=red", "color=blue", "color=__other__"), f.featuresOf("color"));
    assertEquals(List.of("age"), f.featuresOf("age"));
    assertThrows(IllegalArgumentException.class, () -> f.featuresOf("y"));
    EncodedColumn color = f.encodings().get(1);
    assertEquals(
        new EncodedColumn("color", ColumnType.CATEGORICAL, List.of("red", "blue"), List.of("green")),
        color);
    assertEquals(3, color.width());
    assertTrue(color.hasOther());
    // the encodings concatenate to the feature names
    assertEquals(
        f.featureNames(),
        f.encodings().stream().flatMap(e -> e.outputNames().stream()).toList());
  }

  @Test
  void inputSchemaIsTheTrainingFeatureColumnsInOrderWithTypes() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    assertEquals(
        List.of(
            ColumnSpec.numeric("age"),
            new ColumnSpec("color", ColumnType.CATEGORICAL, List.of("red", "blue", "green")),
            new ColumnSpec("sex", ColumnType.CATEGORICAL, List.of("M", "F"))),
        f.inputSchema().columns());
    assertEquals(null, f.inputSchema().target());
    assertEquals(List.of("sex"), f.inputSchema().sensitive());
    assertEquals("y", f.target());
    assertEquals(TaskType.BINARY, f.task());
  }

  @Test
  void levelOnlyInTheTestRowsNeverBecomesAColumn() {
    // the full table lists "purple", but only row 5 (a test row) has it
    Table full =
        table(
            "y",
            TaskType.BINARY,
            cat("color", "red", "blue", "red", "blue", "red", "purple"),
            cat("y", "a", "b", "a", "b", "a", "b"));
    Table train = full.select(new int[] {0, 1, 2, 3, 4});
    Table test = full.select(new int[] {5, 0});
    assertTrue(((CategoricalColumn) train.column("color")).levels().contains("purple"));

    FittedPreprocessor f = Preprocessor.defaults().fit(train);
    assertEquals(List.of("color=red", "color=blue"), f.featureNames());
    assertFalse(f.inputSchema().column("color").orElseThrow().levels().contains("purple"));

    TransformResult r = f.transformWithReport(test, "test.csv");
    assertArrayEquals(new float[][] {{0, 0}, {1, 0}}, rows(r.matrix()));
    assertEquals(List.of(new UnseenLevels("color", 1, List.of("purple"))), r.unseen());
    assertEquals(1, r.unseenLevelCount());
  }

  @Test
  void classesAbsentFromTheTrainingRowsAreNotClasses() {
    Table full =
        table(
            "y",
            TaskType.MULTICLASS,
            num("x", 1.0, 2.0, 3.0, 4.0),
            cat("y", "c", "a", "c", "b"));
    FittedPreprocessor f = Preprocessor.defaults().fit(full.select(new int[] {0, 1, 2}));
    assertEquals(List.of("c", "a"), f.classLabels());
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> f.labels(full, "all.csv"));
    assertTrue(e.getMessage().contains("label 'b'"), e.getMessage());
  }

  @Test
  void unseenLevelGoesToOtherWhenItExists() {
    FittedPreprocessor f = Preprocessor.defaults().withMaxOneHotLevels(1).fit(handTable());
    // color keeps red only; blue and green go to other
    Table test =
        table(
            null,
            null,
            num("age", 1.0, 2.0, 3.0, 4.0),
            cat("color", "mauve", "green", "red", "mauve"),
            cat("sex", "F", "M", "X", null));
    assertEquals(
        List.of("age", "color=red", "color=__other__", "sex=F", "sex=__other__"),
        f.featureNames());
    TransformResult r = f.transformWithReport(test, "t");
    float[][] expected = {
      {1, 0, 1, 1, 0},
      {2, 0, 1, 0, 1},
      {3, 1, 0, 0, 1},
      {4, 0, 1, NaN, NaN},
    };
    assertArrayEquals(expected, rows(r.matrix()));
    // "mauve" twice and "X" once are unseen; "green" and "M" were seen in training
    assertEquals(
        List.of(
            new UnseenLevels("color", 2, List.of("mauve")),
            new UnseenLevels("sex", 1, List.of("X"))),
        r.unseen());
    assertEquals(3, r.unseenLevelCount());
  }

  @Test
  void unseenLevelGivesAllZerosWithoutOther() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    assertEquals(
        List.of("age", "color=red", "color=blue", "color=green", "sex=F", "sex=M"),
        f.featureNames());
    Table test =
        table(
            null,
            null,
            num("age", 7.0, 8.0),
            cat("color", "teal", "orange"),
            cat("sex", "M", "M"));
    TransformResult r = f.transformWithReport(test, "t");
    assertArrayEquals(new float[][] {{7, 0, 0, 0, 0, 1}, {8, 0, 0, 0, 0, 1}}, rows(r.matrix()));
    assertEquals(List.of(new UnseenLevels("color", 2, List.of("teal", "orange"))), r.unseen());
    // transform() returns the same matrix (it only logs the warning)
    assertArrayEquals(r.matrix().data(), f.transform(test).data());
  }

  @Test
  void unseenExamplesAreCapped() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    String[] colors = {"a", "b", "c", "d", "e", "f", "g", "a"};
    Double[] ages = new Double[colors.length];
    String[] sex = new String[colors.length];
    java.util.Arrays.fill(ages, 1.0);
    java.util.Arrays.fill(sex, "F");
    Table test =
        table(null, null, num("age", ages), cat("color", colors), cat("sex", sex));
    UnseenLevels u = f.transformWithReport(test, "t").unseen().get(0);
    assertEquals(8, u.rows());
    assertEquals(List.of("a", "b", "c", "d", "e"), u.examples());
  }

  @Test
  void minLevelCountSendsRareLevelsToOther() {
    Table t =
        table(
            "y",
            TaskType.BINARY,
            cat("c", "x", "x", "x", "y", "y", "z", "w"),
            cat("y", "0", "1", "0", "1", "0", "1", "0"));
    FittedPreprocessor f = Preprocessor.defaults().withMinLevelCount(2).fit(t);
    assertEquals(List.of("c=x", "c=y", "c=__other__"), f.featureNames());
    assertEquals(List.of("w", "z"), f.encodings().get(0).otherLevels());
    assertArrayEquals(
        new float[][] {{1, 0, 0}, {1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}},
        rows(f.transform(t)));
  }

  @Test
  void frequencyOrderBreaksTiesByLevelString() {
    Table t =
        table(
            "y",
            TaskType.BINARY,
            cat("c", "b", "a", "c", "c", "b", "a", "d"),
            cat("y", "0", "1", "0", "1", "0", "1", "0"));
    // counts: a 2, b 2, c 2, d 1 -> a, b, c, d
    assertEquals(
        List.of("c=a", "c=b", "c=c", "c=d"), Preprocessor.defaults().fit(t).featureNames());
  }

  @Test
  void numericValuesPassThroughIncludingNaNAndInfinity() {
    Table t =
        table(
            "y",
            TaskType.REGRESSION,
            num("x", 0.1, null, Double.POSITIVE_INFINITY, -3.25, 1e300),
            num("y", 1.0, 2.0, 3.0, 4.0, 5.0));
    FeatureMatrix m = Preprocessor.defaults().fit(t).transform(t);
    assertArrayEquals(
        new float[] {0.1f, NaN, Float.POSITIVE_INFINITY, -3.25f, Float.POSITIVE_INFINITY},
        m.data());
  }

  @Test
  void categoricalColumnArrivingAsNumericCodesIsMatchedByText() {
    Table train =
        table(
            "y",
            TaskType.BINARY,
            cat("code", "1", "2", "3", "2", "1", "1"),
            cat("y", "a", "b", "a", "b", "a", "b"));
    FittedPreprocessor f = Preprocessor.defaults().fit(train);
    assertEquals(List.of("code=1", "code=2", "code=3"), f.featureNames());
    Table asNumbers = table(null, null, num("code", 2.0, 3.0, null, 1.0, 4.0));
    f.checkCompatible(asNumbers, "codes.csv");
    TransformResult r = f.transformWithReport(asNumbers, "codes.csv");
    assertArrayEquals(
        new float[][] {{0, 1, 0}, {0, 0, 1}, {NaN, NaN, NaN}, {1, 0, 0}, {0, 0, 0}},
        rows(r.matrix()));
    assertEquals(List.of(new UnseenLevels("code", 1, List.of("4"))), r.unseen());
  }

  @Test
  void numericColumnArrivingAsNumericTextIsParsed() {
    Table train =
        table("y", TaskType.REGRESSION, num("x", 1.5, 2.0), num("y", 0.0, 1.0));
    FittedPreprocessor f = Preprocessor.defaults().fit(train);
    Table asText = table(null, null, cat("x", " 2.5", "-1e2", null, "NaN", "", "inf"));
    f.checkCompatible(asText, "p.csv");
    assertArrayEquals(
        new float[] {2.5f, -100f, NaN, NaN, NaN, Float.POSITIVE_INFINITY},
        f.transform(asText).data());
    Table bad = table(null, null, cat("x", "1", "two"));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> f.transform(bad, "p.csv"));
    assertEquals(
        "p.csv: column 'x' must be numeric, as in the training data, but holds the non-numeric"
            + " value 'two' (data row 2): fix or blank out such values, or retrain with this"
            + " column as categorical",
        e.getMessage());
  }

  @Test
  void sensitiveColumnsAreFeaturesUnlessExcluded() {
    FittedPreprocessor with = Preprocessor.defaults().fit(handTable());
    assertTrue(with.featureToInput().containsValue("sex"));
    FittedPreprocessor without =
        Preprocessor.defaults().withExcludeColumns(List.of("sex")).fit(handTable());
    assertEquals(
        List.of("age", "color=red", "color=blue", "color=green"), without.featureNames());
    assertEquals(List.of("age", "color"), without.inputSchema().names());
    assertEquals(List.of(), without.inputSchema().sensitive());
    assertEquals(List.of("sex"), without.excludedColumns());
    // an excluded column may be present or absent at prediction time
    without.checkCompatible(handTable(), "with-sex.csv");
    without.checkCompatible(handTable().drop(List.of("sex")), "no-sex.csv");
    assertEquals(4, without.transform(handTable().drop(List.of("sex", "y"))).nCols());
  }

  @Test
  void columnOrderAndExtraColumnsDoNotChangeTheTransform() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    Table t = handTable();
    Table reordered =
        new Table(
            List.of(
                num("extra", 9.0, 9.0, 9.0, 9.0, 9.0),
                t.column("sex"),
                t.column("y"),
                t.column("color"),
                t.column("age")));
    assertArrayEquals(f.transform(t).data(), f.transform(reordered).data());
  }

  @Test
  void missingInputColumnInTransformIsAnError() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> f.transform(handTable().drop(List.of("age")), "p.csv"));
    assertTrue(e.getMessage().startsWith("p.csv: missing feature column(s) [age]"), e.getMessage());
  }

  @Test
  void categoricalColumnWithNoTrainingValuesGivesNoFeatures() {
    Table t =
        table(
            "y",
            TaskType.BINARY,
            num("x", 1.0, 2.0),
            cat("empty", (String) null, null),
            cat("y", "a", "b"));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    assertEquals(List.of("x"), f.featureNames());
    assertEquals(List.of(), f.featuresOf("empty"));
    Table test = table(null, null, num("x", 3.0), cat("empty", "new"));
    TransformResult r = f.transformWithReport(test, "t");
    assertArrayEquals(new float[] {3f}, r.matrix().data());
    assertEquals(List.of(new UnseenLevels("empty", 1, List.of("new"))), r.unseen());
  }

  @Test
  void zeroRowTableTransformsToEmptyMatrix() {
    FittedPreprocessor f = Preprocessor.defaults().fit(handTable());
    FeatureMatrix m = f.transform(handTable().select(new int[0]));
    assertEquals(0, m.nRows());
    assertEquals(6, m.nCols());
  }

  @Test
  void collidingFeatureNamesAreAnError() {
    Table t =
        table(
            "y",
            TaskType.BINARY,
            num("a=b", 1.0, 2.0),
            cat("a", "b", "c"),
            cat("y", "0", "1"));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(t));
    assertTrue(e.getMessage().contains("feature name 'a=b'"), e.getMessage());
    assertTrue(e.getMessage().contains("rename"), e.getMessage());
  }

  @Test
  void unmarkedOrEmptyTrainingTablesAreErrors() {
    Table noTarget = new Table(List.of(num("x", 1.0)));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(noTarget));
    assertTrue(e.getMessage().contains("no target column marked"), e.getMessage());
    Table noTask = table("y", null, num("x", 1.0), num("y", 1.0));
    e = assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(noTask));
    assertTrue(e.getMessage().contains("no task marked"), e.getMessage());
    Table empty = table("y", TaskType.REGRESSION, num("x"), num("y"));
    e = assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(empty));
    assertTrue(e.getMessage().contains("no rows"), e.getMessage());
  }
}
