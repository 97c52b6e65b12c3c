package dev.hone.learner.djl;

import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A convolutional network for images on DJL's PyTorch engine (CPU), registered as {@value #NAME}.
 *
 * <p><b>Input.</b> Each row is one image flattened {@code [channel][row][col]} row-major, values
 * typically in {@code [0, 1]} (as {@code dev.hone.data.image.ImageDataset#toFeatureMatrix} gives);
 * the shape is {@code input_channels} x {@code input_height} x (columns / channels / height), a
 * square image when {@code input_height} is 0. Pixels are used as they are (no standardisation).
 *
 * <p><b>Network.</b> {@code conv_blocks} blocks of Conv2d ({@code channels * 2^b} filters,
 * {@code kernel_size} square kernel, same zero padding) → [BatchNorm] → activation → [2x2 max or
 * average pooling], then flatten → [Linear({@code dense_width}) → activation → [Dropout]] →
 * Linear({@code nClasses}). The training loop, seeding, reporting and early stopping are those of
 * {@link MlpLearner}.
 *
 * <p>Thread safety: stateless; fits in one JVM are serialised (PyTorch's generator is global).
 */
public final class CnnLearner implements Learner {
  /** The learner's registered name. */
  public static final String NAME = "cnn";

  static {
    DjlRuntime.forceOffline();
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@code null}: a CNN reads images, not a tabular feature matrix, so it never joins a family
   * search over tables ({@code hone train --families all}).
   */
  @Override
  public String family() {
    return null;
  }

  @Override
  public List<ParamSpec> paramSpecs() {
    return NetworkParams.cnn();
  }

  /**
   * {@inheritDoc}
   *
   * @throws dev.hone.core.error.InvalidParameterException when the parameters were not resolved
   *     against {@link #paramSpecs()} or the columns do not form an image of the given shape
   * @throws dev.hone.core.error.DataValidationException for bad labels or mismatched columns
   * @throws dev.hone.core.error.NativeBackendException when PyTorch cannot be loaded or fails
   */
  @Override
  public NetworkModel fit(FitRequest request) {
    return NetworkTrainer.fit(
        request, NAME, paramSpecs(), false, NetworkParams::imageShape, Networks::cnn);
  }

  /**
   * Continues training {@code initial} (a model of this learner with the same columns and
   * architecture parameters) on {@code request}'s rows for {@code request}'s {@code epochs}: the
   * weights, batch-norm statistics and input standardisation start from {@code initial}'s, the
   * optimizer state afresh; {@code initial} is left unchanged. Use it for adversarial training or
   * fine-tuning; {@code initial == null} is {@link #fit(FitRequest)}.
   *
   * @throws dev.hone.core.error.InvalidParameterException when {@code initial} is of another
   *     learner, task, column count, input shape or architecture
   */
  public NetworkModel fit(FitRequest request, NetworkModel initial) {
    return NetworkTrainer.fit(
        request, NAME, paramSpecs(), false, NetworkParams::imageShape, Networks::cnn, initial);
  }

  /**
   * Reads a model written by {@link NetworkModel#save(Path)}.
   *
   * @throws dev.hone.core.error.DataValidationException when a file is missing or damaged
   */
  @Override
  public NetworkModel load(Path dir) {
    return NetworkLoader.load(dir, NAME, paramSpecs(), Networks::cnn);
  }

  @Override
  public Map<String, String> engineVersions() {
    return DjlRuntime.versions();
  }
}
