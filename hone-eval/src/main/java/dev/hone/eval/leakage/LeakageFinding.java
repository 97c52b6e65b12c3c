package dev.hone.eval.leakage;

import java.util.List;
import java.util.Objects;

/**
 * One leakage finding. Immutable and serialisable with {@link dev.hone.core.json.Json}.
 *
 * @param kind what was found: one of the {@code KIND_*} constants
 * @param severity how serious it is
 * @param column the column concerned, or {@code null} for row-level findings (duplicates)
 * @param message what was found and what to do, in one or two sentences
 * @param count how many rows (or columns, for {@link #KIND_TARGET_COPY}: rows checked) it
 *     concerns, e.g. the number of holdout rows duplicating a training row
 * @param examples a few concrete cases, e.g. {@code "test row 17 = train row 2034"}; at most
 *     {@link LeakageOptions#maxExamples()}
 */
public record LeakageFinding(
    String kind,
    Severity severity,
    String column,
    String message,
    long count,
    List<String> examples) {
  /** Holdout rows equal to a training row in every column, target included. */
  public static final String KIND_EXACT_DUPLICATES = "exact_duplicates";

  /** Holdout rows equal to a training row up to a small numeric tolerance and text case. */
  public static final String KIND_NEAR_DUPLICATES = "near_duplicates";

  /** A column that is the target, a monotone transform of it, or 1:1 with its classes. */
  public static final String KIND_TARGET_COPY = "target_copy";

  /** A single column whose one-feature model predicts the target almost perfectly. */
  public static final String KIND_SINGLE_FEATURE = "single_feature_predicts_target";

  /** An identifier-like column: unique per row, or monotone with row order. */
  public static final String KIND_ID_COLUMN = "id_column";

  /** Groups of the declared group column present in both splits. */
  public static final String KIND_GROUP_OVERLAP = "group_overlap";

  /** Holdout rows older than the newest training row of the declared time column. */
  public static final String KIND_TIME_OVERLAP = "time_overlap";

  public LeakageFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    examples = examples == null ? List.of() : List.copyOf(examples);
  }
}
