package dev.hone.eval.leakage;

import dev.hone.core.data.CategoricalColumn;
import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.error.DataValidationException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads a time column as seconds: a numeric column as it is (any unit, compared only with itself),
 * a text column as ISO-8601 dates or date-times converted to seconds since 1970-01-01T00:00Z.
 *
 * <p>Accepted text forms: {@code 2020-01-31} (midnight), {@code 2020-01-31T13:45},
 * {@code 2020-01-31T13:45:10.5} (a blank may replace the {@code T}), each optionally followed by
 * {@code Z} or an offset such as {@code +01:00}. Local date-times without an offset are read as
 * UTC, so a column must not mix offset and local forms if the difference matters.
 */
final class TimeValues {
  private TimeValues() {}

  /**
   * The time of every row; {@code NaN} where missing.
   *
   * @param col the column
   * @param where the table's name for messages, e.g. {@code "train"}
   * @throws DataValidationException if a text value is not an ISO-8601 date or date-time
   */
  static double[] read(Column col, String where) {
    if (col instanceof NumericColumn num) {
      return num.values();
    }
    CategoricalColumn cat = (CategoricalColumn) col;
    double[] levelSeconds = new double[cat.levels().size()];
    boolean[] parsed = new boolean[levelSeconds.length];
    double[] out = new double[cat.size()];
    for (int r = 0; r < out.length; r++) {
      int c = cat.code(r);
      if (c < 0) {
        out[r] = Double.NaN;
        continue;
      }
      if (!parsed[c]) {
        String text = cat.levels().get(c);
        double s = parse(text);
        if (Double.isNaN(s)) {
          throw new DataValidationException(
              "time column '" + col.name() + "' of " + where + " row " + r + " holds '" + text
                  + "', which is not an ISO-8601 date or date-time (e.g. 2020-01-31 or"
                  + " 2020-01-31T13:45:00Z): convert the column, or give times as numbers");
        }
        levelSeconds[c] = s;
        parsed[c] = true;
      }
      out[r] = levelSeconds[c];
    }
    return out;
  }

  /** Seconds since the epoch, or NaN when {@code text} is not an accepted form. */
  static double parse(String text) {
    String t = text.strip().replace(' ', 'T');
    try {
      if (t.length() == 10) {
        return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$") && t.indexOf('T') > 0) {
        try {
          return seconds(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
          return seconds(Instant.parse(t));
        }
      }
      return seconds(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Double.NaN;
    }
  }

  private static double seconds(Instant i) {
    return i.getEpochSecond() + i.getNano() / 1e9;
  }
}
