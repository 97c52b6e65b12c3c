package dev.hone.data.image;

import dev.hone.core.model.FeatureMatrix;
import java.util.List;
import java.util.Objects;

/**
 * Images to predict, read by {@link ImageBatchReader}: pixel values in {@code [0, 1]} laid out
 * {@code [n][channels][height][width]} row-major (as in {@link ImageDataset}), an identifier per
 * image and, when the input carried them, labels.
 *
 * <p>Immutable by convention: arrays are not copied, and no code may write to them after
 * construction.
 *
 * @param pixels values in {@code [0, 1]}, length {@code n * channels * height * width}
 * @param n number of images (≥ 1)
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height image height in pixels (≥ 1)
 * @param width image width in pixels (≥ 1)
 * @param ids one identifier per image {@code [n]}: the file path for image files, the 0-based
 *     index for IDX files and digits CSV lines
 * @param labels label index per image {@code [n]} into {@code labelNames}, or {@code null} when
 *     the input has no labels
 * @param labelNames the name of each label index (a digit, or a class folder's name), or {@code
 *     null} together with {@code labels}
 * @param layout how the input was read: {@code idx}, {@code folder} (one sub-folder per class),
 *     {@code files} (a folder of image files) or {@code digits-csv}
 * @param source the path that was read, for messages
 */
public record ImageBatch(
    float[] pixels, int n, int channels, int height, int width, List<String> ids, int[] labels,
    List<String> labelNames, String layout, String source) {

  public ImageBatch {
    Objects.requireNonNull(pixels, "pixels");
    ids = List.copyOf(ids);
    labelNames = labelNames == null ? null : List.copyOf(labelNames);
    if (n < 1 || channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "bad shape n=" + n + " channels=" + channels + " height=" + height + " width=" + width);
    }
    if ((long) n * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixels length " + pixels.length + " != " + n + "x" + channels + "x" + height + "x"
              + width);
    }
    if (ids.size() != n) {
      throw new IllegalArgumentException(ids.size() + " ids for " + n + " images");
    }
    if ((labels == null) != (labelNames == null)) {
      throw new IllegalArgumentException("labels and labelNames must both be given or both null");
    }
    if (labels != null) {
      if (labels.length != n) {
        throw new IllegalArgumentException(labels.length + " labels for " + n + " images");
      }
      for (int i = 0; i < n; i++) {
        if (labels[i] < 0 || labels[i] >= labelNames.size()) {
          throw new IllegalArgumentException(
              "label " + labels[i] + " of image " + i + " is not in [0, " + labelNames.size()
                  + ")");
        }
      }
    }
  }

  /** Whether the input carried a label per image. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** {@code channels x height x width}, e.g. {@code 1x28x28}. */
  public String shape() {
    return channels + "x" + height + "x" + width;
  }

  /**
   * The images as a feature matrix {@code [n][channels*height*width]}, with the column names of
   * {@link ImageDataset#toFeatureMatrix()}; shares the pixel array.
   */
  public FeatureMatrix toFeatureMatrix() {
    return new FeatureMatrix(pixels, n, ImageDataset.pixelNames(channels, height, width));
  }
}
