package dev.hone.learner.xgboost;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hone.core.data.TaskType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code xgboost-meta.json} holds next to {@code model.json}: everything needed to predict
 * exactly as the fitted model did, plus facts for provenance.
 *
 * @param formatVersion version of this file's layout; {@value #FORMAT_VERSION} today
 * @param task the task the model was trained for
 * @param nClasses number of classes (2 for binary, 0 for regression)
 * @param objective XGBoost objective used, e.g. {@code binary:logistic}
 * @param evalMetric XGBoost metric evaluated on the validation set, e.g. {@code logloss}
 * @param bestIteration 0-based last boosting round used for prediction
 * @param roundsTrained number of boosting rounds stored in {@code model.json} (≥ {@code
 *     bestIteration + 1})
 * @param bestValidationScore validation metric at {@code bestIteration}; {@code NaN} without
 *     validation data
 * @param stoppedBy why training stopped: a {@link StopReason#code()}
 * @param featureNames one name per input column, in order
 * @param engineVersions engine name to version that wrote the model
 * @param variant the {@link XGBoostVariant} name ({@code GBTREE}, {@code DART}, {@code GBLINEAR},
 *     {@code RANDOM_FOREST}); {@code null} in files written before variants existed, read as
 *     {@code GBTREE}
 */
record ModelMeta(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("task") TaskType task,
    @JsonProperty("n_classes") int nClasses,
    @JsonProperty("objective") String objective,
    @JsonProperty("eval_metric") String evalMetric,
    @JsonProperty("best_iteration") int bestIteration,
    @JsonProperty("rounds_trained") int roundsTrained,
    @JsonProperty("best_validation_score") double bestValidationScore,
    @JsonProperty("stopped_by") String stoppedBy,
    @JsonProperty("feature_names") List<String> featureNames,
    @JsonProperty("engine_versions") Map<String, String> engineVersions,
    @JsonProperty("variant") String variant) {

  static final int FORMAT_VERSION = 1;

  ModelMeta {
    Objects.requireNonNull(task, "task");
    featureNames = List.copyOf(featureNames);
    engineVersions = engineVersions == null ? Map.of() : Map.copyOf(engineVersions);
    if (roundsTrained < 1 || bestIteration < 0 || bestIteration >= roundsTrained) {
      throw new IllegalArgumentException(
          "best_iteration " + bestIteration + " must lie in [0, rounds_trained " + roundsTrained
              + ")");
    }
  }

  /** The meta of a gbtree model (files written before variants existed). */
  ModelMeta(int formatVersion, TaskType task, int nClasses, String objective, String evalMetric,
      int bestIteration, int roundsTrained, double bestValidationScore, String stoppedBy,
      List<String> featureNames, Map<String, String> engineVersions) {
    this(formatVersion, task, nClasses, objective, evalMetric, bestIteration, roundsTrained,
        bestValidationScore, stoppedBy, featureNames, engineVersions, null);
  }

  /** The variant that trained the model. */
  XGBoostVariant variantOrDefault() {
    return variant == null ? XGBoostVariant.GBTREE : XGBoostVariant.valueOf(variant);
  }

  /** Number of outputs per row in margin space: {@code nClasses} for multiclass, else 1. */
  int groups() {
    return task == TaskType.MULTICLASS ? nClasses : 1;
  }
}
