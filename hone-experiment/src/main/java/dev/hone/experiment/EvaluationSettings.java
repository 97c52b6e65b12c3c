package dev.hone.experiment;

import java.util.List;

/**
 * Evaluation settings of {@code hone train}.
 *
 * @param strict refuse to train (exit 2) when a leakage check finds a HIGH-severity problem
 * @param groupColumn column whose values must not be shared by train and test (e.g. a customer
 *     id), or {@code null}
 * @param timeColumn column ordering rows in time; test rows older than training rows are flagged,
 *     or {@code null}
 * @param slices user-defined slices such as {@code "sex=Female & age<30"}
 * @param immutable input columns adversarial attacks must not change (numeric ones; categorical
 *     columns are always held), e.g. {@code age}
 */
public record EvaluationSettings(
    boolean strict, String groupColumn, String timeColumn, List<String> slices,
    List<String> immutable) {
  /** No strict mode, no group or time column, no user slices. */
  public static final EvaluationSettings DEFAULTS =
      new EvaluationSettings(false, null, null, List.of());

  /** Settings without immutable columns. */
  public EvaluationSettings(
      boolean strict, String groupColumn, String timeColumn, List<String> slices) {
    this(strict, groupColumn, timeColumn, slices, List.of());
  }

  public EvaluationSettings {
    slices = slices == null ? List.of() : List.copyOf(slices);
    immutable = immutable == null ? List.of() : List.copyOf(immutable);
  }
}
