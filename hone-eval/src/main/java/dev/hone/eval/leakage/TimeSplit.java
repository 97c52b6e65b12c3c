package dev.hone.eval.leakage;

import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import java.util.Arrays;

/**
 * A split by time: the oldest rows form the first part (training), the newest the last, so no
 * holdout row is older than a training row (no {@value LeakageFinding#KIND_TIME_OVERLAP} finding).
 *
 * <p>Rows are ordered by the time column (numbers, or ISO-8601 text as {@link LeakageChecker}
 * reads it; equal times keep their row order). Part {@code k} ends after {@code
 * ceil((f_0 + ... + f_k) · n)} rows, moved forward to the end of a run of equal times so that
 * equal times never straddle two parts; a part can therefore be larger than its fraction, or
 * empty when one time covers it. Deterministic; needs no seed.
 */
public final class TimeSplit {
  private TimeSplit() {}

  /**
   * Splits the rows of {@code table} by time.
   *
   * @param table the rows
   * @param timeColumn the column with each row's time
   * @param fractions the share of rows per part, oldest first, e.g. {@code {0.6, 0.2, 0.2}}
   * @return one array of row indices per part, each ascending
   * @throws InvalidParameterException on bad fractions
   * @throws UserInputException if the column is unknown
   * @throws DataValidationException if a time is missing or not ISO-8601 text
   */
  public static int[][] split(Table table, String timeColumn, double[] fractions) {
    Fractions.check(fractions);
    if (!table.hasColumn(timeColumn)) {
      throw new UserInputException(
          "time column '" + timeColumn + "' is not a column; columns are "
              + table.columnNames());
    }
    double[] t = TimeValues.read(table.column(timeColumn), "the table");
    int n = t.length;
    int missing = 0;
    int firstMissing = -1;
    for (int r = 0; r < n; r++) {
      if (Double.isNaN(t[r])) {
        missing++;
        if (firstMissing < 0) {
          firstMissing = r;
        }
      }
    }
    if (missing > 0) {
      throw new DataValidationException(
          missing + " row(s) have no time in column '" + timeColumn + "' (first: row "
              + firstMissing + "): a split by time needs every row's time; drop or fill them");
    }
    int[] order = IndexSort.sort(n, (a, b) -> Double.compare(t[a], t[b]));
    int[][] out = new int[fractions.length][];
    int start = 0;
    double cumulative = 0;
    for (int k = 0; k < fractions.length; k++) {
      cumulative += fractions[k];
      int end = k == fractions.length - 1 ? n : (int) Math.min(n, Math.ceil(cumulative * n - 1e-9));
      end = Math.max(end, start);
      while (end > 0 && end < n && t[order[end]] == t[order[end - 1]]) {
        end++;
      }
      int[] part = Arrays.copyOfRange(order, start, end);
      Arrays.sort(part);
      out[k] = part;
      start = end;
    }
    return out;
  }
}
