package dev.hone.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordered, typed columns of a table, with the target column and the sensitive columns marked.
 * Immutable; JSON-serialisable as a record.
 *
 * @param columns every column in table order, names unique
 * @param target name of the label column, or {@code null} for an unlabelled table
 * @param sensitive names of sensitive columns (protected attributes used for fairness analysis)
 * @param task the learning task; {@code null} until inferred
 */
public record Schema(List<ColumnSpec> columns, String target, List<String> sensitive, TaskType task) {
  public Schema {
    columns = List.copyOf(columns);
    sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
    Map<String, ColumnSpec> seen = new LinkedHashMap<>();
    for (ColumnSpec c : columns) {
      if (seen.put(c.name(), c) != null) {
        throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
      }
    }
    if (target != null && !seen.containsKey(target)) {
      throw new IllegalArgumentException("target '" + target + "' is not a column");
    }
    for (String s : sensitive) {
      if (!seen.containsKey(s)) {
        throw new IllegalArgumentException("sensitive column '" + s + "' is not a column");
      }
    }
  }

  /** The column named {@code name}, if any. */
  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** Every column except the target, in table order. */
  public List<ColumnSpec> features() {
    List<ColumnSpec> out = new ArrayList<>();
    for (ColumnSpec c : columns) {
      if (!c.name().equals(target)) {
        out.add(c);
      }
    }
    return out;
  }

  public List<String> names() {
    return columns.stream().map(ColumnSpec::name).toList();
  }

  public Schema withTarget(String newTarget, TaskType newTask) {
    return new Schema(columns, newTarget, sensitive, newTask);
  }

  public Schema withSensitive(List<String> newSensitive) {
    return new Schema(columns, target, newSensitive, task);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema s
        && s.columns.equals(columns)
        && Objects.equals(s.target, target)
        && s.sensitive.equals(sensitive)
        && s.task == task;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, target, sensitive, task);
  }
}
