package dev.hone.preprocess;

import static dev.hone.preprocess.Tables.cat;
import static dev.hone.preprocess.Tables.num;
import static dev.hone.preprocess.Tables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaCheckTest {

  private static Table train() {
    return table(
        "income",
        TaskType.BINARY,
        num("age", 30.0, 40.0, 50.0),
        cat("workclass", "Private", "Gov", "Private"),
        cat("income", "<=50K", ">50K", "<=50K"));
  }

  private static final FittedPreprocessor FITTED = Preprocessor.defaults().fit(train());

  @Test
  void aMatchingTableWithOrWithoutTargetPasses() {
    FITTED.checkCompatible(train(), "train.csv");
    FITTED.checkCompatible(train().drop(List.of("income")), "new.csv");
  }

  @Test
  void missingColumnIsNamed() {
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> FITTED.checkCompatible(train().drop(List.of("age")), "new.csv"));
    assertEquals(
        "new.csv does not match the model's input schema:\n"
            + "  - missing feature column(s) [age] that the model was trained on: add them, with"
            + " the same names as in the training data, or retrain without them",
        e.getMessage());
  }

  @Test
  void extraColumnIsAnErrorUnlessAllowed() {
    Table extra = train().with(num("zip", 1.0, 2.0, 3.0));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FITTED.checkCompatible(extra, "x.csv"));
    assertEquals(
        "x.csv does not match the model's input schema:\n"
            + "  - column(s) [zip] that the model was not trained on: drop these columns from the"
            + " file, or retrain with them",
        e.getMessage());
    FittedPreprocessor lenient =
        Preprocessor.defaults().withAllowExtraColumns(true).fit(train());
    lenient.checkCompatible(extra, "x.csv");
    assertEquals(lenient.transform(train()).featureNames(), lenient.transform(extra).featureNames());
  }

  @Test
  void numericColumnWithTextIsNamedWithAnExampleValue() {
    Table bad =
        train().with(cat("age", "30", "forty", "50"));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FITTED.checkCompatible(bad, "p.csv"));
    assertEquals(
        "p.csv does not match the model's input schema:\n"
            + "  - column 'age' must be numeric, as in the training data, but holds the"
            + " non-numeric value 'forty' (data row 2): fix or blank out such values, or retrain"
            + " with this column as categorical",
        e.getMessage());
  }

  @Test
  void everyProblemIsListedInOneMessage() {
    Table bad =
        new Table(
            List.of(
                cat("age", "x", "30", "y"),
                num("zip", 1.0, 2.0, 3.0),
                num("county", 1.0, 2.0, 3.0)));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> FITTED.checkCompatible(bad, "p.csv"));
    String m = e.getMessage();
    assertEquals(4, m.split("\n").length, m);
    assertEquals(true, m.contains("missing feature column(s) [workclass]"), m);
    assertEquals(true, m.contains("column(s) [zip, county] that the model"), m);
    assertEquals(true, m.contains("non-numeric value 'x' (data row 1)"), m);
  }

  @Test
  void categoricalColumnArrivingNumericPasses() {
    FittedPreprocessor f =
        Preprocessor.defaults()
            .fit(
                table(
                    "y",
                    TaskType.BINARY,
                    cat("grade", "1", "2", "3"),
                    cat("y", "a", "b", "a")));
    f.checkCompatible(table(null, null, num("grade", 1.0, 3.0)), "p.csv");
  }

  @Test
  void coerceConvertsToTheSavedTypes() {
    Table read =
        new Table(
            List.of(
                cat("age", "31", null, "52.5"),
                num("workclass", 1.0, 2.0, Double.NaN),
                num("income", 0.0, 1.0, 0.0),
                num("other", 7.0, 8.0, 9.0)));
    Table c = FITTED.coerce(read, "p.csv");
    assertEquals(new NumericColumn("age", new double[] {31, Double.NaN, 52.5}), c.column("age"));
    CategoricalColumn wc = (CategoricalColumn) c.column("workclass");
    assertEquals("1", wc.get(0));
    assertEquals("2", wc.get(1));
    assertNull(wc.get(2));
    assertEquals(ColumnType.CATEGORICAL, c.column("income").type());
    assertSame(read.column("other"), c.column("other"));
    // already-correct tables come back unchanged
    Table ok = train();
    assertSame(ok, FITTED.coerce(ok, "train.csv"));
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> FITTED.coerce(train().with(cat("age", "1", "2", "?")), "p.csv"));
    assertEquals(
        "p.csv: column 'age' must be numeric, as in the training data, but holds the non-numeric"
            + " value '?' (data row 3): fix or blank out such values, or retrain with this column"
            + " as categorical",
        e.getMessage());
  }

  @Test
  void regressionTargetIsCoercedToNumeric() {
    FittedPreprocessor f =
        Preprocessor.defaults()
            .fit(table("y", TaskType.REGRESSION, num("x", 1.0, 2.0), num("y", 1.0, 2.0)));
    Table c = f.coerce(table(null, null, num("x", 1.0), cat("y", "4.5")), "p.csv");
    assertEquals(new NumericColumn("y", new double[] {4.5}), c.column("y"));
  }

  @Test
  void parseNumberAcceptsNumbersAndRejectsWords() {
    assertEquals(12.0, SchemaCoercion.parseNumber("12"));
    assertEquals(-0.5, SchemaCoercion.parseNumber(" -.5 "));
    assertEquals(1500.0, SchemaCoercion.parseNumber("1.5E3"));
    assertEquals(3.0, SchemaCoercion.parseNumber("+3."));
    assertEquals(Double.NaN, SchemaCoercion.parseNumber(""));
    assertEquals(Double.NaN, SchemaCoercion.parseNumber("nan"));
    assertEquals(Double.NEGATIVE_INFINITY, SchemaCoercion.parseNumber("-Infinity"));
    assertEquals(Double.POSITIVE_INFINITY, SchemaCoercion.parseNumber("INF"));
    for (String bad : new String[] {"abc", "1,5", "1.5d", "0x10", "1e", "--1", "12 3", "."}) {
      assertNull(SchemaCoercion.parseNumber(bad), bad);
    }
  }
}
