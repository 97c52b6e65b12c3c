package dev.hone.experiment;

import dev.hone.core.data.Column;
import dev.hone.core.data.NumericColumn;
import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;

/**
 * Checks that numeric values fit the engines' 32-bit floating-point feature space (XGBoost works
 * in {@code float}): a finite value beyond ±{@value Float#MAX_VALUE} would silently become
 * infinite and break training.
 */
final class ValueRange {
  private ValueRange() {}

  /**
   * @throws DataValidationException naming the column, the 1-based data row and the value
   */
  static void check(Table t, String source) {
    for (Column c : t.columns()) {
      if (c instanceof NumericColumn n && !c.name().equals(t.target())) {
        for (int i = 0; i < n.size(); i++) {
          double v = n.get(i);
          if (!Double.isNaN(v) && (Double.isInfinite(v) || Math.abs(v) > Float.MAX_VALUE)) {
            throw new DataValidationException(
                source + ": column '" + c.name() + "', data row " + (i + 1) + " holds " + v
                    + ", beyond the range models work in (about ±3.4e38); rescale the column"
                    + " (e.g. use logarithms) or replace the value with a missing token");
          }
        }
      }
    }
  }
}
