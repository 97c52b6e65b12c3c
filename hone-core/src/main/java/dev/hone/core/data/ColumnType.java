package dev.hone.core.data;

/** The kind of values a column holds. */
public enum ColumnType {
  /** Real numbers, stored as {@code double}; missing is {@code NaN}. */
  NUMERIC,
  /** Labels from a finite set of levels, stored as integer codes; missing is {@code -1}. */
  CATEGORICAL
}
