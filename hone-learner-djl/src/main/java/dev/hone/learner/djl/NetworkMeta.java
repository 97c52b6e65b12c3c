package dev.hone.learner.djl;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hone.core.data.TaskType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@value NetworkModel#META_FILE} holds next to the parameter file: everything needed to
 * rebuild the network and predict exactly as the fitted model did, plus provenance facts.
 *
 * @param formatVersion layout version; {@value #FORMAT_VERSION} today (1: before embeddings; a
 *     version-1 file reads as having none)
 * @param learner {@code mlp} or {@code cnn}
 * @param task the task the model was trained for
 * @param nClasses number of classes (2 for binary, 0 for regression)
 * @param featureNames one name per input column, in order
 * @param inputShape shape of one row inside the network: {@code [nFeatures]} (MLP) or {@code
 *     [channels, height, width]} (CNN)
 * @param params the learner's resolved hyperparameters (as in {@code ParamSet.asMap()})
 * @param featureMean per-column value that replaces a missing input {@code [nFeatures]} (the
 *     training mean for the MLP, 0 for the CNN); also the centre subtracted before the network,
 *     except for columns inside an embedding block, which are not centred (see {@link #centre()})
 * @param featureScale per-column divisor {@code [nFeatures]} (training standard deviation, 1 for a
 *     constant column, 1 for columns inside an embedding block, 1 for the CNN)
 * @param targetMean regression: training mean of the target (0 for classification)
 * @param targetScale regression: training standard deviation of the target (1 for classification)
 * @param epochsTrained epochs run before training stopped
 * @param bestEpoch 0-based epoch whose weights were kept
 * @param bestValidationLoss validation loss at {@code bestEpoch}; {@code NaN} without validation
 * @param stoppedBy {@code max_epochs}, {@code early_stopping} or {@code sink}
 * @param parameterCount number of scalar parameters (weights, biases, batch-norm statistics)
 * @param seed the seed the model was trained with
 * @param engineVersions engine name to version that wrote the model
 * @param embeddings the MLP's categorical embeddings in column order (empty: none; always empty for
 *     the CNN); the blocks lie inside {@code [0, nFeatures)} and do not overlap
 */
public record NetworkMeta(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("learner") String learner,
    @JsonProperty("task") TaskType task,
    @JsonProperty("n_classes") int nClasses,
    @JsonProperty("feature_names") List<String> featureNames,
    @JsonProperty("input_shape") List<Integer> inputShape,
    @JsonProperty("params") Map<String, Object> params,
    @JsonProperty("feature_mean") double[] featureMean,
    @JsonProperty("feature_scale") double[] featureScale,
    @JsonProperty("target_mean") double targetMean,
    @JsonProperty("target_scale") double targetScale,
    @JsonProperty("epochs_trained") int epochsTrained,
    @JsonProperty("best_epoch") int bestEpoch,
    @JsonProperty("best_validation_loss") double bestValidationLoss,
    @JsonProperty("stopped_by") String stoppedBy,
    @JsonProperty("parameter_count") long parameterCount,
    @JsonProperty("seed") long seed,
    @JsonProperty("engine_versions") Map<String, String> engineVersions,
    @JsonProperty("embeddings") List<CategoricalEmbedding> embeddings) {

  /** Current layout version. */
  public static final int FORMAT_VERSION = 2;

  /** A network without embeddings. */
  public NetworkMeta(
      int formatVersion, String learner, TaskType task, int nClasses, List<String> featureNames,
      List<Integer> inputShape, Map<String, Object> params, double[] featureMean,
      double[] featureScale, double targetMean, double targetScale, int epochsTrained,
      int bestEpoch, double bestValidationLoss, String stoppedBy, long parameterCount, long seed,
      Map<String, String> engineVersions) {
    this(formatVersion, learner, task, nClasses, featureNames, inputShape, params, featureMean,
        featureScale, targetMean, targetScale, epochsTrained, bestEpoch, bestValidationLoss,
        stoppedBy, parameterCount, seed, engineVersions, List.of());
  }

  public NetworkMeta {
    Objects.requireNonNull(task, "task");
    featureNames = List.copyOf(featureNames);
    inputShape = List.copyOf(inputShape);
    params = Map.copyOf(params);
    engineVersions = engineVersions == null ? Map.of() : Map.copyOf(engineVersions);
    if (featureMean.length != featureNames.size() || featureScale.length != featureNames.size()) {
      throw new IllegalArgumentException("feature_mean/feature_scale length != feature count");
    }
    embeddings = embeddings == null ? List.of() : List.copyOf(embeddings);
    int end = 0;
    for (CategoricalEmbedding e : embeddings) {
      if (e.firstColumn() < end || e.endColumn() > featureNames.size()) {
        throw new IllegalArgumentException(
            "embedding of '" + e.input() + "' covers columns [" + e.firstColumn() + ", "
                + e.endColumn() + "), which overlaps the previous block or lies outside the "
                + featureNames.size() + " feature columns");
      }
      end = e.endColumn();
    }
  }

  /**
   * The centre subtracted from each column before the network {@code [nFeatures]}: {@link
   * #featureMean()}, with 0 for the columns inside an embedding block (one-hot columns reach the
   * embedding as they are).
   */
  public double[] centre() {
    double[] c = featureMean.clone();
    for (CategoricalEmbedding e : embeddings) {
      for (int j = e.firstColumn(); j < e.endColumn(); j++) {
        c[j] = 0;
      }
    }
    return c;
  }

  /** Outputs of the network per row: {@code nClasses} for classification, 1 for regression. */
  public int nOutputs() {
    return task.isClassification() ? nClasses : 1;
  }

  /** Number of input columns. */
  public int nFeatures() {
    return featureNames.size();
  }
}
