package dev.hone.learner.djl;

import dev.hone.core.model.AreaResampling;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.ResolutionScalable;
import dev.hone.core.params.ParamSet;
import dev.hone.core.params.ParamSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <p><b>Resolution.</b> {@link #atResolution} gives the same request on images downscaled by
 * area averaging ({@link AreaResampling}), the image-resolution fidelity of low-fidelity search.
 *
 * <p>Thread safety: stateless; fits in one JVM are serialised (PyTorch's generator is global).
 */
public final class CnnLearner implements Learner, ResolutionScalable {
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
   * The same request on images whose sides are scaled by {@code scale}: every training and
   * validation image ({@code input_channels} x {@code input_height} x width, flattened {@code
   * [channel][row][col]}) is area-averaged ({@link AreaResampling#downscale}) to {@code
   * round(height·scale) x round(width·scale)} (at least 1 pixel a side), {@code input_height} is
   * set to the new height and the columns are renamed {@code c<channel>_y<row>_x<col>}; labels,
   * weights, seed, threads, sink and every other parameter are kept. For example a 28x28 MNIST
   * request at scale 0.5 trains on 14x14 images, at 0.25 on 7x7.
   *
   * @param request a request of this learner with parameters resolved against {@link
   *     #paramSpecs()}
   * @param scale factor applied to each side, in {@code (0, 1]}; 1 returns {@code request}
   * @throws dev.hone.core.error.InvalidParameterException if {@code scale} is outside {@code (0,
   *     1]}, the columns do not form images of the declared shape, or the architecture does not
   *     fit the smaller image ({@code conv_blocks} poolings would shrink it below one pixel)
   */
  @Override
  public FitRequest atResolution(FitRequest request, double scale) {
    if (!(scale > 0 && scale <= 1)) {
      throw new dev.hone.core.error.InvalidParameterException(
          "resolution scale was " + scale + " but must be in (0, 1], e.g. 0.5");
    }
    if (scale == 1.0) {
      return request;
    }
    int[] shape = NetworkParams.imageShape(request.params(), request.train().nCols());
    int c = shape[0];
    int oh = AreaResampling.scaledSize(shape[1], scale);
    int ow = AreaResampling.scaledSize(shape[2], scale);
    Map<String, Object> p = new LinkedHashMap<>(request.params().asMap());
    p.put(NetworkParams.INPUT_HEIGHT.name(), (long) oh);
    ParamSet params = ParamSet.resolve(paramSpecs(), p);
    NetworkParams.imageShape(params, c * oh * ow); // refuses an architecture too deep for oh x ow
    List<String> names = new ArrayList<>(c * oh * ow);
    for (int ch = 0; ch < c; ch++) {
      for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
          names.add(String.format(Locale.ROOT, "c%d_y%d_x%d", ch, y, x));
        }
      }
    }
    FeatureMatrix train = scale(request.train(), shape, oh, ow, names);
    FeatureMatrix valid =
        request.validation() == null ? null : scale(request.validation(), shape, oh, ow, names);
    return new FitRequest(
        train, request.trainLabels(), valid, request.validationLabels(), request.task(),
        request.nClasses(), params, request.seed(), request.threads(), request.sink(),
        request.trainWeights());
  }

  private static FeatureMatrix scale(
      FeatureMatrix m, int[] shape, int oh, int ow, List<String> names) {
    if (m.nCols() != shape[0] * shape[1] * shape[2]) {
      throw new dev.hone.core.error.InvalidParameterException(
          "validation images have " + m.nCols() + " columns but training images "
              + shape[0] * shape[1] * shape[2] + ": give both at the same size");
    }
    float[] out =
        AreaResampling.downscale(m.data(), m.nRows() * shape[0], shape[1], shape[2], oh, ow);
    return new FeatureMatrix(out, m.nRows(), names);
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
