package dev.hone.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable columnar table: equally long named columns, plus the target and sensitive marks
 * of its {@link Schema}. Row selection is cheap relative to row-wise storage and never mutates.
 */
public final class Table {
  private final List<Column> columns;
  private final Map<String, Column> byName;
  private final String target;
  private final List<String> sensitive;
  private final TaskType task;
  private final int rows;

  /**
   * @param columns columns in order; all of the same length, names unique
   * @param target label column name or {@code null}
   * @param sensitive sensitive column names (may be empty)
   * @param task learning task or {@code null} when not known yet
   * @throws IllegalArgumentException on unequal lengths, duplicate names or unknown marks
   */
  public Table(List<Column> columns, String target, List<String> sensitive, TaskType task) {
    this.columns = List.copyOf(columns);
    this.byName = new LinkedHashMap<>();
    int n = -1;
    for (Column c : this.columns) {
      if (byName.put(c.name(), c) != null) {
        throw new IllegalArgumentException("duplicate column name '" + c.name() + "'");
      }
      if (n >= 0 && c.size() != n) {
        throw new IllegalArgumentException(
            "column '" + c.name() + "' has " + c.size() + " rows, expected " + n);
      }
      n = c.size();
    }
    this.rows = Math.max(n, 0);
    this.target = target;
    this.sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
    this.task = task;
    schema(); // validates the marks
  }

  public Table(List<Column> columns) {
    this(columns, null, List.of(), null);
  }

  public int rowCount() {
    return rows;
  }

  public int columnCount() {
    return columns.size();
  }

  public List<Column> columns() {
    return columns;
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public boolean hasColumn(String name) {
    return byName.containsKey(name);
  }

  /**
   * @throws IllegalArgumentException if there is no such column
   */
  public Column column(String name) {
    Column c = byName.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no column '" + name + "'; columns are " + byName.keySet());
    }
    return c;
  }

  public String target() {
    return target;
  }

  public List<String> sensitive() {
    return sensitive;
  }

  public TaskType task() {
    return task;
  }

  /** The schema: column specs (with categorical levels), target, sensitive and task. */
  public Schema schema() {
    List<ColumnSpec> specs = new ArrayList<>();
    for (Column c : columns) {
      specs.add(
          new ColumnSpec(
              c.name(),
              c.type(),
              c instanceof CategoricalColumn cc ? cc.levels() : List.of()));
    }
    return new Schema(specs, target, sensitive, task);
  }

  /** Rows {@code idx} in that order, same marks. */
  public Table select(int[] idx) {
    List<Column> out = new ArrayList<>(columns.size());
    for (Column c : columns) {
      out.add(c.select(idx));
    }
    return new Table(out, target, sensitive, task);
  }

  /** The same columns with other marks. */
  public Table withMarks(String newTarget, List<String> newSensitive, TaskType newTask) {
    return new Table(columns, newTarget, newSensitive, newTask);
  }

  /** Without the named columns; marks naming them are dropped. */
  public Table drop(List<String> names) {
    List<Column> out = new ArrayList<>();
    for (Column c : columns) {
      if (!names.contains(c.name())) {
        out.add(c);
      }
    }
    List<String> sens = sensitive.stream().filter(s -> !names.contains(s)).toList();
    return new Table(out, target != null && names.contains(target) ? null : target, sens, task);
  }

  /** With {@code col} replacing the column of the same name, or appended if new. */
  public Table with(Column col) {
    List<Column> out = new ArrayList<>(columns);
    boolean replaced = false;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equals(col.name())) {
        out.set(i, col);
        replaced = true;
      }
    }
    if (!replaced) {
      out.add(col);
    }
    return new Table(out, target, sensitive, task);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t
        && t.columns.equals(columns)
        && Objects.equals(t.target, target)
        && t.sensitive.equals(sensitive)
        && t.task == task;
  }

  @Override
  public int hashCode() {
    return Objects.hash(columns, target, sensitive, task);
  }
}
