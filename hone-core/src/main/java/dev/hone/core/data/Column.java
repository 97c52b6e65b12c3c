package dev.hone.core.data;

/**
 * One immutable named column of a {@link Table}. Either {@link NumericColumn} or {@link
 * CategoricalColumn}.
 */
public sealed interface Column permits NumericColumn, CategoricalColumn {
  String name();

  ColumnType type();

  int size();

  boolean isMissing(int row);

  /** Count of missing cells. */
  default int missingCount() {
    int n = 0;
    for (int i = 0; i < size(); i++) {
      if (isMissing(i)) {
        n++;
      }
    }
    return n;
  }

  /** The value in row {@code row} as text; {@code null} when missing. */
  String format(int row);

  /** A new column holding rows {@code rows} in that order (rows may repeat). */
  Column select(int[] rows);

  /** The same values under another name. */
  Column rename(String newName);
}
