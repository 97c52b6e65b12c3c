package dev.hone.eval.benchmark;

import dev.hone.core.data.TaskType;

/**
 * The trivial reference learner every benchmark includes, so that a leaderboard shows how much a
 * learner adds over knowing only the training target. It ignores the features. The experiment
 * layer fits and scores it like any learner (same splits and seeds); this type only fixes its
 * definition.
 */
public enum Baseline {
  /**
   * Classification: predicts the training-split class frequencies as the probabilities of every
   * row, so its hard prediction is the majority class (ties: the lowest class index). Its ROC AUC is
   * 0.5 and its log loss is the entropy of the training class distribution (as scikit-learn's
   * {@code DummyClassifier(strategy='prior')}).
   */
  MAJORITY_CLASS("majority class: class frequencies of the training split, ignoring features"),
  /**
   * Regression: predicts the training-split mean of the target for every row (as scikit-learn's
   * {@code DummyRegressor(strategy='mean')}); its R² on the test split is about 0.
   */
  MEAN("mean: training-split mean of the target, ignoring features");

  /** The learner name benchmarks list it under. */
  public static final String LEARNER_NAME = "baseline";

  private final String description;

  Baseline(String description) {
    this.description = description;
  }

  /** A one-line description for reports. */
  public String description() {
    return description;
  }

  /** The baseline of a task. */
  public static Baseline forTask(TaskType task) {
    return task.isClassification() ? MAJORITY_CLASS : MEAN;
  }
}
