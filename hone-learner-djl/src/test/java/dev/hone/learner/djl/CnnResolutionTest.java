package dev.hone.learner.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.ReportSink;
import dev.hone.core.model.ResolutionScalable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link CnnLearner#atResolution}: area-averaged pixels checked against values worked out by hand
 * (block means for integer factors; covered-area weights for a 3→2 side), shape parameters, the
 * identity at scale 1, refusals, and a fit on the smaller images.
 */
class CnnResolutionTest {
  private static final CnnLearner CNN = new CnnLearner();

  private static FeatureMatrix matrix(int rows, float[] data) {
    List<String> names = new ArrayList<>();
    for (int j = 0; j < data.length / rows; j++) {
      names.add("f" + j);
    }
    return new FeatureMatrix(data, rows, names);
  }

  private static FitRequest request(
      FeatureMatrix x, FeatureMatrix v, Map<String, Object> params) {
    double[] y = new double[x.nRows()];
    double[] yv = v == null ? null : new double[v.nRows()];
    for (int i = 0; i < y.length; i++) {
      y[i] = i % 2;
    }
    if (yv != null) {
      for (int i = 0; i < yv.length; i++) {
        yv[i] = i % 2;
      }
    }
    return TestData.request(x, y, v, yv, TaskType.BINARY, 2, CNN.paramSpecs(), params, 3,
        ReportSink.NONE);
  }

  @Test
  void halvesA4x4ImageIntoBlockMeans() {
    float[] img = new float[16];
    for (int i = 0; i < 16; i++) {
      img[i] = i; // row-major 0..15
    }
    FitRequest r = request(matrix(1, img), matrix(1, img.clone()),
        Map.of("conv_blocks", 1, "pooling", "none"));
    FitRequest half = CNN.atResolution(r, 0.5);
    // blocks {0,1,4,5}, {2,3,6,7}, {8,9,12,13}, {10,11,14,15}
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, half.train().data(), 0f);
    assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, half.validation().data(), 0f);
    assertEquals(2, half.params().getInt("input_height"));
    assertEquals(1, half.params().getInt("input_channels"));
    assertEquals(List.of("c0_y0_x0", "c0_y0_x1", "c0_y1_x0", "c0_y1_x1"),
        half.train().featureNames());
    // quarter: one pixel, the mean of 0..15
    assertArrayEquals(new float[] {7.5f}, CNN.atResolution(r, 0.25).train().data(), 0f);
    // labels, seed and other parameters are kept
    assertSame(r.trainLabels(), half.trainLabels());
    assertEquals(r.seed(), half.seed());
    assertEquals(r.params().getInt("conv_blocks"), half.params().getInt("conv_blocks"));
  }

  @Test
  void fractionalScaleWeighsPartlyCoveredPixelsByArea() {
    // two images, two channels each, 3x3 planes; scale 2/3 -> 2x2 planes. Output (0,0) covers
    // rows/cols [0, 1.5): weights 1, 0.5 on each axis, so
    // out00 = (a00 + 0.5 a01 + 0.5 a10 + 0.25 a11) / 2.25; out01 = (0.5 a01 + a02 + 0.25 a11
    // + 0.5 a12) / 2.25, and symmetrically below.
    float[] data = new float[2 * 2 * 9];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i * 7) % 11; // plane p holds values (9p + k)*7 mod 11
    }
    FitRequest r = request(matrix(2, data), null,
        Map.of("conv_blocks", 1, "pooling", "none", "input_channels", 2, "input_height", 3));
    FitRequest s = CNN.atResolution(r, 2.0 / 3);
    assertEquals(2, s.params().getInt("input_height"));
    assertEquals(2 * 2 * 4, s.train().data().length);
    for (int p = 0; p < 4; p++) {
      double[] a = new double[9];
      for (int k = 0; k < 9; k++) {
        a[k] = data[9 * p + k];
      }
      double[] want = {
        (a[0] + 0.5 * a[1] + 0.5 * a[3] + 0.25 * a[4]) / 2.25,
        (0.5 * a[1] + a[2] + 0.25 * a[4] + 0.5 * a[5]) / 2.25,
        (0.5 * a[3] + 0.25 * a[4] + a[6] + 0.5 * a[7]) / 2.25,
        (0.25 * a[4] + 0.5 * a[5] + 0.5 * a[7] + a[8]) / 2.25
      };
      for (int k = 0; k < 4; k++) {
        assertEquals(want[k], s.train().data()[4 * p + k], 1e-6, "plane " + p + " pixel " + k);
      }
    }
    // the first plane by hand: a = 0,7,3,10,6,2,9,5,1 -> out00 = (0 + 3.5 + 5 + 1.5) / 2.25
    assertEquals(10.0 / 2.25, s.train().data()[0], 1e-6);
  }

  @Test
  void scaleOneIsTheSameRequestAndBadInputIsRefused() {
    float[] img = new float[64];
    FitRequest r = request(matrix(1, img), null, Map.of("conv_blocks", 3, "pooling", "max"));
    assertTrue(CNN instanceof ResolutionScalable);
    assertSame(r, CNN.atResolution(r, 1.0));
    assertThrows(InvalidParameterException.class, () -> CNN.atResolution(r, 0));
    assertThrows(InvalidParameterException.class, () -> CNN.atResolution(r, 1.5));
    // 8x8 at 0.5 is 4x4: three 2x2 poolings would leave 0 pixels
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> CNN.atResolution(r, 0.5));
    assertTrue(e.getMessage().contains("conv_blocks"), e.getMessage());
  }

  @Test
  void fitsOnTheDownscaledDigits() throws Exception {
    TestData.Xy digits = TestData.digits();
    int[] train = digits.rows(5, 0, false);
    int[] valid = digits.rows(5, 0, true);
    FitRequest r =
        TestData.request(digits.matrix(train), digits.labels(train), digits.matrix(valid),
            digits.labels(valid), TaskType.MULTICLASS, 10, CNN.paramSpecs(),
            Map.of("conv_blocks", 1, "channels", 4, "dense_width", 16, "epochs", 2), 5,
            ReportSink.NONE);
    FitRequest half = CNN.atResolution(r, 0.5);
    try (NetworkModel m = CNN.fit(half)) {
      assertEquals(List.of(1, 4, 4), m.meta().inputShape());
      assertEquals(valid.length, m.predict(half.validation()).probabilities().length);
    }
  }
}
