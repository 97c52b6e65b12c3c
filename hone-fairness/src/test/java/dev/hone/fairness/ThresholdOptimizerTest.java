package dev.hone.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hone.core.error.UserInputException;
import dev.hone.core.json.Json;
import dev.hone.fairness.ThresholdOptimizer.Constraint;
import dev.hone.fairness.ThresholdOptimizer.Objective;
import org.junit.jupiter.api.Test;

class ThresholdOptimizerTest {

  /** Expected {selection rate, TPR, FPR} per group under the fitted probabilities. */
  static double[][] expectedRates(int[] y, double[] p, Groups g) {
    double[][] acc = new double[g.groupCount()][5]; // n, pos, neg, sel, tp, fp
    double[][] sums = new double[g.groupCount()][6];
    for (int i = 0; i < y.length; i++) {
      double[] s = sums[g.code(i)];
      s[0]++;
      s[1] += y[i];
      s[2] += 1 - y[i];
      s[3] += p[i];
      s[4] += y[i] * p[i];
      s[5] += (1 - y[i]) * p[i];
    }
    for (int k = 0; k < acc.length; k++) {
      double[] s = sums[k];
      acc[k] = new double[] {s[3] / s[0], s[4] / s[1], s[5] / s[2]};
    }
    return acc;
  }

  @Test
  void optimumMatchesLinearProgramAndConstraintHolds() {
    int cases = 0;
    for (JsonNode c : Reference.json().get("threshold_cases")) {
      int[] y = Reference.ints(c.get("labels"));
      double[] s = Reference.doubles(c.get("scores"));
      Groups g = Groups.of("g", Reference.strings(c.get("groups")));
      Constraint con = Constraint.valueOf(c.get("constraint").asText().toUpperCase());
      Objective obj = Objective.valueOf(c.get("objective").asText().toUpperCase());
      FittedThresholds f = ThresholdOptimizer.fit(y, s, g, con, obj, 3L);
      String where = "case " + cases + " " + con + " " + obj;
      assertEquals(c.get("optimum").asDouble(), f.validationObjective(), 1e-9, where + " optimum");

      double[] p = f.probabilities(s, g);
      // the expected objective of the applied rules equals the reported one
      double tp = 0, tn = 0, pos = 0, neg = 0;
      for (int i = 0; i < y.length; i++) {
        pos += y[i];
        neg += 1 - y[i];
        tp += y[i] * p[i];
        tn += (1 - y[i]) * (1 - p[i]);
      }
      double value = obj == Objective.ACCURACY ? (tp + tn) / y.length : 0.5 * (tp / pos + tn / neg);
      assertEquals(f.validationObjective(), value, 1e-9, where + " applied objective");

      double[][] r = expectedRates(y, p, g);
      for (int k = 1; k < r.length; k++) {
        switch (con) {
          case DEMOGRAPHIC_PARITY -> assertEquals(r[0][0], r[k][0], 1e-9, where + " selection");
          case EQUAL_OPPORTUNITY -> assertEquals(r[0][1], r[k][1], 1e-9, where + " TPR");
          case EQUALIZED_ODDS -> {
            assertEquals(r[0][1], r[k][1], 1e-9, where + " TPR");
            assertEquals(r[0][2], r[k][2], 1e-9, where + " FPR");
          }
        }
      }
      for (GroupRule rule : f.rules()) {
        int k = g.keys().indexOf(rule.group());
        assertEquals(r[k][0], rule.validationSelectionRate(), 1e-9, where);
      }
      cases++;
    }
    assertEquals(12, cases);
  }

  @Test
  void realisedPredictionsAreSeededAndNearTheExpectedRates() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
    int n = 20_000;
    int[] y = new int[n];
    double[] s = new double[n];
    String[] grp = new String[n];
    for (int i = 0; i < n; i++) {
      grp[i] = rng.nextDouble() < 0.3 ? "minority" : "majority";
      y[i] = rng.nextDouble() < (grp[i].equals("minority") ? 0.2 : 0.4) ? 1 : 0;
      s[i] = 1 / (1 + Math.exp(-(1.5 * y[i] - 0.7 + rng.nextGaussian())));
    }
    Groups g = Groups.of("group", grp);
    FittedThresholds f =
        ThresholdOptimizer.fit(y, s, g, Constraint.DEMOGRAPHIC_PARITY, Objective.ACCURACY, 5L);
    int[] a = f.apply(s, g);
    assertArrayEquals(a, f.apply(s, g), "same seed, same predictions");
    double[] sel = new double[2];
    int[] cnt = g.counts();
    for (int i = 0; i < n; i++) {
      sel[g.code(i)] += a[i];
    }
    double expected = f.rules().get(0).validationSelectionRate();
    for (int k = 0; k < 2; k++) {
      double se = Math.sqrt(expected * (1 - expected) / cnt[k]);
      assertEquals(expected, sel[k] / cnt[k], 4 * se + 1e-12, "realised selection rate");
    }
    // JSON round trip keeps the rules, including infinite thresholds
    FittedThresholds back = Json.read(Json.write(f), FittedThresholds.class);
    assertEquals(f, back);
  }

  @Test
  void unseenGroupIsRefusedByName() {
    int[] y = {1, 0, 1, 0};
    double[] s = {0.9, 0.2, 0.6, 0.4};
    FittedThresholds f =
        ThresholdOptimizer.fit(
            y, s, Groups.of("race", new String[] {"A", "A", "B", "B"}),
            Constraint.DEMOGRAPHIC_PARITY, Objective.ACCURACY, 1L);
    Groups test = Groups.of("race", new String[] {"A", "B", "C"});
    UserInputException e =
        assertThrows(UserInputException.class, () -> f.apply(new double[] {0.1, 0.2, 0.3}, test));
    assertTrue(e.getMessage().contains("'C'"), e.getMessage());
    assertTrue(e.getMessage().contains("race"), e.getMessage());
    assertTrue(e.getMessage().contains("row 2"), e.getMessage());
  }

  @Test
  void groupWithoutPositivesCannotTakeEqualOpportunity() {
    int[] y = {1, 0, 0, 0};
    double[] s = {0.9, 0.2, 0.6, 0.4};
    Groups g = Groups.of("sex", new String[] {"F", "F", "M", "M"});
    UserInputException e =
        assertThrows(
            UserInputException.class,
            () -> ThresholdOptimizer.fit(y, s, g, Constraint.EQUAL_OPPORTUNITY,
                Objective.ACCURACY, 1L));
    assertTrue(e.getMessage().contains("'M'") && e.getMessage().contains("no positive"));
  }
}
