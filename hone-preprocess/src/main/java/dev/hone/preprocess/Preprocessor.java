package dev.hone.preprocess;

import dev.hone.core.data.Table;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The unfitted preprocessing specification: immutable options, validated on construction. {@link
 * #fit(Table)} learns everything data-dependent from the training split only and returns a {@link
 * FittedPreprocessor}.
 *
 * <p>What fitting does:
 *
 * <ul>
 *   <li>Numeric feature columns pass through as {@code float}; {@code NaN} (missing) stays {@code
 *       NaN}. No scaling is applied: tree learners are invariant to monotone transforms of a feature.
 *   <li>Categorical feature columns are one-hot encoded from the levels seen in the training rows.
 *       Levels seen fewer than {@link #minLevelCount()} times are dropped first; of the rest, the
 *       {@link #maxOneHotLevels()} most frequent are kept (ties broken by {@link
 *       String#compareTo(String)} of the level). When any seen level is not kept, one extra
 *       indicator column {@code col=__other__} collects them. This is the "infrequent category"
 *       scheme of scikit-learn's {@code OneHotEncoder(min_frequency, max_categories)}, except that
 *       here {@code maxOneHotLevels} does not count the {@code __other__} column.
 *   <li>Sensitive columns are ordinary features unless listed in {@link #excludeColumns()}: whether
 *       a model may see a protected attribute is the user's decision (the convention of Fairlearn,
 *       which keeps sensitive features separate from the model's inputs only when told to).
 * </ul>
 *
 * @param maxOneHotLevels the most level columns one categorical column may produce, in {@code [1,
 *     Integer.MAX_VALUE]}; default {@value #DEFAULT_MAX_ONE_HOT_LEVELS}
 * @param minLevelCount a level needs at least this many training rows to get its own column, in
 *     {@code [1, Integer.MAX_VALUE]}; default {@value #DEFAULT_MIN_LEVEL_COUNT}
 * @param excludeColumns feature columns the model must not see (for example a sensitive column);
 *     each must be a non-target column of the training table; default empty
 * @param allowExtraColumns when {@code true}, {@link FittedPreprocessor#checkCompatible} logs a
 *     warning for columns of a prediction table that the model does not know instead of failing;
 *     default {@code false}
 */
public record Preprocessor(
    int maxOneHotLevels, int minLevelCount, List<String> excludeColumns, boolean allowExtraColumns) {

  /** Default of {@link #maxOneHotLevels()}. */
  public static final int DEFAULT_MAX_ONE_HOT_LEVELS = 32;

  /** Default of {@link #minLevelCount()}. */
  public static final int DEFAULT_MIN_LEVEL_COUNT = 1;

  /**
   * Validates the options.
   *
   * @throws InvalidParameterException if a count is below 1, or {@code excludeColumns} holds a
   *     {@code null} or repeats a name
   */
  public Preprocessor {
    if (maxOneHotLevels < 1) {
      throw new InvalidParameterException(
          "maxOneHotLevels was " + maxOneHotLevels + " but must be >= 1");
    }
    if (minLevelCount < 1) {
      throw new InvalidParameterException(
          "minLevelCount was " + minLevelCount + " but must be >= 1");
    }
    if (excludeColumns == null) {
      excludeColumns = List.of();
    }
    Set<String> seen = new HashSet<>();
    for (String c : excludeColumns) {
      if (c == null) {
        throw new InvalidParameterException("excludeColumns contains null: list column names");
      }
      if (!seen.add(c)) {
        throw new InvalidParameterException(
            "excludeColumns lists '" + c + "' twice: list each column once");
      }
    }
    excludeColumns = List.copyOf(excludeColumns);
  }

  /** The defaults: 32 levels, minimum count 1, nothing excluded, extra columns rejected. */
  public static Preprocessor defaults() {
    return new Preprocessor(DEFAULT_MAX_ONE_HOT_LEVELS, DEFAULT_MIN_LEVEL_COUNT, List.of(), false);
  }

  /** A copy with another {@link #maxOneHotLevels()}. */
  public Preprocessor withMaxOneHotLevels(int value) {
    return new Preprocessor(value, minLevelCount, excludeColumns, allowExtraColumns);
  }

  /** A copy with another {@link #minLevelCount()}. */
  public Preprocessor withMinLevelCount(int value) {
    return new Preprocessor(maxOneHotLevels, value, excludeColumns, allowExtraColumns);
  }

  /** A copy with other {@link #excludeColumns()}. */
  public Preprocessor withExcludeColumns(List<String> value) {
    return new Preprocessor(maxOneHotLevels, minLevelCount, value, allowExtraColumns);
  }

  /** A copy with another {@link #allowExtraColumns()}. */
  public Preprocessor withAllowExtraColumns(boolean value) {
    return new Preprocessor(maxOneHotLevels, minLevelCount, excludeColumns, value);
  }

  /**
   * Learns the encoding from the training split. Only rows of {@code train} are looked at: a level
   * listed by a categorical column but absent from its rows (as after selecting a split from a
   * larger table) never becomes a feature, and likewise a class that no training row has is not a
   * class of the fitted preprocessor.
   *
   * <p>Class labels (classification): the levels of the target column that occur in the training
   * rows, in the column's level order (the data layer orders them deterministically). A numeric
   * target column under a classification task is read by its text form ({@code 1.0} as {@code
   * "1"}), ordered by numeric value. Regression: the target must be numeric, or categorical with
   * levels that all parse as numbers.
   *
   * @param train the training split, with its target column and task marked; at least one row
   * @return the fitted preprocessor; thread-safe and immutable
   * @throws DataValidationException if the target or task is not marked, the table is empty, a
   *     binary task does not have exactly two classes in the training rows, a classification task
   *     has fewer than two, a regression target is not numeric or has a missing value, or two
   *     output feature names coincide
   * @throws InvalidParameterException if {@code excludeColumns} names a column that is not a
   *     feature column of {@code train}
   */
  public FittedPreprocessor fit(Table train) {
    Objects.requireNonNull(train, "train");
    return Fitting.fit(this, train);
  }
}
