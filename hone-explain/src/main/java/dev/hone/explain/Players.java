package dev.hone.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The players of a Shapley game: single columns, or groups of columns that enter and leave a
 * coalition together (the columns of one encoded input, for instance).
 */
final class Players {
  final List<String> names;
  final int[][] columns; // [nPlayers][members]
  final int nColumns;

  private Players(List<String> names, int[][] columns, int nColumns) {
    this.names = List.copyOf(names);
    this.columns = columns;
    this.nColumns = nColumns;
  }

  int size() {
    return columns.length;
  }

  /**
   * One player per column, or per group when {@code featureToGroup} is given (columns missing
   * from the map are players of their own; groups are ordered by their first column).
   */
  static Players of(List<String> featureNames, Map<String, String> featureToGroup) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int j = 0; j < featureNames.size(); j++) {
      String name = featureNames.get(j);
      String g = featureToGroup == null ? name : featureToGroup.getOrDefault(name, name);
      groups.computeIfAbsent(g, k -> new ArrayList<>()).add(j);
    }
    int[][] cols = new int[groups.size()][];
    int p = 0;
    for (List<Integer> m : groups.values()) {
      cols[p++] = m.stream().mapToInt(Integer::intValue).toArray();
    }
    return new Players(new ArrayList<>(groups.keySet()), cols, featureNames.size());
  }

  /** Whether player {@code p} has the same values in {@code a} and {@code b} (see Matrices.same). */
  boolean same(int p, double[] a, double[] b) {
    for (int c : columns[p]) {
      if (!Matrices.same(a[c], b[c])) {
        return false;
      }
    }
    return true;
  }

  /** Copies player {@code p}'s columns from {@code src} into {@code dst}. */
  void copy(int p, double[] src, double[] dst) {
    for (int c : columns[p]) {
      dst[c] = src[c];
    }
  }
}
