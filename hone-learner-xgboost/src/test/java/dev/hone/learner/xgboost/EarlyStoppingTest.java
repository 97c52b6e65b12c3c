package dev.hone.learner.xgboost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-worked sequences for the stopping rule (stop at round r once r - best >= patience). */
class EarlyStoppingTest {

  /** Feeds values until stop; returns the number of rounds run. */
  private static int run(EarlyStopping s, double... values) {
    for (int r = 0; r < values.length; r++) {
      if (s.observe(r, values[r])) {
        return r + 1;
      }
    }
    return values.length;
  }

  @Test
  void stopsPatienceRoundsAfterTheBest() {
    EarlyStopping s = new EarlyStopping(2);
    // best at round 1 (0.5); rounds 2 and 3 do not improve: 3 - 1 >= 2 -> stop after round 3
    assertEquals(4, run(s, 0.9, 0.5, 0.6, 0.7, 0.1));
    assertEquals(1, s.bestRound());
    assertEquals(0.5, s.bestValue());
  }

  @Test
  void tiesDoNotImprove() {
    EarlyStopping s = new EarlyStopping(3);
    assertEquals(4, run(s, 0.5, 0.5, 0.5, 0.5, 0.4));
    assertEquals(0, s.bestRound());
  }

  @Test
  void nanNeverImprovesButStillCounts() {
    EarlyStopping s = new EarlyStopping(2);
    assertEquals(3, run(s, Double.NaN, Double.NaN, Double.NaN, 0.1));
    assertEquals(0, s.bestRound());
    assertTrue(Double.isNaN(s.bestValue()));

    EarlyStopping t = new EarlyStopping(2);
    // best at round 1; round 3 is 2 rounds past it -> stop after 4 rounds
    assertEquals(4, run(t, Double.NaN, 0.7, Double.NaN, 0.8, 0.9));
    assertEquals(1, t.bestRound());
    assertEquals(0.7, t.bestValue());
  }

  @Test
  void zeroPatienceNeverStopsButTracksTheBest() {
    EarlyStopping s = new EarlyStopping(0);
    double[] v = {0.9, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8};
    for (int r = 0; r < v.length; r++) {
      assertFalse(s.observe(r, v[r]));
    }
    assertEquals(1, s.bestRound());
  }

  @Test
  void patienceOneStopsAtTheFirstNonImprovement() {
    EarlyStopping s = new EarlyStopping(1);
    assertEquals(3, run(s, 0.9, 0.8, 0.85, 0.1));
    assertEquals(1, s.bestRound());
  }
}
