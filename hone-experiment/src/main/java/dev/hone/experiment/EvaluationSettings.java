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
 */
public record EvaluationSettings(
    boolean strict, String groupColumn, String timeColumn, List<String> slices) {
  /** No strict mode, no group or time column, no user slices. */
  public static final EvaluationSettings DEFAULTS =
      new EvaluationSettings(false, null, null, List.of());

  public EvaluationSettings {
    slices = slices == null ? List.of() : List.copyOf(slices);
  }
}
