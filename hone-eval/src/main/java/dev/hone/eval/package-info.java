/**
 * Evaluation metrics and trustworthy evaluation of predictions.
 *
 * <ul>
 *   <li>{@link dev.hone.eval.Metrics}: the metrics as pure functions over arrays, each matching a
 *       scikit-learn function.
 *   <li>{@link dev.hone.eval.Metric}: the metric catalogue (name, direction, range, tasks), the
 *       parser for user-given names and the default search objective per task.
 *   <li>{@link dev.hone.eval.Evaluator}: all metrics of a task with 95% percentile-bootstrap
 *       intervals, a confusion matrix or a residual summary, as an immutable {@link
 *       dev.hone.eval.EvaluationResult}.
 * </ul>
 *
 * <p>The bootstrap evaluates a resample as integer row multiplicities over rows sorted once by
 * score, so each resample costs one linear pass for all metrics together.
 */
package dev.hone.eval;
