package dev.hone.preprocess;

import java.util.List;
import java.util.Objects;

/**
 * Rows of one categorical column whose level was never seen in the training split. Such rows get
 * 0 in every level column and 1 in {@code col=__other__} when that column exists.
 *
 * @param column the input column name
 * @param rows number of rows with an unseen level (≥ 1)
 * @param examples up to {@link #MAX_EXAMPLES} distinct unseen levels, in order of first appearance
 */
public record UnseenLevels(String column, int rows, List<String> examples) {
  /** The most example levels kept per column. */
  public static final int MAX_EXAMPLES = 5;

  public UnseenLevels {
    Objects.requireNonNull(column, "column");
    examples = List.copyOf(examples);
  }
}
