package dev.hone.eval.slices;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import java.util.Arrays;

/**
 * A column turned into slice codes: one code per categorical level present (in level order) or per
 * quantile bin ({@link QuantileBinning}), and a last code for missing values. Every row has exactly
 * one code, so the codes partition the rows. Used by the per-slice metrics and by {@link
 * SliceLine}, so both see the same slices.
 */
final class ColumnEncoding {
  final String column;
  private final CategoricalColumn categorical;
  private final NumericColumn numeric;
  private final int[] levelToCode; // categorical: level index -> code, -1 when absent
  private final QuantileBinning binning; // numeric
  /** Number of codes, the missing code included. */
  final int size;
  /** The code of missing values, {@code size - 1}. */
  final int missingCode;
  /** Per code: the definition in the predicate language. */
  final String[] definitions;
  /** Per code: a short label. */
  final String[] labels;

  private ColumnEncoding(
      String column, CategoricalColumn categorical, NumericColumn numeric, int[] levelToCode,
      QuantileBinning binning, String[] definitions, String[] labels) {
    this.column = column;
    this.categorical = categorical;
    this.numeric = numeric;
    this.levelToCode = levelToCode;
    this.binning = binning;
    this.definitions = definitions;
    this.labels = labels;
    this.size = definitions.length;
    this.missingCode = size - 1;
  }

  /**
   * Encodes a column.
   *
   * @param col the column
   * @param bins quantile bins wanted for a numeric column
   */
  static ColumnEncoding of(Column col, int bins) {
    String name = SlicePredicate.quote(col.name());
    if (col instanceof CategoricalColumn cat) {
      int levels = cat.levels().size();
      boolean[] present = new boolean[levels];
      for (int r = 0; r < cat.size(); r++) {
        int c = cat.code(r);
        if (c >= 0) {
          present[c] = true;
        }
      }
      int[] map = new int[levels];
      Arrays.fill(map, -1);
      int k = 0;
      for (int l = 0; l < levels; l++) {
        if (present[l]) {
          map[l] = k++;
        }
      }
      String[] defs = new String[k + 1];
      String[] labels = new String[k + 1];
      for (int l = 0; l < levels; l++) {
        if (map[l] >= 0) {
          String level = cat.levels().get(l);
          defs[map[l]] = name + "=" + SlicePredicate.quoteValue(level);
          labels[map[l]] = level;
        }
      }
      defs[k] = name + "=?";
      labels[k] = "missing";
      return new ColumnEncoding(col.name(), cat, null, map, null, defs, labels);
    }
    NumericColumn num = (NumericColumn) col;
    QuantileBinning b = QuantileBinning.fit(num.values(), bins);
    int k = b.binCount();
    String[] defs = new String[k + 1];
    String[] labels = new String[k + 1];
    for (int i = 0; i < k; i++) {
      defs[i] = b.definition(col.name(), i);
      labels[i] = b.label(i);
    }
    defs[k] = name + "=?";
    labels[k] = "missing";
    return new ColumnEncoding(col.name(), null, num, null, b, defs, labels);
  }

  /** The code of a row, in {@code [0, size)}. */
  int code(int row) {
    if (categorical != null) {
      int c = categorical.code(row);
      return c < 0 ? missingCode : levelToCode[c];
    }
    int b = binning.bin(numeric.get(row));
    return b < 0 ? missingCode : b;
  }

  /** Rows per code, each ascending: {@code rows[code]}. */
  int[][] rowsByCode(int n) {
    int[] count = new int[size];
    int[] codes = new int[n];
    for (int r = 0; r < n; r++) {
      codes[r] = code(r);
      count[codes[r]]++;
    }
    int[][] out = new int[size][];
    for (int c = 0; c < size; c++) {
      out[c] = new int[count[c]];
    }
    int[] fill = new int[size];
    for (int r = 0; r < n; r++) {
      out[codes[r]][fill[codes[r]]++] = r;
    }
    return out;
  }
}
