package dev.hone.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hone.data.image.ImageDataset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolution ladder of {@link NasBench}: analytic values (28 = 4 x 7 = 2 x 14; a 2x2 pooling
 * per conv block halves the side, so b blocks need 2^b pixels).
 */
class NasBenchTest {
  private static ImageDataset blank(int h, int w) {
    return new ImageDataset(new float[h * w], 1, 1, h, w, new int[] {0}, List.of("a"), "test");
  }

  @Test
  void ladderKeepsFactorsThatDivideAndLeaveFourPixels() {
    assertArrayEquals(new int[] {4, 2, 1}, NasBench.ladder(blank(28, 28)));
    assertArrayEquals(new int[] {2, 1}, NasBench.ladder(blank(8, 8)));
    assertArrayEquals(new int[] {1}, NasBench.ladder(blank(7, 7)));
    assertArrayEquals(new int[] {2, 1}, NasBench.ladder(blank(30, 30)));
  }

  @Test
  void poolingNetworksGetAResolutionTheySurvive() {
    ImageDataset mnist = blank(28, 28);
    Map<String, Object> threeMax = Map.of("pooling", "max", "conv_blocks", 3);
    Map<String, Object> twoAvg = Map.of("pooling", "avg", "conv_blocks", 2);
    Map<String, Object> threeNone = Map.of("pooling", "none", "conv_blocks", 3);
    assertEquals(2, NasBench.feasibleFactor(mnist, 4, threeMax)); // 7 < 8, 14 >= 8
    assertEquals(4, NasBench.feasibleFactor(mnist, 4, twoAvg)); // 7 >= 4
    assertEquals(4, NasBench.feasibleFactor(mnist, 4, threeNone));
    assertEquals(1, NasBench.feasibleFactor(blank(8, 8), 2, threeMax)); // 4 < 8
  }
}
