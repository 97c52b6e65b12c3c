package dev.hone.preprocess;

import dev.hone.core.data.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one input column becomes output feature columns; the mapping an explainer uses to group
 * one-hot columns back to their original feature.
 *
 * <ul>
 *   <li>Numeric: one output column named {@link #input()}.
 *   <li>Categorical: one output column {@code input=level} per entry of {@link #levels()}, in that
 *       order, then {@code input=__other__} when {@link #otherLevels()} is non-empty.
 * </ul>
 *
 * @param input the input column name
 * @param type the input column's type as fitted
 * @param levels the one-hot levels in output order (most frequent in training first, ties by
 *     {@link String#compareTo(String)}); empty for numeric columns
 * @param otherLevels levels seen in training but not given their own column (rarer than the
 *     minimum count or beyond the level cap), sorted by {@link String#compareTo(String)}; they map
 *     to the {@code __other__} column; empty for numeric columns
 */
public record EncodedColumn(
    String input, ColumnType type, List<String> levels, List<String> otherLevels) {

  /** The level name of the indicator column for cut levels: {@code col=__other__}. */
  public static final String OTHER = "__other__";

  /**
   * @throws IllegalArgumentException if a numeric column has levels, or levels repeat or overlap
   */
  public EncodedColumn {
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(type, "type");
    levels = levels == null ? List.of() : List.copyOf(levels);
    otherLevels = otherLevels == null ? List.of() : List.copyOf(otherLevels);
    if (type == ColumnType.NUMERIC && (!levels.isEmpty() || !otherLevels.isEmpty())) {
      throw new IllegalArgumentException("numeric column '" + input + "' cannot have levels");
    }
    java.util.Set<String> all = new java.util.HashSet<>(levels);
    all.addAll(otherLevels);
    if (all.size() != levels.size() + otherLevels.size()) {
      throw new IllegalArgumentException("column '" + input + "': levels repeat");
    }
  }

  /** A numeric pass-through column. */
  public static EncodedColumn numeric(String input) {
    return new EncodedColumn(input, ColumnType.NUMERIC, List.of(), List.of());
  }

  /** The output feature name of a categorical level: {@code column + "=" + level}. */
  public static String featureName(String column, String level) {
    return column + "=" + level;
  }

  /** Whether a {@code col=__other__} column exists. */
  public boolean hasOther() {
    return !otherLevels.isEmpty();
  }

  /** Number of output columns: 1 for numeric, {@code levels().size() + (hasOther() ? 1 : 0)}. */
  public int width() {
    return type == ColumnType.NUMERIC ? 1 : levels.size() + (hasOther() ? 1 : 0);
  }

  /** The output feature names, in output order. */
  public List<String> outputNames() {
    if (type == ColumnType.NUMERIC) {
      return List.of(input);
    }
    List<String> out = new ArrayList<>(width());
    for (String l : levels) {
      out.add(featureName(input, l));
    }
    if (hasOther()) {
      out.add(featureName(input, OTHER));
    }
    return List.copyOf(out);
  }
}
