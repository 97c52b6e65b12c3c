package dev.hone.data.image;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.AreaResampling;
import dev.hone.data.split.SplitIndices;
import dev.hone.data.split.Splitter;

/**
 * Operations on {@link ImageDataset}s: downscaling (image resolution as a fidelity: training at a
 * lower resolution is cheaper and usually ranks configurations like the full resolution) and
 * stratified seeded splits.
 */
public final class ImageOps {
  private ImageOps() {}

  /**
   * Downscales every image by an integer factor with area averaging: output pixel {@code (y, x)}
   * is the mean of the {@code factor x factor} input block starting at {@code (y*factor,
   * x*factor)} (the box filter, like OpenCV's {@code INTER_AREA} for integer factors and
   * scikit-image's {@code downscale_local_mean}). For example 28x28 → 14x14 → 7x7 with factor 2.
   *
   * @param factor ≥ 1; 1 returns {@code images} itself
   * @return images of size {@code height/factor x width/factor}
   * @throws InvalidParameterException when the factor does not divide the height and width
   */
  public static ImageDataset downscale(ImageDataset images, int factor) {
    if (factor < 1) {
      throw new InvalidParameterException("downscale factor was " + factor + " but must be >= 1");
    }
    if (factor == 1) {
      return images;
    }
    int h = images.height();
    int w = images.width();
    if (h % factor != 0 || w % factor != 0) {
      throw new InvalidParameterException(
          "downscale factor " + factor + " does not divide the image size " + h + "x" + w
              + ": choose a factor that divides both");
    }
    int oh = h / factor;
    int ow = w / factor;
    float[] out =
        AreaResampling.downscale(
            images.pixels(), images.n() * images.channels(), h, w, oh, ow);
    return new ImageDataset(
        out, images.n(), images.channels(), oh, ow, images.labels(), images.classNames(),
        images.source() + " downscaled x" + factor);
  }

  /**
   * Stratified, seeded three-way split of the images by class, with {@link
   * Splitter#stratifiedHoldout}'s allocation and seed stream.
   *
   * @throws InvalidParameterException when the fractions are invalid
   */
  public static SplitIndices stratifiedSplit(
      ImageDataset images, double train, double validation, double test, long seed) {
    return Splitter.stratifiedHoldout(images.labels(), images.n(), train, validation, test, seed);
  }
}
