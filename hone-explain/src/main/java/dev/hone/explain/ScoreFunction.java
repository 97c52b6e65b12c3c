package dev.hone.explain;

import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Predictions;
import dev.hone.eval.Metric;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A model scored on fixed labels, as a function of the feature rows: what permutation importance
 * perturbs. Use {@link #of(Metric, double[], Function)} for any metric of {@code hone-eval}.
 */
public interface ScoreFunction {
  /** The metric's name, e.g. {@code "roc_auc"}. */
  String name();

  /** Whether larger scores are better. */
  boolean higherIsBetter();

  /**
   * Scores the model on {@code x} against the fixed labels.
   *
   * @param x rows {@code [n][nFeatures]}, {@code NaN} = missing; must not be kept after returning
   */
  double score(double[][] x);

  /**
   * A metric of {@code hone-eval} applied to a model's predictions.
   *
   * @param metric the metric (its direction decides the sign of importances)
   * @param labels true targets {@code [n]}, as {@link Metric#compute} takes them
   * @param model predictions for rows {@code [n][nFeatures]}
   */
  static ScoreFunction of(Metric metric, double[] labels, Function<double[][], Predictions> model) {
    Objects.requireNonNull(metric, "metric");
    double[] y = labels.clone();
    Objects.requireNonNull(model, "model");
    return new ScoreFunction() {
      @Override
      public String name() {
        return metric.metricName();
      }

      @Override
      public boolean higherIsBetter() {
        return metric.higherIsBetter();
      }

      @Override
      public double score(double[][] x) {
        return metric.compute(y, model.apply(x));
      }
    };
  }

  /**
   * As {@link #of(Metric, double[], Function)} for a model over {@link FeatureMatrix}, e.g. {@code
   * model::predict} of any {@code dev.hone.core.model.Model}.
   */
  static ScoreFunction overFeatureMatrix(
      Metric metric, double[] labels, List<String> featureNames, Function<FeatureMatrix, Predictions> model) {
    List<String> names = List.copyOf(featureNames);
    return of(metric, labels, x -> model.apply(Matrices.toFeatureMatrix(x, names)));
  }

  /** Any score. */
  static ScoreFunction of(String name, boolean higherIsBetter, ToDoubleFunction<double[][]> f) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(f, "f");
    return new ScoreFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean higherIsBetter() {
        return higherIsBetter;
      }

      @Override
      public double score(double[][] x) {
        return f.applyAsDouble(x);
      }
    };
  }
}
