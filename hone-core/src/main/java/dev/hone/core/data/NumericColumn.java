package dev.hone.core.data;

import java.util.Arrays;
import java.util.Objects;

/** A numeric column; {@code NaN} marks a missing value. Immutable: the array is copied in and out. */
public final class NumericColumn implements Column {
  private final String name;
  private final double[] values;

  public NumericColumn(String name, double[] values) {
    this.name = Objects.requireNonNull(name, "name");
    this.values = values.clone();
  }

  private NumericColumn(String name, double[] values, boolean noCopy) {
    this.name = name;
    this.values = values;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.NUMERIC;
  }

  @Override
  public int size() {
    return values.length;
  }

  /** The value in row {@code row}; {@code NaN} when missing. */
  public double get(int row) {
    return values[row];
  }

  /** A copy of all values, length {@link #size()}. */
  public double[] values() {
    return values.clone();
  }

  @Override
  public boolean isMissing(int row) {
    return Double.isNaN(values[row]);
  }

  @Override
  public String format(int row) {
    double v = values[row];
    if (Double.isNaN(v)) {
      return null;
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  @Override
  public NumericColumn select(int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = values[rows[i]];
    }
    return new NumericColumn(name, out, true);
  }

  @Override
  public NumericColumn rename(String newName) {
    return new NumericColumn(newName, values, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumericColumn c && c.name.equals(name) && Arrays.equals(c.values, values);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(values);
  }
}
