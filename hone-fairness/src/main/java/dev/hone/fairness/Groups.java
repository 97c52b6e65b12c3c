package dev.hone.fairness;

import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The group of every row under one sensitive attribute: a single sensitive column (e.g. {@code
 * sex}) or the intersection of several (e.g. {@code sex × race}, whose groups are the combinations
 * of values that occur, such as {@code "Female × Black"}). Immutable.
 *
 * <p><b>Group keys.</b> A row's key is its value as text. A missing value ({@code null}, or a
 * missing cell of a table column) is not dropped: it forms its own group, {@value #MISSING}, so
 * that rows whose attribute is unknown are audited like any other group (they often are the ones a
 * model serves worst). A value that literally reads {@value #MISSING} joins that group. An intersection key joins the parts' keys in column order with {@value
 * #SEPARATOR}; a row missing one part has {@value #MISSING} in that place.
 *
 * <p><b>Group order.</b> Keys are sorted: numerically when every key of a numeric table column is a
 * number, otherwise by {@link String#compareTo}; {@value #MISSING} comes last. Intersections are
 * ordered by their parts in column order. The order fixes the order of groups in every result.
 *
 * <p><b>Empty groups.</b> A group may have no rows: {@link #fromTable(Table, String)} keeps every
 * level a categorical column declares (the levels of the full table survive row selection, so the
 * test split lists levels seen only in training), and {@link #of(String, String[], List)} accepts
 * declared keys. Audits report such groups as {@link Measure.Status#EMPTY} rather than dropping
 * them silently.
 */
public final class Groups {
  /** The key of rows whose sensitive value is missing. */
  public static final String MISSING = "(missing)";

  /** Joins the parts of an intersection key: {@code "Female × Black"}. */
  public static final String SEPARATOR = " × ";

  private final String name;
  private final List<String> columns;
  private final List<String> keys;
  private final int[] codes;

  private Groups(String name, List<String> columns, List<String> keys, int[] codes) {
    this.name = name;
    this.columns = List.copyOf(columns);
    this.keys = List.copyOf(keys);
    this.codes = codes;
  }

  /**
   * Groups from one column of raw values.
   *
   * @param column the sensitive column's name, used in results and error messages
   * @param values one value per row, shape {@code [nRows]}; {@code null} = missing
   * @return the grouping; keys sorted, {@value #MISSING} last
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Groups of(String column, String[] values) {
    return of(column, values, List.of());
  }

  /**
   * Groups from one column of raw values plus declared keys that may have no rows (reported as
   * empty groups).
   *
   * @param column the sensitive column's name
   * @param values one value per row; {@code null} = missing
   * @param declared keys to list even when no row has them
   * @return the grouping; keys sorted, {@value #MISSING} last
   * @throws IllegalArgumentException if {@code values} is empty
   */
  public static Groups of(String column, String[] values, List<String> declared) {
    Objects.requireNonNull(column, "column");
    String[] v = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      v[i] = values[i] == null ? MISSING : values[i];
    }
    return build(column, List.of(column), v, declared, false);
  }

  /**
   * Groups from a column of a table: categorical levels (every declared level, even without
   * rows) or the distinct values of a numeric column as text.
   *
   * @param table the rows to group, e.g. the test split
   * @param column a column of {@code table}
   * @return the grouping
   * @throws DataValidationException if the table has no such column or no rows
   */
  public static Groups fromTable(Table table, String column) {
    if (!table.hasColumn(column)) {
      throw new DataValidationException(
          "sensitive column '" + column + "' is not in the table; its columns are "
              + table.columnNames() + ": name an existing column");
    }
    if (table.rowCount() == 0) {
      throw new DataValidationException(
          "cannot group rows by '" + column + "': the table has no rows");
    }
    Column c = table.column(column);
    String[] v = new String[c.size()];
    for (int i = 0; i < v.length; i++) {
      String s = c.format(i);
      v[i] = s == null ? MISSING : s;
    }
    List<String> declared =
        c instanceof dev.hone.core.data.CategoricalColumn cc ? cc.levels() : List.of();
    return build(column, List.of(column), v, declared, c instanceof NumericColumn);
  }

  /**
   * The attributes a fairness audit of {@code table} usually covers: one grouping per column and,
   * when there are two or more, the intersection of all of them.
   *
   * @param table the rows to group
   * @param columns sensitive column names, e.g. {@code table.sensitive()}
   * @return the groupings, singles first; empty when {@code columns} is empty
   * @throws DataValidationException if a column is missing
   */
  public static List<Groups> attributes(Table table, List<String> columns) {
    List<Groups> out = new ArrayList<>();
    for (String c : columns) {
      out.add(fromTable(table, c));
    }
    if (out.size() >= 2) {
      out.add(intersection(out));
    }
    return out;
  }

  /**
   * The intersection of several groupings of the same rows: a row's key is the combination of
   * its keys. Only combinations that occur are groups.
   *
   * @param parts groupings of the same rows, at least one
   * @return the intersection, named by joining the part names with {@value #SEPARATOR}
   * @throws IllegalArgumentException if the parts have different row counts or none is given
   */
  public static Groups intersection(List<Groups> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("an intersection needs at least one grouping");
    }
    int n = parts.get(0).size();
    List<String> cols = new ArrayList<>();
    for (Groups g : parts) {
      if (g.size() != n) {
        throw new IllegalArgumentException(
            "grouping '" + g.name + "' has " + g.size() + " rows but '" + parts.get(0).name
                + "' has " + n + ": intersections need the same rows");
      }
      cols.addAll(g.columns);
    }
    // order combinations by the parts' code order
    Map<List<Integer>, Integer> index = new HashMap<>();
    List<int[]> combos = new ArrayList<>();
    int[] comboOfRow = new int[n];
    for (int i = 0; i < n; i++) {
      List<Integer> k = new ArrayList<>(parts.size());
      for (Groups g : parts) {
        k.add(g.codes[i]);
      }
      Integer c = index.get(k);
      if (c == null) {
        c = combos.size();
        index.put(k, c);
        combos.add(k.stream().mapToInt(Integer::intValue).toArray());
      }
      comboOfRow[i] = c;
    }
    Integer[] order = new Integer[combos.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Arrays.compare(combos.get(a), combos.get(b)));
    int[] rank = new int[order.length];
    List<String> keys = new ArrayList<>();
    for (int r = 0; r < order.length; r++) {
      rank[order[r]] = r;
      int[] combo = combos.get(order[r]);
      StringBuilder sb = new StringBuilder();
      for (int p = 0; p < combo.length; p++) {
        if (p > 0) {
          sb.append(SEPARATOR);
        }
        sb.append(parts.get(p).keys.get(combo[p]));
      }
      keys.add(sb.toString());
    }
    if (new TreeSet<>(keys).size() != keys.size()) {
      throw new IllegalArgumentException(
          "intersection keys collide because a value contains '" + SEPARATOR + "': " + keys);
    }
    int[] codes = new int[n];
    for (int i = 0; i < n; i++) {
      codes[i] = rank[comboOfRow[i]];
    }
    String name = String.join(SEPARATOR, parts.stream().map(g -> g.name).toList());
    return new Groups(name, cols, keys, codes);
  }

  /** As {@link #intersection(List)}. */
  public static Groups intersection(Groups... parts) {
    return intersection(List.of(parts));
  }

  private static Groups build(
      String column, List<String> cols, String[] v, List<String> declared, boolean numeric) {
    if (v.length == 0) {
      throw new IllegalArgumentException("grouping '" + column + "' has no rows");
    }
    TreeSet<String> present = new TreeSet<>(Arrays.asList(v));
    present.addAll(declared);
    boolean hasMissing = present.remove(MISSING);
    List<String> keys = new ArrayList<>(present);
    if (numeric && keys.stream().allMatch(Groups::isNumber)) {
      keys.sort(Comparator.comparingDouble(Double::parseDouble));
    }
    if (hasMissing) {
      keys.add(MISSING);
    }
    Map<String, Integer> idx = new HashMap<>();
    for (int k = 0; k < keys.size(); k++) {
      idx.put(keys.get(k), k);
    }
    int[] codes = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      codes[i] = idx.get(v[i]);
    }
    return new Groups(column, cols, keys, codes);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The attribute's name: the column name, or the part names joined by {@value #SEPARATOR}. */
  public String name() {
    return name;
  }

  /** The sensitive columns this grouping is made of, in order. */
  public List<String> columns() {
    return columns;
  }

  /** The group keys in result order; index = group code. */
  public List<String> keys() {
    return keys;
  }

  /** Number of groups (including empty ones). */
  public int groupCount() {
    return keys.size();
  }

  /** Number of rows. */
  public int size() {
    return codes.length;
  }

  /** The group code of row {@code row}, in {@code [0, groupCount())}. */
  public int code(int row) {
    return codes[row];
  }

  /** The group key of row {@code row}. */
  public String key(int row) {
    return keys.get(codes[row]);
  }

  /** A copy of every row's group code, shape {@code [nRows]}. */
  public int[] codes() {
    return codes.clone();
  }

  /** Rows per group, shape {@code [groupCount()]}. */
  public int[] counts() {
    int[] c = new int[keys.size()];
    for (int code : codes) {
      c[code]++;
    }
    return c;
  }

  /** The rows of each group in increasing order: {@code [group][rows]}. */
  int[][] rowsByGroup() {
    int[] counts = counts();
    int[][] out = new int[keys.size()][];
    for (int g = 0; g < out.length; g++) {
      out[g] = new int[counts[g]];
    }
    int[] fill = new int[keys.size()];
    for (int i = 0; i < codes.length; i++) {
      out[codes[i]][fill[codes[i]]++] = i;
    }
    return out;
  }
}
