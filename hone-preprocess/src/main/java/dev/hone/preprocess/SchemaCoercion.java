package dev.hone.preprocess;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.ColumnSpec;
import dev.hone.core.data.ColumnType;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Schema;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Converts the columns of a freshly read table to the types a saved schema expects. Type inference
 * on a prediction file can disagree with training (a categorical column coded {@code 1/2/3} reads as
 * numeric; a numeric column with one stray word reads as categorical), so the saved schema, not
 * the new file, decides.
 *
 * <ul>
 *   <li>Schema says categorical, column is numeric: the column becomes categorical over the text form
 *       of its values ({@link NumericColumn#format(int)}: {@code 2.0} becomes {@code "2"}); levels are
 *       then matched to the trained levels by string.
 *   <li>Schema says numeric, column is categorical: every non-missing value must parse as a number
 *       (decimal or scientific notation, optionally signed; {@code NaN}, {@code Inf}, {@code
 *       Infinity} in any case; blank text counts as missing), else a {@link
 *       DataValidationException} names the column and the first bad value.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class SchemaCoercion {

  /**
   * Message template: column, bad value, 1-based data row (header not counted). Kept as a
   * constant so the wording is stated once.
   */
  public static final String NOT_NUMERIC_PROBLEM =
      "column '%s' must be numeric, as in the training data, but holds the non-numeric value"
          + " '%s' (data row %d): fix or blank out such values, or retrain with this column as"
          + " categorical";

  /** {@link #NOT_NUMERIC_PROBLEM} prefixed by the source name: source, column, value, row. */
  public static final String NOT_NUMERIC = "%s: " + NOT_NUMERIC_PROBLEM;

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  private SchemaCoercion() {}

  /**
   * Returns {@code t} with each column named in {@code schema} converted to the schema's type.
   * Columns the schema does not name, and columns of {@code t} already of the right type, are left
   * as they are; missing columns are not reported here (see {@link
   * FittedPreprocessor#checkCompatible}). Marks (target, sensitive, task) are kept.
   *
   * @param t the table as read
   * @param schema the saved schema
   * @param sourceName where {@code t} came from (file name), used in error messages
   * @return the converted table ({@code t} itself when nothing needed converting)
   * @throws DataValidationException if a column that must be numeric holds a non-numeric value
   */
  public static Table coerce(Table t, Schema schema, String sourceName) {
    Objects.requireNonNull(t, "t");
    Objects.requireNonNull(schema, "schema");
    Table out = t;
    for (ColumnSpec spec : schema.columns()) {
      if (!t.hasColumn(spec.name())) {
        continue;
      }
      Column c = t.column(spec.name());
      if (c.type() != spec.type()) {
        out = out.with(coerceColumn(c, spec.type(), sourceName));
      }
    }
    return out;
  }

  /**
   * Converts one column to {@code type} (a no-op when it already has that type).
   *
   * @throws DataValidationException if {@code type} is numeric and a value does not parse
   */
  public static Column coerceColumn(Column c, ColumnType type, String sourceName) {
    if (c.type() == type) {
      return c;
    }
    return type == ColumnType.NUMERIC ? toNumeric(c, sourceName) : toCategorical(c);
  }

  /**
   * The column as numeric: a numeric column is returned as is; a categorical column is parsed.
   *
   * @throws DataValidationException naming {@code sourceName}, the column, the first non-numeric
   *     value and its row
   */
  public static NumericColumn toNumeric(Column c, String sourceName) {
    if (c instanceof NumericColumn n) {
      return n;
    }
    CategoricalColumn cc = (CategoricalColumn) c;
    List<String> levels = cc.levels();
    double[] byLevel = new double[levels.size()];
    boolean[] bad = new boolean[levels.size()];
    for (int i = 0; i < levels.size(); i++) {
      Double d = parseNumber(levels.get(i));
      bad[i] = d == null;
      byLevel[i] = d == null ? Double.NaN : d;
    }
    double[] values = new double[cc.size()];
    for (int r = 0; r < values.length; r++) {
      int code = cc.code(r);
      if (code < 0) {
        values[r] = Double.NaN;
      } else if (bad[code]) {
        throw new DataValidationException(
            String.format(Locale.ROOT, NOT_NUMERIC, sourceName, c.name(), levels.get(code), r + 1));
      } else {
        values[r] = byLevel[code];
      }
    }
    return new NumericColumn(c.name(), values);
  }

  /**
   * The column as categorical: a categorical column is returned as is; a numeric column becomes the
   * text form of its values ({@link NumericColumn#format(int)}), levels in order of first
   * appearance, {@code NaN} missing.
   */
  public static CategoricalColumn toCategorical(Column c) {
    if (c instanceof CategoricalColumn cc) {
      return cc;
    }
    String[] raw = new String[c.size()];
    for (int r = 0; r < raw.length; r++) {
      raw[r] = c.format(r);
    }
    return CategoricalColumn.of(c.name(), raw);
  }

  /**
   * The first row (0-based) of a categorical column whose value does not parse as a number, or -1
   * when all parse (or the column is numeric).
   */
  static int firstNonNumericRow(Column c) {
    if (!(c instanceof CategoricalColumn cc)) {
      return -1;
    }
    Map<Integer, Boolean> badByCode = new HashMap<>();
    for (int r = 0; r < cc.size(); r++) {
      int code = cc.code(r);
      if (code >= 0
          && badByCode.computeIfAbsent(code, k -> parseNumber(cc.levels().get(k)) == null)) {
        return r;
      }
    }
    return -1;
  }

  /**
   * Parses a number written as text.
   *
   * @param s the text; surrounding white space is ignored
   * @return the value; {@code NaN} for blank text or {@code NaN}; {@code null} when {@code s} is
   *     not a number
   */
  public static Double parseNumber(String s) {
    String v = s.strip();
    if (v.isEmpty()) {
      return Double.NaN;
    }
    if (DECIMAL.matcher(v).matches()) {
      return Double.parseDouble(v);
    }
    String lower = v.toLowerCase(Locale.ROOT);
    switch (lower) {
      case "nan":
        return Double.NaN;
      case "inf":
      case "+inf":
      case "infinity":
      case "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf":
      case "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        return null;
    }
  }
}
