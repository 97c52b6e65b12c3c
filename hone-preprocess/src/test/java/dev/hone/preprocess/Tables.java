package dev.hone.preprocess;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.data.TaskType;
import dev.hone.core.model.FeatureMatrix;
import java.util.List;

/** Small builders for hand-written tables in tests. */
final class Tables {
  private Tables() {}

  /** A numeric column; {@code null} = missing (NaN). */
  static NumericColumn num(String name, Double... values) {
    double[] v = new double[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = values[i] == null ? Double.NaN : values[i];
    }
    return new NumericColumn(name, v);
  }

  /** A categorical column, levels in order of first appearance; {@code null} = missing. */
  static CategoricalColumn cat(String name, String... values) {
    return CategoricalColumn.of(name, values);
  }

  static Table table(String target, TaskType task, List<String> sensitive, Column... cols) {
    return new Table(List.of(cols), target, sensitive, task);
  }

  static Table table(String target, TaskType task, Column... cols) {
    return table(target, task, List.of(), cols);
  }

  /** The matrix as {@code [nRows][nCols]}. */
  static float[][] rows(FeatureMatrix m) {
    float[][] out = new float[m.nRows()][m.nCols()];
    for (int r = 0; r < m.nRows(); r++) {
      for (int c = 0; c < m.nCols(); c++) {
        out[r][c] = m.get(r, c);
      }
    }
    return out;
  }
}
