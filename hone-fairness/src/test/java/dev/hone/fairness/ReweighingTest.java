package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import org.junit.jupiter.api.Test;

class ReweighingTest {

  @Test
  void weightsMatchKamiranCaldersReference() {
    int cases = 0;
    for (JsonNode c : Reference.json().get("reweighing_cases")) {
      int[] y = Reference.ints(c.get("labels"));
      Groups g = Groups.of("g", Reference.strings(c.get("groups")));
      double[] w = Reweighing.weights(y, g);
      assertArrayEquals(Reference.doubles(c.get("weights")), w, 1e-12);
      cases++;
    }
    assertEquals(6, cases);
  }

  @Test
  void weightedLabelRateIsEqualAcrossGroups() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(4);
    for (int trial = 0; trial < 20; trial++) {
      int n = 50 + r.nextInt(2000);
      int[] y = new int[n];
      String[] g = new String[n];
      for (int i = 0; i < n; i++) {
        int k = r.nextInt(4);
        g[i] = "g" + k;
        y[i] = r.nextDouble() < 0.15 + 0.2 * k ? 1 : 0;
      }
      Groups groups = Groups.of("g", g);
      ReweighingResult res = Reweighing.fit(y, groups);
      double[] w = res.rowWeights(y, groups);
      long pos = java.util.Arrays.stream(y).sum();
      double overall = (double) pos / n;
      double[] wy = new double[groups.groupCount()];
      double[] ws = new double[groups.groupCount()];
      double total = 0;
      for (int i = 0; i < n; i++) {
        wy[groups.code(i)] += w[i] * y[i];
        ws[groups.code(i)] += w[i];
        total += w[i];
      }
      for (int k = 0; k < ws.length; k++) {
        assertEquals(overall, wy[k] / ws[k], 1e-13, "weighted label rate of group " + k);
      }
      assertEquals(n, total, 1e-9 * n, "weights sum to n");
      // cell by cell, in exact rational form: weight · count = n_g · n_y / n
      for (ReweighingResult.Cell cell : res.cells()) {
        assertEquals(
            (double) cell.groupCount() * cell.labelCount() / n, cell.weight() * cell.count(),
            1e-12 * cell.groupCount());
      }
    }
  }

  @Test
  void dyadicCaseIsExact() {
    // 8 rows: A has 3 of 4 positive, B 1 of 4; overall 1/2. w(A,1)=2/3... use powers of two:
    // A: 1 positive of 2, B: 1 positive of 2 -> all weights exactly 1
    int[] y = {1, 0, 1, 0, 1, 1, 0, 0};
    String[] g = {"A", "A", "B", "B", "C", "C", "C", "C"};
    // C: 2 of 4 positive; overall 4/8: every weight is exactly 1
    double[] w = Reweighing.weights(y, Groups.of("g", g));
    for (double v : w) {
      assertEquals(1.0, v, 0.0);
    }
    // A: 2 positives of 2 rows... unbalanced: A 3/4 positive, B 1/4; overall 1/2
    int[] y2 = {1, 1, 1, 0, 1, 0, 0, 0};
    String[] g2 = {"A", "A", "A", "A", "B", "B", "B", "B"};
    double[] w2 = Reweighing.weights(y2, Groups.of("g", g2));
    // w(A,1) = 4·4/(8·3) = 2/3, w(A,0) = 4·4/(8·1) = 2
    assertEquals(2.0 / 3.0, w2[0], 0.0);
    assertEquals(2.0, w2[3], 0.0);
    double rateA = (3 * w2[0]) / (3 * w2[0] + w2[3]);
    assertEquals(0.5, rateA, 1e-16);
  }

  @Test
  void singleLabelGroupIsWarnedAndUnseenCellRefused() {
    int[] y = {1, 0, 0, 0};
    Groups g = Groups.of("sex", new String[] {"F", "F", "M", "M"});
    ReweighingResult res = Reweighing.fit(y, g);
    assertEquals(1, res.warnings().size());
    assertTrue(res.warnings().get(0).contains("'M'"));
    assertTrue(Json.write(res).contains("\"weight\" : \"NaN\""));
    UserInputException e =
        assertThrows(UserInputException.class, () -> res.rowWeights(new int[] {1}, Groups.of("sex",
            new String[] {"M"})));
    assertTrue(e.getMessage().contains("'M'") && e.getMessage().contains("sex"));
  }
}
