package dev.hone.preprocess;

import static dev.hone.preprocess.Tables.cat;
import static dev.hone.preprocess.Tables.num;
import static dev.hone.preprocess.Tables.table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsTest {

  @Test
  void classOrderIsTheTargetColumnLevelOrder() {
    // levels in code order: ">50K", "<=50K" (not alphabetical): that order is kept
    CategoricalColumn y =
        new CategoricalColumn("income", List.of(">50K", "<=50K"), new int[] {1, 0, 1, 1});
    Table t = new Table(List.of(num("x", 1.0, 2.0, 3.0, 4.0), y), "income", List.of(),
        TaskType.BINARY);
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    assertEquals(List.of(">50K", "<=50K"), f.classLabels());
    assertArrayEquals(new double[] {1, 0, 1, 1}, f.labels(t));
  }

  @Test
  void multiclassLabelsMapToIndices() {
    Table t =
        table(
            "y",
            TaskType.MULTICLASS,
            num("x", 1.0, 2.0, 3.0, 4.0, 5.0),
            cat("y", "cat", "dog", "bird", "dog", "cat"));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    assertEquals(List.of("cat", "dog", "bird"), f.classLabels());
    assertEquals(3, f.nClasses());
    assertArrayEquals(new double[] {0, 1, 2, 1, 0}, f.labels(t));
    Table test = table(null, null, cat("y", "bird", "bird", "cat"));
    assertArrayEquals(new double[] {2, 2, 0}, f.labels(test));
  }

  @Test
  void numericClassTargetIsOrderedByValueAndMatchedByText() {
    Table t =
        table("y", TaskType.MULTICLASS, num("x", 1.0, 2.0, 3.0, 4.0), num("y", 10.0, 2.0, 2.0, 1.0));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    assertEquals(List.of("1", "2", "10"), f.classLabels());
    assertArrayEquals(new double[] {2, 1, 1, 0}, f.labels(t));
    // the same labels arriving as text
    assertArrayEquals(new double[] {0, 2}, f.labels(table(null, null, cat("y", "1", "10"))));
  }

  @Test
  void unseenLabelNamesLabelColumnSourceAndClasses() {
    Table t =
        table("income", TaskType.BINARY, num("x", 1.0, 2.0), cat("income", "<=50K", ">50K"));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    Table test = table(null, null, cat("income", "<=50K", ">50K.", ">50K.", "<=50K."));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> f.labels(test, "adult.test"));
    assertEquals(
        "adult.test: label '>50K.' in target column 'income' (data row 2) was not seen in the"
            + " training data; known classes are [<=50K, >50K] (3 row(s) have unseen labels). Fix"
            + " the label (for example a spelling variant) or retrain with data that contains it",
        e.getMessage());
  }

  @Test
  void missingLabelOrTargetIsAnError() {
    Table t = table("y", TaskType.BINARY, num("x", 1.0, 2.0), cat("y", "a", "b"));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> f.labels(table(null, null, cat("y", "a", null)), "p.csv"));
    assertEquals(
        "p.csv: target column 'y' has a missing or non-finite value in data row 2: drop rows"
            + " without a label or fill them in",
        e.getMessage());
    e =
        assertThrows(
            DataValidationException.class,
            () -> f.labels(table(null, null, num("x", 1.0)), "p.csv"));
    assertEquals(
        "p.csv has no target column 'y', which is needed for labels: add the column",
        e.getMessage());
  }

  @Test
  void regressionLabelsAreTheTargetValues() {
    Table t =
        table("y", TaskType.REGRESSION, num("x", 1.0, 2.0, 3.0), num("y", 0.5, -2.0, 1e6));
    FittedPreprocessor f = Preprocessor.defaults().fit(t);
    assertEquals(List.of(), f.classLabels());
    assertEquals(0, f.nClasses());
    assertArrayEquals(new double[] {0.5, -2.0, 1e6}, f.labels(t));
    // numeric text is parsed
    assertArrayEquals(
        new double[] {3.25, -1}, f.labels(table(null, null, cat("y", "3.25", "-1")), "p"));
    DataValidationException e =
        assertThrows(
            DataValidationException.class,
            () -> f.labels(table(null, null, num("y", 1.0, Double.NaN)), "p.csv"));
    assertTrue(e.getMessage().contains("data row 2"), e.getMessage());
    e =
        assertThrows(
            DataValidationException.class,
            () -> f.labels(table(null, null, cat("y", "1", "high")), "p.csv"));
    assertTrue(e.getMessage().contains("'high'"), e.getMessage());
  }

  @Test
  void regressionTargetMustBeNumericAndComplete() {
    Table text =
        table("y", TaskType.REGRESSION, num("x", 1.0, 2.0), cat("y", "1.5", "lots"));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(text));
    assertTrue(e.getMessage().contains("non-numeric value 'lots'"), e.getMessage());
    assertTrue(e.getMessage().contains("training data row 2"), e.getMessage());
    Table numericText =
        table("y", TaskType.REGRESSION, num("x", 1.0, 2.0), cat("y", "1.5", "2"));
    assertArrayEquals(
        new double[] {1.5, 2.0},
        Preprocessor.defaults().fit(numericText).labels(numericText));
    Table gap = table("y", TaskType.REGRESSION, num("x", 1.0, 2.0), num("y", 1.0, null));
    e = assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(gap));
    assertTrue(e.getMessage().contains("1 missing or non-finite"), e.getMessage());
    assertTrue(e.getMessage().contains("first in data row 2"), e.getMessage());
  }

  @Test
  void classCountMustSuitTheTask() {
    Table three =
        table("y", TaskType.BINARY, num("x", 1.0, 2.0, 3.0), cat("y", "a", "b", "c"));
    DataValidationException e =
        assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(three));
    assertTrue(e.getMessage().contains("task is binary"), e.getMessage());
    assertTrue(e.getMessage().contains("3 distinct label(s)"), e.getMessage());
    Table one = table("y", TaskType.MULTICLASS, num("x", 1.0, 2.0), cat("y", "a", "a"));
    e = assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(one));
    assertTrue(e.getMessage().contains("only 1 distinct label(s)"), e.getMessage());
    Table missing = table("y", TaskType.BINARY, num("x", 1.0, 2.0, 3.0), cat("y", "a", null, "b"));
    e = assertThrows(DataValidationException.class, () -> Preprocessor.defaults().fit(missing));
    assertTrue(e.getMessage().contains("first in data row 2"), e.getMessage());
  }
}
