package dev.hone.eval.leakage;

import dev.hone.core.data.Column;
import dev.hone.core.data.Table;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A split that keeps every group whole: all rows with the same value of the group column land in
 * the same part, so no group is in both training and holdout rows (no {@value
 * LeakageFinding#KIND_GROUP_OVERLAP} finding).
 *
 * <p>Groups are compared as text; a row whose group is missing forms a group of its own. The
 * groups are shuffled with {@code Seeds.rng(seed, }{@value #SEED_STREAM}{@code , 0)}, then
 * ordered by decreasing size (a stable sort, so equal sizes keep their shuffled order), and each is
 * assigned to the part furthest below its target row count ({@code fraction · n}; ties to the
 * first part). Large groups are thus placed first and the small ones fill the remaining room, so
 * the parts' sizes are close to the fractions when no group is large compared with a part; a
 * single group larger than a part's target makes that part larger. The same seed and table give
 * the same split.
 */
public final class GroupSplit {
  /** Stream under which the shuffle derives from the seed. */
  public static final String SEED_STREAM = "leakage.group-split";

  private GroupSplit() {}

  /**
   * Splits the rows of {@code table} by group.
   *
   * @param table the rows
   * @param groupColumn the column naming each row's group
   * @param fractions the target share of rows per part, e.g. {@code {0.6, 0.2, 0.2}}; at least
   *     two, each in (0, 1), summing to 1
   * @param seed the seed of the shuffle
   * @return one array of row indices per part, each ascending; together they hold every row once
   * @throws InvalidParameterException on bad fractions
   * @throws UserInputException if the group column is unknown
   */
  public static int[][] split(Table table, String groupColumn, double[] fractions, long seed) {
    Fractions.check(fractions);
    if (!table.hasColumn(groupColumn)) {
      throw new UserInputException(
          "group column '" + groupColumn + "' is not a column; columns are "
              + table.columnNames());
    }
    Column col = table.column(groupColumn);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    List<int[]> members = new ArrayList<>();
    for (int r = 0; r < table.rowCount(); r++) {
      String g = col.format(r);
      if (g == null) {
        members.add(new int[] {r});
      } else {
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
      }
    }
    for (List<Integer> rows : groups.values()) {
      members.add(rows.stream().mapToInt(Integer::intValue).toArray());
    }
    int[] order = new int[members.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom rng = Seeds.rng(seed, SEED_STREAM, 0);
    Seeds.shuffle(order, rng);
    int[] bySize = IndexSort.sort(order.length,
        (a, b) -> Integer.compare(members.get(order[b]).length, members.get(order[a]).length));
    int n = table.rowCount();
    int parts = fractions.length;
    double[] target = new double[parts];
    for (int k = 0; k < parts; k++) {
      target[k] = fractions[k] * n;
    }
    long[] filled = new long[parts];
    List<List<int[]>> assigned = new ArrayList<>();
    for (int k = 0; k < parts; k++) {
      assigned.add(new ArrayList<>());
    }
    for (int i : bySize) {
      int[] rows = members.get(order[i]);
      int best = 0;
      for (int k = 1; k < parts; k++) {
        if (target[k] - filled[k] > target[best] - filled[best]) {
          best = k;
        }
      }
      assigned.get(best).add(rows);
      filled[best] += rows.length;
    }
    int[][] out = new int[parts][];
    for (int k = 0; k < parts; k++) {
      out[k] = assigned.get(k).stream().flatMapToInt(Arrays::stream).sorted().toArray();
    }
    return out;
  }
}
