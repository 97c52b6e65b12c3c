package dev.hone.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.TaskType;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.UserInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledTableBuilderTest {
  private static final double NA = Double.NaN;

  private static Table table(Column... cols) {
    return new Table(List.of(cols));
  }

  private static NumericColumn num(String name, double... v) {
    return new NumericColumn(name, v);
  }

  private static CategoricalColumn cat(String name, String... v) {
    return CategoricalColumn.of(name, v);
  }

  private static PreparedTable prep(Table t, String target) {
    return LabelledTableBuilder.prepare(t, target, null, List.of(), "test.csv");
  }

  @Test
  void unknownTargetNamesColumnAndListsColumns() {
    Table t = table(num("x", 1, 2), num("Survived", 0, 1));
    UserInputException e =
        assertThrows(UserInputException.class, () -> prep(t, "survived"));
    String m = e.getMessage();
    assertTrue(m.contains("'survived'") && m.contains("test.csv"), m);
    assertTrue(m.contains("[x, Survived]"), m);
    assertTrue(m.contains("did you mean 'Survived'"), m);
    assertThrows(UserInputException.class, () -> prep(t, null));
  }

  @Test
  void unknownOrConflictingSensitiveColumn() {
    Table t = table(num("x", 1, 2), num("y", 0, 1));
    UserInputException e =
        assertThrows(UserInputException.class,
            () -> LabelledTableBuilder.prepare(t, "y", null, List.of("sex"), "d.csv"));
    assertTrue(e.getMessage().contains("'sex'") && e.getMessage().contains("[x, y]"),
        e.getMessage());
    assertThrows(UserInputException.class,
        () -> LabelledTableBuilder.prepare(t, "y", null, List.of("y"), "d.csv"));
  }

  @Test
  void adultLabelsWithTrailingDotAreNormalisedAndOrdered() {
    Table t = table(num("age", 25, 38, 52, 40),
        cat("income", " <=50K.", ">50K.", ">50K", "<=50K"));
    PreparedTable p =
        LabelledTableBuilder.prepare(t, "income", null, List.of(), "adult.test");
    assertEquals(TaskType.BINARY, p.task());
    assertEquals(List.of("<=50K", ">50K"), p.classLabels());
    assertArrayEquals(new int[] {0, 1, 1, 0}, p.classCodes());
    assertEquals("income", p.table().target());
    assertEquals(TaskType.BINARY, p.table().task());
    assertEquals(">50K.", LabelledTableBuilder.normaliseLabel(">50K.."), "only one dot");
    assertEquals(".", LabelledTableBuilder.normaliseLabel("."));
  }

  @Test
  void missingTargetRowsDroppedWithWarning() {
    Table t = table(num("x", 1, 2, 3, 4, 5), cat("y", "a", null, "b", null, "a"));
    PreparedTable p = prep(t, "y");
    assertEquals(3, p.table().rowCount());
    assertEquals(2, p.droppedRows());
    assertArrayEquals(new double[] {1, 3, 5}, ((NumericColumn) p.table().column("x")).values());
    assertEquals(1, p.warnings().size());
    assertTrue(p.warnings().get(0).contains("dropped 2 of 5 rows"), p.warnings().get(0));
  }

  @Test
  void entirelyMissingTargetIsAnError() {
    Table t = table(num("x", 1, 2), num("y", NA, NA));
    DataValidationException e = assertThrows(DataValidationException.class, () -> prep(t, "y"));
    assertTrue(e.getMessage().contains("'y'") && e.getMessage().contains("test.csv"),
        e.getMessage());
  }

  @Test
  void singleClassIsAnError() {
    Table t = table(num("x", 1, 2, 3), cat("y", "yes", "yes.", null));
    DataValidationException e = assertThrows(DataValidationException.class, () -> prep(t, "y"));
    assertTrue(e.getMessage().contains("single value 'yes'"), e.getMessage());
    Table n = table(num("x", 1, 2), num("y", 7, 7));
    assertThrows(DataValidationException.class, () -> prep(n, "y"));
  }

  @Test
  void numericBinaryBecomesCategoricalInNumericOrder() {
    Table t = table(num("x", 1, 2, 3), num("y", 10, 2, 10));
    PreparedTable p = prep(t, "y");
    assertEquals(TaskType.BINARY, p.task());
    assertEquals(List.of("2", "10"), p.classLabels(), "numeric, not lexicographic, order");
    assertEquals(ColumnType.CATEGORICAL, p.table().column("y").type());
    assertArrayEquals(new int[] {1, 0, 1}, p.classCodes());
  }

  @Test
  void categoricalTaskInference() {
    assertEquals(TaskType.MULTICLASS,
        prep(table(num("x", 1, 2, 3), cat("y", "c", "a", "b")), "y").task());
    String[] many = new String[51];
    double[] xs = new double[51];
    for (int i = 0; i < many.length; i++) {
      many[i] = "label" + i;
      xs[i] = i;
    }
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> prep(table(num("x", xs), cat("y", many)), "y"));
    assertTrue(e.getMessage().contains("51 distinct values") && e.getMessage().contains("--task"),
        e.getMessage());
    // the override accepts it
    PreparedTable p =
        LabelledTableBuilder.prepare(table(num("x", xs), cat("y", many)), "y",
            TaskType.MULTICLASS, List.of(), "t");
    assertEquals(51, p.classLabels().size());
    String[] fifty = java.util.Arrays.copyOf(many, 50);
    assertEquals(TaskType.MULTICLASS,
        prep(table(num("x", java.util.Arrays.copyOf(xs, 50)), cat("y", fifty)), "y").task());
  }

  @Test
  void numericTaskInference() {
    // consecutive class codes from 0 -> multiclass, with a warning
    PreparedTable iris = prep(table(num("x", 1, 2, 3, 4), num("y", 0, 1, 2, 1)), "y");
    assertEquals(TaskType.MULTICLASS, iris.task());
    assertEquals(List.of("0", "1", "2"), iris.classLabels());
    assertTrue(iris.warnings().get(0).contains("--task regression"), iris.warnings().toString());
    // wine-quality style scores 3..8 -> regression, with a warning
    PreparedTable wine = prep(table(num("x", 1, 2, 3, 4, 5, 6), num("q", 3, 4, 5, 6, 7, 8)), "q");
    assertEquals(TaskType.REGRESSION, wine.task());
    assertEquals(List.of(), wine.classLabels());
    assertTrue(wine.warnings().get(0).contains("--task multiclass"), wine.warnings().toString());
    assertEquals(ColumnType.NUMERIC, wine.table().column("q").type());
    // non-consecutive codes -> regression
    assertEquals(TaskType.REGRESSION,
        prep(table(num("x", 1, 2, 3), num("y", 0, 1, 5)), "y").task());
    // continuous -> regression, no warning
    PreparedTable reg = prep(table(num("x", 1, 2, 3), num("y", 0.5, 1.25, 9)), "y");
    assertEquals(TaskType.REGRESSION, reg.task());
    assertTrue(reg.warnings().isEmpty());
    // 21 consecutive integers -> regression
    double[] y = new double[21];
    for (int i = 0; i < y.length; i++) {
      y[i] = i;
    }
    assertEquals(TaskType.REGRESSION, prep(table(num("x", y), num("y", y)), "y").task());
  }

  @Test
  void overrides() {
    Table quality = table(num("x", 1, 2, 3, 4), num("q", 5, 3, 8, 3));
    PreparedTable mc = LabelledTableBuilder.prepare(quality, "q", TaskType.MULTICLASS, null, "w");
    assertEquals(List.of("3", "5", "8"), mc.classLabels());
    assertArrayEquals(new int[] {1, 0, 2, 0}, mc.classCodes());

    Table text = table(num("x", 1, 2, 3), cat("y", "a", "b", "c"));
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepare(text, "y", TaskType.REGRESSION, null, "t.csv"));
    assertTrue(e.getMessage().contains("not numeric") && e.getMessage().contains("t.csv"),
        e.getMessage());
    Table numericText = table(num("x", 1, 2, 3), cat("y", "1.5", "2", "10"));
    PreparedTable r =
        LabelledTableBuilder.prepare(numericText, "y", TaskType.REGRESSION, null, "t.csv");
    assertArrayEquals(new double[] {1.5, 2, 10}, ((NumericColumn) r.table().column("y")).values());

    DataValidationException b =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepare(text, "y", TaskType.BINARY, null, "t.csv"));
    assertTrue(b.getMessage().contains("3 classes"), b.getMessage());
    Table two = table(num("x", 1, 2), cat("y", "a", "b"));
    assertThrows(DataValidationException.class,
        () -> LabelledTableBuilder.prepare(two, "y", TaskType.MULTICLASS, null, "t.csv"));
  }

  @Test
  void entirelyMissingFeatureDroppedButSensitiveIsAnError() {
    Table t = table(num("x", 1, 2, 3), num("empty", NA, NA, NA), cat("blank", null, null, null),
        cat("sex", "m", "f", "m"), num("y", 0, 1, 0));
    PreparedTable p = LabelledTableBuilder.prepare(t, "y", null, List.of("sex"), "d.csv");
    assertEquals(List.of("x", "sex", "y"), p.table().columnNames());
    assertEquals(List.of("empty", "blank"), p.droppedColumns());
    assertTrue(p.warnings().get(0).contains("[empty, blank]"), p.warnings().toString());
    assertEquals(List.of("sex"), p.table().sensitive());

    // a column that is missing only where the target is missing counts as entirely missing
    Table u = table(num("x", 1, 2, 3), num("partly", NA, NA, 7), num("y", 0, 1, NA),
        cat("sex", null, null, "f"));
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepare(u, "y", null, List.of("sex"), "d.csv"));
    assertTrue(e.getMessage().contains("sensitive column 'sex'"), e.getMessage());
    PreparedTable q = LabelledTableBuilder.prepare(u, "y", null, List.of(), "d.csv");
    assertEquals(List.of("partly", "sex"), q.droppedColumns());
  }

  @Test
  void prepareLikeAlignsATestFile() {
    Table train = table(num("age", 30, 40, 50, 60), cat("sex", "m", "f", "m", "f"),
        num("empty", NA, NA, NA, NA), cat("income", "<=50K", ">50K", ">50K", "<=50K"));
    PreparedTable p = LabelledTableBuilder.prepare(train, "income", null, List.of("sex"), "train");
    // test: columns in another order, an extra column, '.'-suffixed labels, a missing label,
    // 'age' read as text because of a non-standard missing token that has been cleaned to null
    Table test = table(cat("income", ">50K.", null, "<=50K."), cat("age", "41", "52", null),
        cat("sex", "f", "m", "f"), num("extra", 1, 2, 3), num("empty", 1, 2, 3));
    PreparedTable q = LabelledTableBuilder.prepareLike(test, p, "test");
    assertEquals(List.of("age", "sex", "income"), q.table().columnNames());
    assertEquals(2, q.table().rowCount());
    assertArrayEquals(new int[] {1, 0}, q.classCodes());
    assertEquals(p.classLabels(), q.classLabels());
    assertArrayEquals(new double[] {41, NA}, ((NumericColumn) q.table().column("age")).values());
    assertEquals(List.of("sex"), q.table().sensitive());
    assertEquals(TaskType.BINARY, q.table().task());
    assertTrue(q.warnings().stream().anyMatch(w -> w.contains("[extra]")), q.warnings().toString());
    assertTrue(q.warnings().stream().anyMatch(w -> w.contains("dropped 1 of 3 rows")),
        q.warnings().toString());

    Table unseen = table(num("age", 1), cat("sex", "m"), cat("income", "unknown"));
    DataValidationException e =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepareLike(unseen, p, "test.csv"));
    assertTrue(e.getMessage().contains("unknown=1") && e.getMessage().contains("test.csv"),
        e.getMessage());
    Table lacking = table(num("age", 1), cat("income", "<=50K"));
    DataValidationException e2 =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepareLike(lacking, p, "test.csv"));
    assertTrue(e2.getMessage().contains("[sex]"), e2.getMessage());
    Table text = table(cat("age", "old"), cat("sex", "m"), cat("income", "<=50K"));
    DataValidationException e3 =
        assertThrows(DataValidationException.class,
            () -> LabelledTableBuilder.prepareLike(text, p, "test.csv"));
    assertTrue(e3.getMessage().contains("'age'") && e3.getMessage().contains("'old'"),
        e3.getMessage());
  }

  @Test
  void sortLabels() {
    assertEquals(List.of("-1", "2", "10", "10.5"),
        LabelledTableBuilder.sortLabels(List.of("10.5", "2", "-1", "10")));
    assertEquals(List.of("10", "2", "a"), LabelledTableBuilder.sortLabels(List.of("a", "2", "10")));
    assertFalse(LabelledTableBuilder.sortLabels(List.of("b", "a")).get(0).equals("b"));
  }
}
