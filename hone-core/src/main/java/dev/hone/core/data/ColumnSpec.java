package dev.hone.core.data;

import java.util.List;
import java.util.Objects;

/**
 * Name, type and (for categorical columns) the levels seen when the schema was recorded.
 *
 * @param name column name, unique in its schema
 * @param type numeric or categorical
 * @param levels for categorical columns the levels in code order; empty for numeric columns
 */
public record ColumnSpec(String name, ColumnType type, List<String> levels) {
  public ColumnSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    levels = levels == null ? List.of() : List.copyOf(levels);
  }

  public static ColumnSpec numeric(String name) {
    return new ColumnSpec(name, ColumnType.NUMERIC, List.of());
  }
}
