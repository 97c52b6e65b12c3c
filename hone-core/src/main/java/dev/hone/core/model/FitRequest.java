package dev.hone.core.model;

import dev.hone.core.data.TaskType;
import dev.hone.core.params.ParamSet;
import java.util.List;
import java.util.Objects;

/**
 * Everything a learner needs for one fit. Validation data, when present, is used only for early
 * stopping; test data never reaches a learner.
 *
 * @param train training features {@code [nTrain][nCols]}
 * @param trainLabels {@code [nTrain]}: class index {@code 0..nClasses-1}, or the regression value
 * @param validation validation features, or {@code null} for no early stopping
 * @param validationLabels labels of {@code validation}, or {@code null}
 * @param task the learning task
 * @param nClasses number of classes (2 for binary; 0 for regression)
 * @param params resolved hyperparameters of this learner
 * @param seed seed for every random choice of the engine
 * @param threads number of native threads (≥ 1)
 * @param sink receives per-step validation values; never {@code null}
 * @param trainWeights per-row weights of the training rows {@code [nTrain]}, each finite and
 *     {@code >= 0} (e.g. from reweighing, Kamiran and Calders 2012), or {@code null} for equal
 *     weights; a learner that cannot weight rows throws {@link UnsupportedOperationException}
 * @param categoricalBlocks the one-hot blocks of categorical inputs among the columns of {@code
 *     train} (and {@code validation}), sorted by first column; empty when there are none or the
 *     caller does not say ({@code null} is read as empty). Learners that do not treat categorical
 *     inputs specially ignore it.
 */
public record FitRequest(
    FeatureMatrix train,
    double[] trainLabels,
    FeatureMatrix validation,
    double[] validationLabels,
    TaskType task,
    int nClasses,
    ParamSet params,
    long seed,
    int threads,
    ReportSink sink,
    double[] trainWeights,
    List<CategoricalBlock> categoricalBlocks) {
  /** A request with equal row weights and no categorical blocks. */
  public FitRequest(
      FeatureMatrix train,
      double[] trainLabels,
      FeatureMatrix validation,
      double[] validationLabels,
      TaskType task,
      int nClasses,
      ParamSet params,
      long seed,
      int threads,
      ReportSink sink) {
    this(train, trainLabels, validation, validationLabels, task, nClasses, params, seed, threads,
        sink, null, List.of());
  }

  /** A request without categorical blocks. */
  public FitRequest(
      FeatureMatrix train,
      double[] trainLabels,
      FeatureMatrix validation,
      double[] validationLabels,
      TaskType task,
      int nClasses,
      ParamSet params,
      long seed,
      int threads,
      ReportSink sink,
      double[] trainWeights) {
    this(train, trainLabels, validation, validationLabels, task, nClasses, params, seed, threads,
        sink, trainWeights, List.of());
  }

  public FitRequest {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(trainLabels, "trainLabels");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(params, "params");
    if (trainLabels.length != train.nRows()) {
      throw new IllegalArgumentException("labels and rows differ in length");
    }
    if ((validation == null) != (validationLabels == null)) {
      throw new IllegalArgumentException("validation features and labels go together");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (sink == null) {
      sink = ReportSink.NONE;
    }
    if (trainWeights != null) {
      if (trainWeights.length != train.nRows()) {
        throw new IllegalArgumentException(
            "trainWeights has " + trainWeights.length + " entries for " + train.nRows() + " rows");
      }
      for (int i = 0; i < trainWeights.length; i++) {
        if (!(trainWeights[i] >= 0) || Double.isInfinite(trainWeights[i])) {
          throw new IllegalArgumentException(
              "trainWeights[" + i + "] = " + trainWeights[i] + " must be finite and >= 0");
        }
      }
    }
    categoricalBlocks = CategoricalBlock.validate(categoricalBlocks, train.nCols());
    if (validation != null && validation.nCols() != train.nCols()
        && !categoricalBlocks.isEmpty()) {
      throw new IllegalArgumentException(
          "validation has " + validation.nCols() + " columns but train has " + train.nCols()
              + ": the categorical blocks must describe both");
    }
  }

  /** This request with {@code blocks} as its categorical blocks (validated as in the constructor). */
  public FitRequest withCategoricalBlocks(List<CategoricalBlock> blocks) {
    return new FitRequest(train, trainLabels, validation, validationLabels, task, nClasses, params,
        seed, threads, sink, trainWeights, blocks);
  }
}
