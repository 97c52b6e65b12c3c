package dev.hone.core.model;

import dev.hone.core.error.InvalidParameterException;

/**
 * Area-averaging downscaling of image planes, shared by the image readers and by learners that
 * train at a lower resolution ({@link ResolutionScalable}).
 *
 * <p>Each output pixel is the mean of the input area it covers, input pixels that are only partly
 * covered counting with the covered fraction of their area: output pixel {@code (y, x)} of an
 * {@code outH x outW} image covers rows {@code [y·h/outH, (y+1)·h/outH)} and columns {@code
 * [x·w/outW, (x+1)·w/outW)} of the {@code h x w} input. For an integer factor ({@code h = f·outH})
 * this is the mean of each {@code f x f} block (scikit-image's {@code downscale_local_mean}); for
 * other ratios it is the exact pixel-area relation that OpenCV's {@code INTER_AREA} implements.
 * Sums are accumulated in {@code double}. Upscaling is refused.
 */
public final class AreaResampling {
  private AreaResampling() {}

  /**
   * The side length after scaling {@code size} by {@code scale}: {@code round(size·scale)}, at
   * least 1.
   *
   * @throws InvalidParameterException if {@code scale} is not in {@code (0, 1]}
   */
  public static int scaledSize(int size, double scale) {
    if (!(scale > 0 && scale <= 1)) {
      throw new InvalidParameterException(
          "image scale was " + scale + " but must be in (0, 1], e.g. 0.5 for half the side");
    }
    return Math.max(1, (int) Math.round(size * scale));
  }

  /**
   * Downscales {@code planes} consecutive {@code height x width} planes (row-major, plane after
   * plane) to {@code outHeight x outWidth} each.
   *
   * @param pixels {@code [planes][height][width]} flattened; not modified
   * @param planes number of planes (images × channels), {@code >= 0}
   * @return {@code [planes][outHeight][outWidth]} flattened, a new array
   * @throws InvalidParameterException if a size is not positive, the output is larger than the
   *     input on a side, or {@code pixels} has the wrong length
   */
  public static float[] downscale(
      float[] pixels, int planes, int height, int width, int outHeight, int outWidth) {
    if (height < 1 || width < 1 || outHeight < 1 || outWidth < 1 || planes < 0) {
      throw new InvalidParameterException(
          "image sizes must be positive: " + height + "x" + width + " -> " + outHeight + "x"
              + outWidth);
    }
    if (outHeight > height || outWidth > width) {
      throw new InvalidParameterException(
          "area resampling only downscales: " + height + "x" + width + " -> " + outHeight + "x"
              + outWidth);
    }
    if ((long) planes * height * width != pixels.length) {
      throw new InvalidParameterException(
          pixels.length + " pixels do not form " + planes + " planes of " + height + "x" + width);
    }
    Weights wy = weights(height, outHeight);
    Weights wx = weights(width, outWidth);
    double area = ((double) height / outHeight) * ((double) width / outWidth);
    float[] out = new float[planes * outHeight * outWidth];
    for (int p = 0; p < planes; p++) {
      int ib = p * height * width;
      int ob = p * outHeight * outWidth;
      for (int y = 0; y < outHeight; y++) {
        for (int x = 0; x < outWidth; x++) {
          double s = 0;
          for (int a = wy.start[y]; a < wy.start[y] + wy.w[y].length; a++) {
            double fy = wy.w[y][a - wy.start[y]];
            int row = ib + a * width;
            for (int b = wx.start[x]; b < wx.start[x] + wx.w[x].length; b++) {
              s += fy * wx.w[x][b - wx.start[x]] * pixels[row + b];
            }
          }
          out[ob + y * outWidth + x] = (float) (s / area);
        }
      }
    }
    return out;
  }

  /** Per output index: the first input index covered and the covered length of each input. */
  private record Weights(int[] start, double[][] w) {}

  private static Weights weights(int in, int out) {
    int[] start = new int[out];
    double[][] w = new double[out][];
    for (int o = 0; o < out; o++) {
      // exact rational bounds o*in/out and (o+1)*in/out, kept in integers scaled by out
      long lo = (long) o * in;
      long hi = (long) (o + 1) * in;
      int first = (int) (lo / out);
      int last = (int) ((hi + out - 1) / out); // exclusive
      start[o] = first;
      w[o] = new double[last - first];
      for (int i = first; i < last; i++) {
        long a = Math.max(lo, (long) i * out);
        long b = Math.min(hi, (long) (i + 1) * out);
        w[o][i - first] = (double) (b - a) / out;
      }
    }
    return new Weights(start, w);
  }
}
