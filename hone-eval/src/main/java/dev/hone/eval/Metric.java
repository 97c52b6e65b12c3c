package dev.hone.eval;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.DataValidationException;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.Predictions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The metrics Hone scores models with: a stable snake-case name (as used on the command line and
 * in result files, close to scikit-learn's scorer names), an optimisation {@link Direction}, a
 * value range, the tasks it applies to, and {@link #compute(double[], Predictions)}.
 *
 * <p>How predictions become the inputs of {@link Metrics}:
 *
 * <ul>
 *   <li>Binary ranking and probabilistic metrics use the probability of class 1, {@code
 *       probabilities[i][1]} ({@link #LOG_LOSS} uses both columns).
 *   <li>Binary {@link #ACCURACY} and {@link #F1} predict class 1 iff {@code probabilities[i][1] >
 *       0.5} ({@link #BINARY_THRESHOLD}); a probability of exactly 0.5 predicts class 0, as the
 *       arg-max of {@link Predictions#predictedClasses()} and scikit-learn's {@code
 *       LogisticRegression.predict} do.
 *   <li>Multiclass {@link #ACCURACY} and {@link #MACRO_F1} use {@link
 *       Predictions#predictedClasses()} (arg-max, first class on ties).
 *   <li>Regression metrics use {@link Predictions#values()}.
 * </ul>
 *
 * <p>Labels are passed as {@code double[]}, the form a target column has: class indices {@code
 * 0.0, 1.0, ...} for classification, real values for regression.
 *
 * <p>The declaration order is the order metrics are listed in results; {@link
 * #defaultObjective(TaskType)} gives the objective a search optimises when the user names none.
 */
public enum Metric {
  /** Area under the ROC curve, {@link Metrics#rocAuc}. Binary. */
  ROC_AUC("roc_auc", Direction.MAXIMIZE, 0.0, 1.0, EnumSet.of(TaskType.BINARY)),
  /** Average precision (area under the precision–recall curve), {@link Metrics#averagePrecision}. */
  PR_AUC("pr_auc", Direction.MAXIMIZE, 0.0, 1.0, EnumSet.of(TaskType.BINARY)),
  /** Mean cross-entropy in nats, {@link Metrics#logLoss}. Binary and multiclass. */
  LOG_LOSS(
      "log_loss",
      Direction.MINIMIZE,
      0.0,
      -Math.log(Metrics.LOG_LOSS_EPS),
      EnumSet.of(TaskType.BINARY, TaskType.MULTICLASS)),
  /** Brier score of the class-1 probability, {@link Metrics#brierScore}. Binary. */
  BRIER("brier", Direction.MINIMIZE, 0.0, 1.0, EnumSet.of(TaskType.BINARY)),
  /** Fraction of correct class predictions, {@link Metrics#accuracy}. Binary and multiclass. */
  ACCURACY(
      "accuracy", Direction.MAXIMIZE, 0.0, 1.0, EnumSet.of(TaskType.BINARY, TaskType.MULTICLASS)),
  /** F1 score of class 1, {@link Metrics#f1}. Binary. */
  F1("f1", Direction.MAXIMIZE, 0.0, 1.0, EnumSet.of(TaskType.BINARY)),
  /** Unweighted mean of per-class F1 scores, {@link Metrics#macroF1}. Multiclass. */
  MACRO_F1("macro_f1", Direction.MAXIMIZE, 0.0, 1.0, EnumSet.of(TaskType.MULTICLASS)),
  /** Root mean squared error, {@link Metrics#rmse}. Regression. */
  RMSE("rmse", Direction.MINIMIZE, 0.0, Double.POSITIVE_INFINITY, EnumSet.of(TaskType.REGRESSION)),
  /** Mean absolute error, {@link Metrics#mae}. Regression. */
  MAE("mae", Direction.MINIMIZE, 0.0, Double.POSITIVE_INFINITY, EnumSet.of(TaskType.REGRESSION)),
  /** Coefficient of determination, {@link Metrics#r2}. Regression. */
  R2("r2", Direction.MAXIMIZE, Double.NEGATIVE_INFINITY, 1.0, EnumSet.of(TaskType.REGRESSION));

  /** Binary classification threshold on the probability of class 1 for accuracy and F1. */
  public static final double BINARY_THRESHOLD = 0.5;

  private final String metricName;
  private final Direction direction;
  private final double minValue;
  private final double maxValue;
  private final Set<TaskType> tasks;

  Metric(
      String metricName, Direction direction, double minValue, double maxValue, Set<TaskType> t) {
    this.metricName = metricName;
    this.direction = direction;
    this.minValue = minValue;
    this.maxValue = maxValue;
    this.tasks = Collections.unmodifiableSet(EnumSet.copyOf(t));
  }

  /** The snake-case name, e.g. {@code "roc_auc"}; what {@link #parse} accepts. */
  public String metricName() {
    return metricName;
  }

  /** Whether larger or smaller values are better. */
  public Direction direction() {
    return direction;
  }

  /** Shorthand for {@code direction().higherIsBetter()}. */
  public boolean higherIsBetter() {
    return direction.higherIsBetter();
  }

  /** Smallest value the metric can take (may be {@code -Infinity}). */
  public double minValue() {
    return minValue;
  }

  /**
   * Largest value the metric can take (may be {@code +Infinity}); for {@link #LOG_LOSS}, −ln
   * {@link Metrics#LOG_LOSS_EPS} ≈ 36.04, reached for probability rows that sum to one.
   */
  public double maxValue() {
    return maxValue;
  }

  /** The tasks this metric applies to (unmodifiable). */
  public Set<TaskType> tasks() {
    return tasks;
  }

  /** Whether this metric can score a model for {@code task}. */
  public boolean appliesTo(TaskType task) {
    return tasks.contains(task);
  }

  /** Returns {@link #metricName()}. */
  @Override
  public String toString() {
    return metricName;
  }

  /**
   * Scores predictions against true labels.
   *
   * @param labels true targets, shape {@code [n]}: class indices {@code 0.0 .. nClasses-1} for
   *     classification (integer-valued), real values for regression
   * @param preds model output for the same {@code n} rows, of a task this metric applies to
   * @return the metric value; NaN where the metric is undefined (see {@link Metrics})
   * @throws IllegalArgumentException if the metric does not apply to {@code preds.task()} or the
   *     lengths differ
   * @throws DataValidationException if a label is missing (NaN), not a whole number, or not a class
   *     of the predictions
   */
  public double compute(double[] labels, Predictions preds) {
    if (!appliesTo(preds.task())) {
      throw new IllegalArgumentException(
          "metric " + metricName + " does not apply to task " + taskName(preds.task()));
    }
    Inputs.requireRows(labels.length, preds.size());
    switch (this) {
      case RMSE:
        return Metrics.rmse(Inputs.regressionLabels(labels), preds.values());
      case MAE:
        return Metrics.mae(Inputs.regressionLabels(labels), preds.values());
      case R2:
        return Metrics.r2(Inputs.regressionLabels(labels), preds.values());
      default:
        break;
    }
    int[] y = Inputs.classLabels(labels, Inputs.nClasses(preds));
    switch (this) {
      case ROC_AUC:
        return Metrics.rocAuc(y, preds.positiveScores());
      case PR_AUC:
        return Metrics.averagePrecision(y, preds.positiveScores());
      case LOG_LOSS:
        return Metrics.logLoss(y, preds.probabilities());
      case BRIER:
        return Metrics.brierScore(y, preds.positiveScores());
      case ACCURACY:
        return Metrics.accuracy(y, Inputs.hardPredictions(preds));
      case F1:
        return Metrics.f1(y, Inputs.hardPredictions(preds));
      case MACRO_F1:
        return Metrics.macroF1(y, preds.predictedClasses(), Inputs.nClasses(preds));
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The metrics that apply to {@code task}, in declaration order: binary {@code roc_auc, pr_auc,
   * log_loss, brier, accuracy, f1}; multiclass {@code log_loss, accuracy, macro_f1}; regression
   * {@code rmse, mae, r2}.
   */
  public static List<Metric> forTask(TaskType task) {
    List<Metric> out = new ArrayList<>();
    for (Metric m : values()) {
      if (m.appliesTo(task)) {
        out.add(m);
      }
    }
    return List.copyOf(out);
  }

  /**
   * The objective a search optimises when the user names none: {@link #ROC_AUC} (maximise) for
   * binary, {@link #LOG_LOSS} (minimise) for multiclass, {@link #RMSE} (minimise) for regression.
   */
  public static Metric defaultObjective(TaskType task) {
    switch (task) {
      case BINARY:
        return ROC_AUC;
      case MULTICLASS:
        return LOG_LOSS;
      case REGRESSION:
        return RMSE;
      default:
        throw new AssertionError(task);
    }
  }

  /**
   * Parses a metric name given by the user, e.g. on the command line.
   *
   * <p>Matching ignores case and surrounding blanks and treats {@code '-'} as {@code '_'}, so
   * {@code "ROC-AUC"} is {@link #ROC_AUC}.
   *
   * @param name the name, e.g. {@code "log_loss"}
   * @param task the task the metric must apply to
   * @return the metric
   * @throws InvalidParameterException (a {@code UserInputException}) if the name is unknown or the
   *     metric does not apply to {@code task}; the message lists the valid names for the task
   */
  public static Metric parse(String name, TaskType task) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (Metric m : values()) {
      if (m.metricName.equals(key)) {
        if (!m.appliesTo(task)) {
          throw new InvalidParameterException(
              "metric '"
                  + name
                  + "' does not apply to a "
                  + taskName(task)
                  + " task (it is for "
                  + m.tasks.stream().map(Metric::taskName).collect(Collectors.joining(", "))
                  + "): use one of "
                  + validNames(task));
        }
        return m;
      }
    }
    throw new InvalidParameterException(
        "metric '" + name + "' is not known: for a " + taskName(task) + " task use one of "
            + validNames(task));
  }

  /** Comma-separated names of the metrics for {@code task}, e.g. for help texts. */
  public static String validNames(TaskType task) {
    return forTask(task).stream().map(Metric::metricName).collect(Collectors.joining(", "));
  }

  static String taskName(TaskType task) {
    return task.name().toLowerCase(Locale.ROOT);
  }

  // ------------------------------------------------------------------ input conversion

  /** Converts labels and predictions into {@link Metrics} inputs, with user-facing checks. */
  static final class Inputs {
    private Inputs() {}

    static void requireRows(int labels, int preds) {
      if (labels != preds) {
        throw new IllegalArgumentException(
            "labels have " + labels + " rows but predictions have " + preds);
      }
    }

    /** Number of probability columns; checks the rows are rectangular (2 columns if binary). */
    static int nClasses(Predictions preds) {
      double[][] p = preds.probabilities();
      if (p.length == 0) {
        throw new IllegalArgumentException("predictions have 0 rows: nothing to evaluate");
      }
      int k = Metrics.requireRectangular(p);
      if (preds.task() == TaskType.BINARY && k != 2) {
        throw new IllegalArgumentException(
            "binary predictions need 2 probability columns but have " + k);
      }
      return k;
    }

    /** The labels themselves, after checking that none is missing (NaN). */
    static double[] regressionLabels(double[] labels) {
      for (int i = 0; i < labels.length; i++) {
        if (Double.isNaN(labels[i])) {
          throw new DataValidationException(
              "target is missing at row "
                  + i
                  + " of the evaluated split: drop rows without a target before evaluating");
        }
      }
      return labels;
    }

    /** Class indices from a double target; checks each is a whole number in {@code [0, k)}. */
    static int[] classLabels(double[] labels, int nClasses) {
      int[] y = new int[labels.length];
      for (int i = 0; i < labels.length; i++) {
        double v = labels[i];
        if (Double.isNaN(v)) {
          throw new DataValidationException(
              "target is missing at row "
                  + i
                  + " of the evaluated split: drop rows without a target before evaluating");
        }
        if (v != Math.rint(v) || v < 0 || v >= nClasses) {
          throw new DataValidationException(
              "target at row "
                  + i
                  + " of the evaluated split is class index "
                  + v
                  + " but the model predicts "
                  + nClasses
                  + " classes (indices 0 to "
                  + (nClasses - 1)
                  + "): every evaluated class must be one the model was trained on");
        }
        y[i] = (int) v;
      }
      return y;
    }

    /** Binary: 1 iff P(class 1) > 0.5. Multiclass: arg-max. */
    static int[] hardPredictions(Predictions preds) {
      if (preds.task() != TaskType.BINARY) {
        return preds.predictedClasses();
      }
      double[][] p = preds.probabilities();
      int[] out = new int[p.length];
      for (int i = 0; i < p.length; i++) {
        out[i] = p[i][1] > BINARY_THRESHOLD ? 1 : 0;
      }
      return out;
    }
  }
}
