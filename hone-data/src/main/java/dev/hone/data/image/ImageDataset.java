package dev.hone.data.image;

import dev.hone.core.model.FeatureMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A labelled set of images with one shape: pixel values in {@code [0, 1]} laid out {@code
 * [n][channels][height][width]} row-major in one {@code float[]} (the layout of PyTorch's NCHW
 * tensors), a class index per image and the class names.
 *
 * <p>Immutable by convention: arrays are not copied, and no code may write to them after
 * construction. {@link #toFeatureMatrix()} shares the pixel array with the returned matrix.
 *
 * @param pixels values in {@code [0, 1]}, length {@code n * channels * height * width}
 * @param n number of images (≥ 0)
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height image height in pixels (≥ 1)
 * @param width image width in pixels (≥ 1)
 * @param labels class index per image {@code [n]}, each in {@code [0, classNames.size())}
 * @param classNames the name of each class index (e.g. the digit, or the folder name)
 * @param source where the images came from, for messages and provenance
 */
public record ImageDataset(
    float[] pixels, int n, int channels, int height, int width, int[] labels,
    List<String> classNames, String source) {

  public ImageDataset {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    classNames = List.copyOf(classNames);
    if (n < 0 || channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "bad shape n=" + n + " channels=" + channels + " height=" + height + " width=" + width);
    }
    if ((long) n * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "pixels length " + pixels.length + " != " + n + "x" + channels + "x" + height + "x"
              + width);
    }
    if (labels.length != n) {
      throw new IllegalArgumentException(labels.length + " labels for " + n + " images");
    }
    for (int i = 0; i < n; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of image " + i + " is not in [0, " + classNames.size() + ")");
      }
    }
  }

  /** Values per image: {@code channels * height * width}. */
  public int pixelsPerImage() {
    return channels * height * width;
  }

  /** Number of classes. */
  public int nClasses() {
    return classNames.size();
  }

  /** Pixel value of image {@code i}, channel {@code c}, row {@code y}, column {@code x}. */
  public float pixel(int i, int c, int y, int x) {
    return pixels[((i * channels + c) * height + y) * width + x];
  }

  /** The images as a nested array {@code [n][channels][height][width]} (a copy). */
  public float[][][][] toArray() {
    float[][][][] out = new float[n][channels][height][width];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < height; y++) {
          System.arraycopy(pixels, p, out[i][c][y], 0, width);
          p += width;
        }
      }
    }
    return out;
  }

  /** Images {@code rows}, in that order. */
  public ImageDataset select(int[] rows) {
    int per = pixelsPerImage();
    float[] px = new float[rows.length * per];
    int[] lab = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(pixels, rows[i] * per, px, i * per, per);
      lab[i] = labels[rows[i]];
    }
    return new ImageDataset(px, rows.length, channels, height, width, lab, classNames, source);
  }

  /** Labels as doubles, as learners take them. */
  public double[] labelsAsDouble() {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = labels[i];
    }
    return out;
  }

  /**
   * The images as a feature matrix {@code [n][channels*height*width]}, columns named {@code
   * c<channel>_y<row>_x<col>} in {@code [channel][row][col]} order; shares the pixel array.
   */
  public FeatureMatrix toFeatureMatrix() {
    return new FeatureMatrix(pixels, n, pixelNames(channels, height, width));
  }

  /**
   * Column names of images of this shape as a feature matrix: {@code c<channel>_y<row>_x<col>} in
   * {@code [channel][row][col]} order, {@code channels * height * width} names.
   */
  public static List<String> pixelNames(int channels, int height, int width) {
    List<String> names = new ArrayList<>(channels * height * width);
    for (int c = 0; c < channels; c++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          names.add("c" + c + "_y" + y + "_x" + x);
        }
      }
    }
    return names;
  }
}
