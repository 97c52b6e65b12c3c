package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The fairness constraint's choice of trial, on a synthetic study whose objective and fairness
 * values are known functions of one parameter {@code x}: the expected trial is found by scanning
 * the stored parameters directly (an independent enumeration of the same rule).
 */
class FairnessConstraintTest {
  private static final StudyListener QUIET = new StudyListener() {};

  /** Runs 25 random trials: value = x (or 1 − x), fairness = f(x). */
  private static List<TrialRecord> study(
      Direction dir, FairnessSettings s, String metric, DoubleUnaryOperator fairness) {
    Study study =
        Study.createOrLoad(new InMemoryStudyStore(), "s", dir, new RandomSampler(), 7L);
    study.optimize(
        trial -> {
          double x = trial.suggestFloat("x", 0, 1, false);
          FairnessPlan.recordValue(trial, s, metric, fairness.applyAsDouble(x));
          return dir == Direction.MAXIMIZE ? x : 1 - x;
        },
        StopCondition.trials(25), QUIET);
    return study.trials();
  }

  private static double x(TrialRecord t) {
    return ((Number) t.params().get("x")).doubleValue();
  }

  @Test
  void bestFeasibleTrialIsChosen() {
    FairnessSettings s = FairnessSettings.parse(null, null, "equalized_odds_difference<=0.25");
    // fairness x^2: feasible iff x <= 0.5; the objective (x) prefers large x
    List<TrialRecord> trials =
        study(Direction.MAXIMIZE, s, s.constraintMetric(), x -> x * x);
    TrialRecord expected = null;
    int feasible = 0;
    for (TrialRecord t : trials) {
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals(x(t) * x(t), Double.parseDouble(
          t.userAttributes().get("fairness.equalized_odds_difference")), 0.0);
      assertEquals(List.of(x(t) * x(t) - 0.25), Evaluation.of(t).constraints());
      if (x(t) * x(t) <= 0.25) {
        feasible++;
        if (expected == null || x(t) > x(expected)) {
          expected = t;
        }
      }
    }
    assertTrue(feasible > 0 && feasible < trials.size(), "the seed gives both kinds");
    FairnessPlan.Choice c = FairnessPlan.choose(trials, Direction.MAXIMIZE,
        java.util.Optional.empty(), s, s.constraintMetric());
    assertEquals(expected.number(), c.trial().orElseThrow().number());
    assertTrue(c.selection().feasible());
    assertEquals("", c.warning());
    // the unconstrained best (largest x overall) is infeasible, so the constraint changed the pick
    double maxX = trials.stream().mapToDouble(FairnessConstraintTest::x).max().orElseThrow();
    assertTrue(maxX > 0.5, "the unconstrained optimum is infeasible");
    assertTrue(x(c.trial().orElseThrow()) <= 0.5);
  }

  @Test
  void leastViolatingTrialIsFlaggedWhenNoneIsFeasible() {
    FairnessSettings s = FairnessSettings.parse(null, null, "demographic_parity_difference<=0.1");
    // fairness 0.3 + |x − 0.4| (never feasible); undefined (NaN) for x > 0.9
    List<TrialRecord> trials = study(Direction.MINIMIZE, s, s.constraintMetric(),
        x -> x > 0.9 ? Double.NaN : 0.3 + Math.abs(x - 0.4));
    TrialRecord expected = null;
    for (TrialRecord t : trials) {
      if (x(t) > 0.9) {
        assertFalse(Evaluation.of(t).feasible(), "undefined fairness is infeasible");
        continue;
      }
      if (expected == null || Math.abs(x(t) - 0.4) < Math.abs(x(expected) - 0.4)) {
        expected = t;
      }
    }
    FairnessPlan.Choice c = FairnessPlan.choose(trials, Direction.MINIMIZE,
        java.util.Optional.empty(), s, s.constraintMetric());
    assertEquals(expected.number(), c.trial().orElseThrow().number());
    assertFalse(c.selection().feasible());
    assertTrue(c.warning().contains("INFEASIBLE"), c.warning());
    assertTrue(c.warning().contains("demographic_parity_difference<=0.1"), c.warning());
  }

  @Test
  void withoutConstraintTheStudyBestIsKept() {
    FairnessSettings s = FairnessSettings.NONE;
    List<TrialRecord> trials = study(Direction.MAXIMIZE, s, "equalized_odds_difference", x -> x);
    assertTrue(trials.stream().noneMatch(
        t -> t.userAttributes().containsKey(Evaluation.CONSTRAINTS_ATTRIBUTE)));
    FairnessPlan.Choice c = FairnessPlan.choose(trials, Direction.MAXIMIZE,
        java.util.Optional.of(trials.get(3)), s, "equalized_odds_difference");
    assertEquals(3, c.trial().orElseThrow().number());
  }

  @Test
  void settingsAreParsedAndChecked() {
    FairnessSettings s =
        FairnessSettings.parse("threshold", "demographic_parity", " equalized_odds_difference <= 0.05 ");
    assertEquals("equalized_odds_difference", s.constraintMetric());
    assertEquals(0.05, s.constraintBound(), 0.0);
    assertTrue(s.active());
    assertFalse(FairnessSettings.parse(null, null, null).active());
    for (String bad : new String[] {"accuracy<=0.1", "equalized_odds_difference<0.1",
        "equalized_odds_difference<=", "equalized_odds_difference<=1.5"}) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> FairnessSettings.parse(null, null, bad));
      assertTrue(e.getMessage().contains("--fairness-constraint"), e.getMessage());
    }
    assertEquals("first", s.attribute());
    assertEquals("intersection",
        FairnessSettings.parse("reweighing", null, null, "Intersection").attribute());
    assertThrows(InvalidParameterException.class,
        () -> FairnessSettings.parse("reweighing", null, null, "union"));
    assertThrows(InvalidParameterException.class,
        () -> FairnessSettings.parse("massage", null, null));
    assertThrows(InvalidParameterException.class,
        () -> FairnessSettings.parse("threshold", "calibration", null));
  }
}
