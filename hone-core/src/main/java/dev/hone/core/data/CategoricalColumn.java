package dev.hone.core.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A categorical column: a list of distinct levels and one code per row indexing into it; code
 * {@code -1} marks a missing value. Immutable.
 */
public final class CategoricalColumn implements Column {
  private final String name;
  private final List<String> levels;
  private final int[] codes;

  /**
   * @param name column name
   * @param levels distinct level strings; index = code
   * @param codes one per row, each in {@code [-1, levels.size())}
   * @throws IllegalArgumentException if a code is out of range or levels repeat
   */
  public CategoricalColumn(String name, List<String> levels, int[] codes) {
    this.name = Objects.requireNonNull(name, "name");
    this.levels = List.copyOf(levels);
    if (new java.util.HashSet<>(this.levels).size() != this.levels.size()) {
      throw new IllegalArgumentException("column " + name + ": levels repeat: " + levels);
    }
    this.codes = codes.clone();
    for (int c : this.codes) {
      if (c < -1 || c >= this.levels.size()) {
        throw new IllegalArgumentException("column " + name + ": code " + c + " out of range");
      }
    }
  }

  private CategoricalColumn(String name, List<String> levels, int[] codes, boolean trusted) {
    this.name = name;
    this.levels = levels;
    this.codes = codes;
  }

  /** Builds a column from raw strings ({@code null} = missing); levels in order of first appearance. */
  public static CategoricalColumn of(String name, String[] raw) {
    java.util.LinkedHashMap<String, Integer> idx = new java.util.LinkedHashMap<>();
    int[] codes = new int[raw.length];
    for (int i = 0; i < raw.length; i++) {
      codes[i] = raw[i] == null ? -1 : idx.computeIfAbsent(raw[i], k -> idx.size());
    }
    return new CategoricalColumn(name, List.copyOf(idx.keySet()), codes, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ColumnType type() {
    return ColumnType.CATEGORICAL;
  }

  @Override
  public int size() {
    return codes.length;
  }

  /** Distinct levels; code {@code i} means {@code levels().get(i)}. */
  public List<String> levels() {
    return levels;
  }

  /** The code in row {@code row}; {@code -1} when missing. */
  public int code(int row) {
    return codes[row];
  }

  /** A copy of all codes. */
  public int[] codes() {
    return codes.clone();
  }

  /** The level in row {@code row}; {@code null} when missing. */
  public String get(int row) {
    int c = codes[row];
    return c < 0 ? null : levels.get(c);
  }

  @Override
  public boolean isMissing(int row) {
    return codes[row] < 0;
  }

  @Override
  public String format(int row) {
    return get(row);
  }

  @Override
  public CategoricalColumn select(int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = codes[rows[i]];
    }
    return new CategoricalColumn(name, levels, out, true);
  }

  @Override
  public CategoricalColumn rename(String newName) {
    return new CategoricalColumn(newName, levels, codes, true);
  }

  /** The same rows re-coded against {@code newLevels}; values absent from it become missing. */
  public CategoricalColumn recode(List<String> newLevels) {
    java.util.Map<String, Integer> idx = new java.util.HashMap<>();
    for (int i = 0; i < newLevels.size(); i++) {
      idx.put(newLevels.get(i), i);
    }
    int[] out = new int[codes.length];
    for (int i = 0; i < codes.length; i++) {
      out[i] = codes[i] < 0 ? -1 : idx.getOrDefault(levels.get(codes[i]), -1);
    }
    return new CategoricalColumn(name, List.copyOf(newLevels), out, true);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CategoricalColumn c
        && c.name.equals(name)
        && c.levels.equals(levels)
        && Arrays.equals(c.codes, codes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, levels) * 31 + Arrays.hashCode(codes);
  }
}
