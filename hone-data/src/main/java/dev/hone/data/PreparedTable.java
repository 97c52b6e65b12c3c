package dev.hone.data;

import dev.hone.core.data.TaskType;
import dev.hone.core.data.Table;
import java.util.List;
import java.util.Objects;

/**
 * A table ready for learning: target, sensitive columns and task are marked, rows without a
 * target are gone, and for classification the target is categorical with its classes in {@link
 * #classLabels()} order (code {@code i} = class index {@code i}).
 *
 * @param table the marked table ({@code table.target()}, {@code table.sensitive()} and {@code
 *     table.task()} are set)
 * @param task the task, equal to {@code table.task()}
 * @param classLabels for classification the class labels in class-index order (for binary tasks
 *     index 1 is the positive class); empty for regression
 * @param warnings human-readable notes about what was changed or assumed, in the order they
 *     arose; empty when nothing needs saying
 * @param droppedRows rows removed because their target was missing
 * @param droppedColumns feature columns removed because every value was missing
 * @param sourceName where the data came from (a file name or {@code dataset:NAME}), for messages
 */
public record PreparedTable(
    Table table,
    TaskType task,
    List<String> classLabels,
    List<String> warnings,
    int droppedRows,
    List<String> droppedColumns,
    String sourceName) {
  public PreparedTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(task, "task");
    classLabels = List.copyOf(classLabels);
    warnings = List.copyOf(warnings);
    droppedColumns = List.copyOf(droppedColumns);
  }

  /** The target column name. */
  public String target() {
    return table.target();
  }

  /**
   * Class index per row (length {@code table.rowCount()}, values in {@code [0,
   * classLabels.size())}).
   *
   * @throws IllegalStateException for a regression task
   */
  public int[] classCodes() {
    if (!task.isClassification()) {
      throw new IllegalStateException("a regression target has no class codes");
    }
    return ((dev.hone.core.data.CategoricalColumn) table.column(table.target())).codes();
  }
}
