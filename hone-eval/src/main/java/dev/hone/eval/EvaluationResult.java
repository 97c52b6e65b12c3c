package dev.hone.eval;

import java.util.List;
import java.util.Optional;

/**
 * The evaluation of a model's predictions on one split: metric values with bootstrap intervals,
 * plus a confusion matrix (classification) or a residual summary (regression). Immutable and
 * serialisable with {@link dev.hone.core.json.Json} (non-finite numbers are written as strings).
 *
 * @param task the task, lower case: {@code "binary"}, {@code "multiclass"} or {@code "regression"}
 * @param n the number of rows evaluated
 * @param metrics one entry per metric of the task, in the order of {@link Metric#forTask}
 * @param confusion classification only, else {@code null}
 * @param residuals regression only, else {@code null}
 */
public record EvaluationResult(
    String task,
    int n,
    List<MetricValue> metrics,
    ConfusionMatrix confusion,
    ResidualSummary residuals) {
  /** Copies {@code metrics} into an unmodifiable list. */
  public EvaluationResult {
    metrics = List.copyOf(metrics);
  }

  /**
   * The entry for a metric name, e.g. {@code find("roc_auc")}.
   *
   * @param name a {@link Metric#metricName()}
   * @return the entry, or empty if the task has no such metric
   */
  public Optional<MetricValue> find(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
