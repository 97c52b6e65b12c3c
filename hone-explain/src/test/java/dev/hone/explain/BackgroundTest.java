package dev.hone.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.random.Seeds;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackgroundTest {

  /**
   * Three well-separated blobs of known sizes: k-means with k = 3 finds one centroid per blob,
   * weighted by the blob's size, each coordinate a value of the blob's members (snapped); a
   * column missing in most of a blob's rows is missing in its centroid; one-hot columns stay 0/1.
   */
  @Test
  void kMeansRecoversSeparatedBlobs() {
    SplittableRandom rng = Seeds.rng(81, "blobs", 0);
    int[] sizes = {50, 30, 20};
    double[][] centres = {{0, 0}, {10, 10}, {-10, 10}};
    double[][] x = new double[100][4];
    int i = 0;
    for (int b = 0; b < 3; b++) {
      for (int s = 0; s < sizes[b]; s++, i++) {
        x[i][0] = centres[b][0] + rng.nextDouble() - 0.5;
        x[i][1] = centres[b][1] + rng.nextDouble() - 0.5;
        x[i][2] = b == 2 && s < 15 ? Double.NaN : b; // blob 2 mostly missing
        x[i][3] = b == 1 ? 1 : 0; // a one-hot indicator
      }
    }
    for (long seed = 0; seed < 5; seed++) {
      Background bg = Background.kMeans(x, 3, seed);
      assertEquals(3, bg.size());
      assertEquals(100, bg.totalWeight(), 0);
      Set<Double> weights = new HashSet<>();
      for (int c = 0; c < 3; c++) {
        double[] r = bg.rows()[c];
        int blob = r[0] > 5 ? 1 : r[0] < -5 ? 2 : 0;
        assertEquals(sizes[blob], bg.weights()[c], 0);
        weights.add(bg.weights()[c]);
        assertEquals(centres[blob][0], r[0], 0.5);
        assertEquals(centres[blob][1], r[1], 0.5);
        boolean member = false;
        for (double[] row : x) {
          member |= row[0] == r[0];
        }
        assertTrue(member, "coordinates are snapped to observed values");
        if (blob == 2) {
          assertTrue(Double.isNaN(r[2]));
        } else {
          assertEquals(blob, r[2], 0);
        }
        assertEquals(blob == 1 ? 1 : 0, r[3], 0);
      }
      assertEquals(3, weights.size());
    }
    // same seed, same summary
    assertTrue(Arrays.deepEquals(Background.kMeans(x, 5, 9).rows(), Background.kMeans(x, 5, 9).rows()));
    assertEquals(100, Background.kMeans(x, 200, 1).size());
  }

  @Test
  void sampleIsSeededAndWithoutReplacement() {
    double[][] x = new double[50][1];
    for (int i = 0; i < 50; i++) {
      x[i][0] = i;
    }
    Background a = Background.sample(x, 20, 3);
    Background b = Background.sample(x, 20, 3);
    assertTrue(Arrays.deepEquals(a.rows(), b.rows()));
    Set<Double> seen = new HashSet<>();
    for (double[] r : a.rows()) {
      assertTrue(seen.add(r[0]));
    }
    assertEquals(20, a.totalWeight(), 0);
    assertThrows(IllegalArgumentException.class, () -> new Background(x, new double[50]));
  }
}
