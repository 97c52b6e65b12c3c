package dev.hone.eval.slices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.InvalidParameterException;
import org.junit.jupiter.api.Test;

/** Benjamini–Hochberg against statsmodels' multipletests(method='fdr_bh'). */
class BenjaminiHochbergTest {
  @Test
  void matchesStatsmodels() {
    for (JsonNode c : SliceReference.cases("bh")) {
      String name = c.get("name").asText();
      double[] p = SliceReference.doubles(c.get("p"));
      double q = c.get("q").asDouble();
      double[] expected = SliceReference.doubles(c.get("adjusted"));
      double[] adjusted = BenjaminiHochberg.adjust(p);
      for (int i = 0; i < p.length; i++) {
        // statsmodels' arithmetic is reproduced, so agreement is to the last bits
        SliceReference.assertRel(expected[i], adjusted[i], 1e-14, name + " adjusted[" + i + "]");
      }
      boolean[] reject = BenjaminiHochberg.reject(p, q);
      for (int i = 0; i < p.length; i++) {
        assertEquals(c.get("reject").get(i).asBoolean(), reject[i], name + " reject[" + i + "]");
      }
    }
  }

  @Test
  void handCheckedRanksWithTies() {
    // sorted: 0.01 (rank 1), 0.02, 0.02 (ranks 2-3), 0.5 (rank 4); m = 4, q = 0.05
    // thresholds k·q/m: 0.0125, 0.025, 0.0375, 0.05 -> largest k with p(k) <= threshold is 3
    double[] p = {0.02, 0.5, 0.01, 0.02};
    assertArrayEquals(new boolean[] {true, false, true, true}, BenjaminiHochberg.reject(p, 0.05));
    // adjusted of rank 1 = min(0.04, 0.04, 4·0.02/3, 0.5) = 0.02666...
    double[] adj = BenjaminiHochberg.adjust(p);
    assertEquals(0.08 / 3, adj[2], 1e-15);
    assertEquals(adj[0], adj[3], 0.0, "tied p-values get the same adjusted value");
    assertEquals(0.5, adj[1], 0.0);
  }

  @Test
  void emptySelectionAndEmptyFamily() {
    double[] p = {0.2, 0.5, 0.04};
    boolean[] none = BenjaminiHochberg.reject(p, 0.05);
    assertArrayEquals(new boolean[3], none, "0.04 > 0.05·1/3: nothing is rejected");
    assertEquals(0, BenjaminiHochberg.reject(new double[0], 0.05).length);
    assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
  }

  @Test
  void nanIsNotTestedAndDoesNotCountInM() {
    double[] p = {0.01, Double.NaN, 0.04, Double.NaN};
    // m = 2: thresholds 0.025, 0.05 -> both rejected; with m = 4 the 0.04 would not be
    boolean[] r = BenjaminiHochberg.reject(p, 0.05);
    assertTrue(r[0] && r[2]);
    assertFalse(r[1] || r[3]);
    double[] adj = BenjaminiHochberg.adjust(p);
    assertTrue(Double.isNaN(adj[1]) && Double.isNaN(adj[3]));
    assertEquals(0.04, adj[2], 1e-15);
    assertEquals(0.02, adj[0], 1e-15);
  }

  @Test
  void rejectsBadInput() {
    assertThrows(IllegalArgumentException.class, () -> BenjaminiHochberg.adjust(new double[] {1.5}));
    assertThrows(InvalidParameterException.class, () -> BenjaminiHochberg.reject(new double[] {0.1}, 1.0));
  }
}
