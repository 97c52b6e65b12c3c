package dev.hone.eval;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Predictions;
import dev.hone.core.random.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a model's predictions on a split: every metric of the task ({@link
 * Metric#forTask}) with a 95% bootstrap confidence interval, and a confusion matrix or a residual
 * summary. Used once on the test split for the final model; trials are scored on the validation
 * split with {@link Metric#compute} alone.
 *
 * <h2>Bootstrap</h2>
 *
 * <p>Each of {@code bootstrapRounds} resamples draws {@code n} rows uniformly with replacement
 * from the {@code n} evaluated rows; every metric is recomputed on it (the same resamples serve all
 * metrics, so their intervals are paired). The interval is the percentile interval: the 2.5th and
 * 97.5th percentiles of the replicate values, interpolated linearly between order statistics
 * (numpy's default, see {@link ResidualSummary}). A resample on which a metric is undefined — ROC
 * AUC when it holds a single class, average precision when it holds no positive — is skipped for
 * that metric and counted: {@link MetricValue#bootstrapValid()} says how many remained. A warning
 * is logged when any were skipped. The percentile interval assumes the metric's sampling
 * distribution is roughly symmetric after some monotone transform; it can be too narrow for small
 * {@code n} and for metrics near their bounds (e.g. AUC near 1).
 *
 * <p>Resamples are drawn from {@code Seeds.rng(seed, }{@value #BOOTSTRAP_STREAM}{@code , 0)}: the
 * same seed, rows and predictions give the same intervals on every run and JVM. A resample costs one
 * O(n) pass over all metrics (ranking metrics reuse a single sort; see the package notes), so the
 * default 1000 rounds over 16,000 rows take a fraction of a second.
 *
 * <p>Binary accuracy and F1 use the threshold {@link Metric#BINARY_THRESHOLD} (0.5) on the
 * probability of class 1; the confusion matrix uses the same hard predictions (arg-max for
 * multiclass).
 *
 * <p>Thread safety: stateless; concurrent calls are safe.
 *
 * <h2>References</h2>
 *
 * <ul>
 *   <li>Efron and Tibshirani, "An Introduction to the Bootstrap", Chapman &amp; Hall, 1993, ch. 13
 *       (the percentile interval).
 * </ul>
 */
public final class Evaluator {
  /** Default number of bootstrap resamples. */
  public static final int DEFAULT_BOOTSTRAP_ROUNDS = 1000;

  /** Confidence level of the reported intervals. */
  public static final double CONFIDENCE_LEVEL = 0.95;

  /** Stream name under which the bootstrap's generator is derived from the seed. */
  public static final String BOOTSTRAP_STREAM = "eval.bootstrap";

  /** Lower and upper percentile for {@link #CONFIDENCE_LEVEL}, in percent. */
  static final double LOWER_PERCENTILE = 2.5;

  static final double UPPER_PERCENTILE = 97.5;

  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private Evaluator() {}

  /**
   * Evaluates with {@link #DEFAULT_BOOTSTRAP_ROUNDS} resamples.
   *
   * @see #evaluate(TaskType, double[], Predictions, List, int, long)
   */
  public static EvaluationResult evaluate(
      TaskType task, double[] labels, Predictions preds, List<String> classLabels, long seed) {
    return evaluate(task, labels, preds, classLabels, DEFAULT_BOOTSTRAP_ROUNDS, seed);
  }

  /**
   * Evaluates predictions against true labels.
   *
   * @param task the task; must equal {@code preds.task()}
   * @param labels true targets, shape {@code [n]}, {@code n >= 1}: class indices {@code 0.0 ..
   *     k-1} for classification, real values for regression
   * @param preds the model's predictions for the same rows
   * @param classLabels classification: the class names, index = class index, size {@code k} (the
   *     number of probability columns); regression: ignored, may be {@code null}
   * @param bootstrapRounds number of resamples, {@code >= 0}, default {@link
   *     #DEFAULT_BOOTSTRAP_ROUNDS}; 0 skips the bootstrap (intervals are NaN)
   * @param seed root seed of the resampling
   * @return the evaluation
   * @throws DataValidationException if there are no rows or a label is missing or not a class of
   *     the model
   * @throws InvalidParameterException if {@code bootstrapRounds < 0}
   * @throws IllegalArgumentException if shapes or tasks disagree or {@code classLabels} does not
   *     name every class
   */
  public static EvaluationResult evaluate(
      TaskType task,
      double[] labels,
      Predictions preds,
      List<String> classLabels,
      int bootstrapRounds,
      long seed) {
    if (bootstrapRounds < 0) {
      throw new InvalidParameterException(
          "bootstrap rounds was " + bootstrapRounds + " but must be >= 0 (0 turns it off)");
    }
    validate(task, labels, preds, classLabels);
    long started = System.nanoTime();
    BootstrapKernel kernel = BootstrapKernel.of(task, labels, preds);
    double[][] replicates =
        replicates(kernel, bootstrapRounds, Seeds.rng(seed, BOOTSTRAP_STREAM, 0));
    EvaluationResult result = assemble(task, labels, preds, classLabels, kernel, replicates);
    LOG.debug(
        "evaluated {} rows ({}), {} bootstrap rounds in {} ms",
        labels.length,
        Metric.taskName(task),
        bootstrapRounds,
        (System.nanoTime() - started) / 1_000_000);
    return result;
  }

  /**
   * One metric with its 95% percentile-bootstrap interval, as {@link #evaluate} computes it (same
   * resampling, same stream {@value #BOOTSTRAP_STREAM} of {@code seed}), for callers that evaluate
   * many subsets of a split, such as per-slice analyses. Undefined resamples are skipped and
   * counted in {@link MetricValue#bootstrapValid()}; unlike {@link #evaluate} this logs them at
   * DEBUG only, since small subsets routinely have some.
   *
   * @param metric the metric; it must apply to {@code preds.task()}
   * @param labels true targets, shape {@code [n]}, {@code n >= 1} (see {@link #evaluate})
   * @param preds predictions for the same rows
   * @param bootstrapRounds resamples, {@code >= 0}; 0 gives NaN bounds
   * @param seed root seed of the resampling
   * @return the metric on all rows with its interval
   * @throws DataValidationException if there are no rows or a label is missing or not a class of
   *     the model
   * @throws InvalidParameterException if {@code bootstrapRounds < 0}
   * @throws IllegalArgumentException if the metric does not apply or shapes disagree
   */
  public static MetricValue evaluateMetric(
      Metric metric, double[] labels, Predictions preds, int bootstrapRounds, long seed) {
    if (bootstrapRounds < 0) {
      throw new InvalidParameterException(
          "bootstrap rounds was " + bootstrapRounds + " but must be >= 0 (0 turns it off)");
    }
    TaskType task = preds.task();
    if (!metric.appliesTo(task)) {
      throw new IllegalArgumentException(
          "metric " + metric.metricName() + " does not apply to task " + Metric.taskName(task));
    }
    if (labels.length == 0) {
      throw new DataValidationException(
          "the evaluated rows are empty: a metric needs at least one row with a target");
    }
    Metric.Inputs.requireRows(labels.length, preds.size());
    double point = metric.compute(labels, preds);
    BootstrapKernel kernel = BootstrapKernel.of(task, labels, preds);
    double[][] replicates =
        replicates(kernel, bootstrapRounds, Seeds.rng(seed, BOOTSTRAP_STREAM, 0));
    double[] ci = percentileInterval(replicates[kernel.metrics().indexOf(metric)]);
    if ((int) ci[2] < bootstrapRounds) {
      LOG.debug(
          "{} undefined on {} of {} resamples of {} rows",
          metric.metricName(), bootstrapRounds - (int) ci[2], bootstrapRounds, labels.length);
    }
    return new MetricValue(
        metric.metricName(), point, ci[0], ci[1], bootstrapRounds, (int) ci[2],
        metric.higherIsBetter());
  }

  /**
   * As {@link #evaluate(TaskType, double[], Predictions, List, int, long)}, but with explicit
   * resamples: {@code indices[b]} lists the {@code n} rows drawn in round {@code b}. For checking
   * against an independent bootstrap that used the same draws.
   */
  static EvaluationResult evaluateWithIndices(
      TaskType task,
      double[] labels,
      Predictions preds,
      List<String> classLabels,
      int[][] indices) {
    validate(task, labels, preds, classLabels);
    BootstrapKernel kernel = BootstrapKernel.of(task, labels, preds);
    return assemble(task, labels, preds, classLabels, kernel, replicates(kernel, indices));
  }

  // ------------------------------------------------------------------ bootstrap

  /** Replicates {@code [metric][round]} for {@code rounds} seeded resamples. */
  static double[][] replicates(BootstrapKernel kernel, int rounds, SplittableRandom rng) {
    int n = kernel.size();
    int m = kernel.metrics().size();
    double[][] out = new double[m][rounds];
    int[] weights = new int[n];
    double[] values = new double[m];
    for (int b = 0; b < rounds; b++) {
      Arrays.fill(weights, 0);
      for (int i = 0; i < n; i++) {
        weights[kernel.slot(rng.nextInt(n))]++;
      }
      kernel.evaluate(weights, values);
      for (int j = 0; j < m; j++) {
        out[j][b] = values[j];
      }
    }
    return out;
  }

  /** Replicates {@code [metric][round]} for explicit resamples {@code indices[round][draw]}. */
  static double[][] replicates(BootstrapKernel kernel, int[][] indices) {
    int n = kernel.size();
    int m = kernel.metrics().size();
    double[][] out = new double[m][indices.length];
    int[] weights = new int[n];
    double[] values = new double[m];
    for (int b = 0; b < indices.length; b++) {
      if (indices[b].length == 0) {
        throw new IllegalArgumentException("resample " + b + " is empty");
      }
      Arrays.fill(weights, 0);
      for (int row : indices[b]) {
        if (row < 0 || row >= n) {
          throw new IllegalArgumentException(
              "resample " + b + " draws row " + row + " but rows are 0.." + (n - 1));
        }
        weights[kernel.slot(row)]++;
      }
      kernel.evaluate(weights, values);
      for (int j = 0; j < m; j++) {
        out[j][b] = values[j];
      }
    }
    return out;
  }

  /**
   * The percentile interval of one metric's replicates.
   *
   * @return {@code {lower, upper, valid}}; bounds NaN when no replicate is defined
   */
  static double[] percentileInterval(double[] replicates) {
    double[] valid = new double[replicates.length];
    int m = 0;
    for (double v : replicates) {
      if (!Double.isNaN(v)) {
        valid[m++] = v;
      }
    }
    if (m == 0) {
      return new double[] {Double.NaN, Double.NaN, 0};
    }
    Arrays.sort(valid, 0, m);
    return new double[] {
      Percentiles.linear(valid, m, LOWER_PERCENTILE), Percentiles.linear(valid, m, UPPER_PERCENTILE), m
    };
  }

  // ------------------------------------------------------------------ assembly

  private static EvaluationResult assemble(
      TaskType task,
      double[] labels,
      Predictions preds,
      List<String> classLabels,
      BootstrapKernel kernel,
      double[][] replicates) {
    List<Metric> metrics = kernel.metrics();
    List<MetricValue> values = new ArrayList<>(metrics.size());
    for (int j = 0; j < metrics.size(); j++) {
      Metric metric = metrics.get(j);
      double point = metric.compute(labels, preds);
      int rounds = replicates[j].length;
      double[] ci = percentileInterval(replicates[j]);
      int valid = (int) ci[2];
      if (valid < rounds) {
        LOG.warn(
            "{} is undefined on {} of {} bootstrap resamples ({}); its interval uses the other {}",
            metric.metricName(),
            rounds - valid,
            rounds,
            undefinedReason(metric),
            valid);
      }
      values.add(
          new MetricValue(
              metric.metricName(), point, ci[0], ci[1], rounds, valid, metric.higherIsBetter()));
    }
    ConfusionMatrix confusion = null;
    ResidualSummary residuals = null;
    if (task.isClassification()) {
      confusion = confusion(labels, preds, classLabels);
    } else {
      residuals = ResidualSummary.of(labels, preds.values());
    }
    return new EvaluationResult(Metric.taskName(task), labels.length, values, confusion, residuals);
  }

  private static String undefinedReason(Metric metric) {
    switch (metric) {
      case ROC_AUC:
        return "a single class drawn";
      case PR_AUC:
        return "no positive drawn";
      default:
        return "non-finite predictions";
    }
  }

  private static ConfusionMatrix confusion(
      double[] labels, Predictions preds, List<String> classLabels) {
    int k = classLabels.size();
    int[] pred = Metric.Inputs.hardPredictions(preds);
    long[][] counts = new long[k][k];
    for (int i = 0; i < labels.length; i++) {
      counts[(int) labels[i]][pred[i]]++;
    }
    return new ConfusionMatrix(classLabels, counts);
  }

  private static void validate(
      TaskType task, double[] labels, Predictions preds, List<String> classLabels) {
    if (preds.task() != task) {
      throw new IllegalArgumentException(
          "predictions are for task "
              + Metric.taskName(preds.task())
              + " but the evaluation is for "
              + Metric.taskName(task));
    }
    if (labels.length == 0) {
      throw new DataValidationException(
          "the evaluated split has 0 rows: it needs at least one row with a target");
    }
    Metric.Inputs.requireRows(labels.length, preds.size());
    if (task.isClassification()) {
      int k = Metric.Inputs.nClasses(preds);
      Metric.Inputs.classLabels(labels, k);
      if (classLabels == null || classLabels.size() != k) {
        throw new IllegalArgumentException(
            "class labels "
                + classLabels
                + " must name each of the "
                + k
                + " classes the predictions have columns for");
      }
    } else {
      Metric.Inputs.regressionLabels(labels);
      if (preds.values().length != labels.length) {
        throw new IllegalArgumentException(
            "labels have " + labels.length + " rows but values have " + preds.values().length);
      }
    }
  }
}
