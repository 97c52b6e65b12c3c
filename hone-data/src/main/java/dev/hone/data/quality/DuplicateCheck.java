package dev.hone.data.quality;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.data.csv.DecimalSyntax;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds exact duplicate rows, within a table and across a train/test pair. A test row that also
 * occurs in the training data measures memorisation rather than generalisation, so evaluation
 * reports should count (and may drop) such rows.
 *
 * <p><b>Row equality.</b> Two rows are equal when every column (the target included) holds equal
 * values: numbers compare by value ({@code -0.0} equals {@code 0.0}), categorical values compare
 * by their level text (not by code, so two tables with differently ordered levels compare
 * correctly), and a missing value equals a missing value ({@code NaN} equals {@code NaN}). When a
 * column is numeric in one table and categorical in the other, a level that is a decimal number
 * ({@link DecimalSyntax}) compares by its numeric value, any other level never equals a number.
 *
 * <p>Rows are hashed, so the cost is linear in the number of cells.
 */
public final class DuplicateCheck {
  private DuplicateCheck() {}

  /**
   * Indices of test rows that exactly equal some training row.
   *
   * @param train the training table
   * @param test the test table; it must have the same column names as {@code train} (in any
   *     order)
   * @return ascending test row indices (each at most once)
   * @throws IllegalArgumentException if the column name sets differ
   */
  public static int[] testRowsDuplicatedInTrain(Table train, Table test) {
    List<String> names = train.columnNames();
    if (!new HashSet<>(names).equals(new HashSet<>(test.columnNames()))) {
      throw new IllegalArgumentException(
          "train and test have different columns: " + names + " vs " + test.columnNames());
    }
    Column[] trainCols = names.stream().map(train::column).toArray(Column[]::new);
    Column[] testCols = names.stream().map(test::column).toArray(Column[]::new);
    boolean[] mixed = new boolean[names.size()];
    for (int j = 0; j < mixed.length; j++) {
      mixed[j] = trainCols[j].type() != testCols[j].type();
    }
    Set<RowKey> seen = new HashSet<>(train.rowCount() * 2);
    for (int i = 0; i < train.rowCount(); i++) {
      seen.add(key(trainCols, mixed, i));
    }
    int[] out = new int[test.rowCount()];
    int n = 0;
    for (int i = 0; i < test.rowCount(); i++) {
      if (seen.contains(key(testCols, mixed, i))) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * Indices of rows that exactly equal an earlier row of the same table (the first occurrence is
   * not listed), as pandas' {@code DataFrame.duplicated(keep="first")} marks them.
   *
   * @return ascending row indices
   */
  public static int[] duplicateRowsWithin(Table table) {
    Column[] cols = table.columns().toArray(Column[]::new);
    boolean[] mixed = new boolean[cols.length];
    Set<RowKey> seen = new HashSet<>(table.rowCount() * 2);
    int[] out = new int[table.rowCount()];
    int n = 0;
    for (int i = 0; i < table.rowCount(); i++) {
      if (!seen.add(key(cols, mixed, i))) {
        out[n++] = i;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** The number of rows that equal an earlier row: {@code duplicateRowsWithin(table).length}. */
  public static int withinTableDuplicateCount(Table table) {
    return duplicateRowsWithin(table).length;
  }

  private static RowKey key(Column[] cols, boolean[] mixed, int row) {
    Object[] values = new Object[cols.length];
    for (int j = 0; j < cols.length; j++) {
      values[j] = cell(cols[j], mixed[j], row);
    }
    return new RowKey(values);
  }

  /** null = missing; Double for numbers (and numeric text in mixed columns); String otherwise. */
  private static Object cell(Column c, boolean mixed, int row) {
    if (c instanceof NumericColumn num) {
      double v = num.get(row);
      if (Double.isNaN(v)) {
        return null;
      }
      return v == 0.0 ? 0.0 : v;
    }
    String s = ((CategoricalColumn) c).get(row);
    if (s == null) {
      return null;
    }
    if (mixed) {
      double v = DecimalSyntax.parseOrNaN(s);
      if (!Double.isNaN(v)) {
        return v == 0.0 ? 0.0 : v;
      }
    }
    return s;
  }

  private record RowKey(Object[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey k && Arrays.equals(k.values, values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
