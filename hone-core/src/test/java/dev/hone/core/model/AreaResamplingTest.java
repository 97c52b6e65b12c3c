package dev.hone.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hone.core.error.InvalidParameterException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link AreaResampling}: pixels worked out by hand for a fractional ratio, block means for integer
 * factors (seeded random planes), and the conservation of the total intensity (each input pixel's
 * area is split exactly among the outputs covering it).
 */
class AreaResamplingTest {
  @Test
  void fractionalWidthByHand() {
    // 2x6 -> 1x4: each output covers both rows and 1.5 columns (area 3). Columns of output x:
    // x=0: c0 (1), c1 (0.5); x=1: c1 (0.5), c2 (1); x=2: c3 (1), c4 (0.5); x=3: c4 (0.5), c5 (1)
    float[] in = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    float[] out = AreaResampling.downscale(in, 1, 2, 6, 1, 4);
    assertArrayEquals(
        new float[] {10f / 3, 14f / 3, 19f / 3, 23f / 3}, out, 1e-6f);
  }

  @Test
  void integerFactorsAreBlockMeans() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int rep = 0; rep < 20; rep++) {
      int f = 1 + rng.nextInt(4);
      int oh = 1 + rng.nextInt(5);
      int ow = 1 + rng.nextInt(5);
      int planes = 1 + rng.nextInt(3);
      int h = oh * f;
      int w = ow * f;
      float[] in = new float[planes * h * w];
      for (int i = 0; i < in.length; i++) {
        in[i] = (float) rng.nextDouble();
      }
      float[] out = AreaResampling.downscale(in, planes, h, w, oh, ow);
      for (int p = 0; p < planes; p++) {
        for (int y = 0; y < oh; y++) {
          for (int x = 0; x < ow; x++) {
            double s = 0;
            for (int dy = 0; dy < f; dy++) {
              for (int dx = 0; dx < f; dx++) {
                s += in[p * h * w + (y * f + dy) * w + x * f + dx];
              }
            }
            assertEquals(s / (f * f), out[p * oh * ow + y * ow + x], 1e-6);
          }
        }
      }
    }
  }

  @Test
  void anyRatioConservesTheTotalIntensity() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int rep = 0; rep < 30; rep++) {
      int h = 1 + rng.nextInt(30);
      int w = 1 + rng.nextInt(30);
      int oh = 1 + rng.nextInt(h);
      int ow = 1 + rng.nextInt(w);
      float[] in = new float[h * w];
      double total = 0;
      for (int i = 0; i < in.length; i++) {
        in[i] = (float) rng.nextDouble();
        total += in[i];
      }
      float[] out = AreaResampling.downscale(in, 1, h, w, oh, ow);
      double area = ((double) h / oh) * ((double) w / ow);
      double sum = 0;
      for (float v : out) {
        sum += v * area;
      }
      assertEquals(total, sum, 1e-4 * Math.max(1, total), h + "x" + w + " -> " + oh + "x" + ow);
    }
  }

  @Test
  void sizesAndRefusals() {
    assertEquals(14, AreaResampling.scaledSize(28, 0.5));
    assertEquals(7, AreaResampling.scaledSize(28, 0.25));
    assertEquals(8, AreaResampling.scaledSize(28, 0.3)); // round(8.4)
    assertEquals(1, AreaResampling.scaledSize(3, 0.1)); // at least one pixel
    assertThrows(InvalidParameterException.class, () -> AreaResampling.scaledSize(28, 0));
    assertThrows(InvalidParameterException.class, () -> AreaResampling.scaledSize(28, 1.01));
    assertThrows(InvalidParameterException.class,
        () -> AreaResampling.downscale(new float[4], 1, 2, 2, 3, 2));
    assertThrows(InvalidParameterException.class,
        () -> AreaResampling.downscale(new float[5], 1, 2, 2, 1, 1));
  }
}
