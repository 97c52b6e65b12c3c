package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.data.TaskType;
import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Learner;
import dev.hone.core.params.ParamSet;
import dev.hone.core.random.Seeds;
import dev.hone.eval.Metric;
import dev.hone.search.fidelity.CalibrationRow;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fidelity ladder under ASHA on a small synthetic binary task, and its pure helpers. */
class LowFidelitySearchTest {
  private static final Learner XGB = Learners.byName(TrainWorkflow.LEARNER);

  /** y = 1 with probability logistic(2·x0 − x1 + x2·x3); 6 features, seeded. */
  private static Object[] data(int n, long seed) {
    SplittableRandom rng = Seeds.rng(seed, "data", 0);
    int c = 6;
    float[] x = new float[n * c];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < c; j++) {
        x[i * c + j] = (float) (rng.nextDouble() * 2 - 1);
      }
      double z = 2 * x[i * c] - x[i * c + 1] + 3 * x[i * c + 2] * x[i * c + 3];
      y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    return new Object[] {new FeatureMatrix(x, n, List.of("a", "b", "c", "d", "e", "f")), y};
  }

  private static LowFidelityFits fits(long seed) {
    Object[] tr = data(1200, 1);
    Object[] va = data(400, 2);
    return new LowFidelityFits(
        XGB, TaskType.BINARY, 2, (FeatureMatrix) tr[0], (double[]) tr[1], (FeatureMatrix) va[0],
        (double[]) va[1], Metric.defaultObjective(TaskType.BINARY), seed, 1);
  }

  private static SearchSpace space() {
    return SearchSpace.fromHints(XGB.paramSpecs());
  }

  private static ParamSet defaults() {
    return ParamSet.resolve(XGB.paramSpecs(), Map.of());
  }

  private static List<TrialRecord> run(LowFidelitySearch lf, int trials) {
    Study study =
        Study.createOrLoad(
            new InMemoryStudyStore(), "t", Direction.MAXIMIZE, new RandomSampler(), lf.pruner(), 3);
    lf.enqueuePilotBest(study);
    study.optimize(lf.objective(space()), new StopCondition(trials, null), new StudyListener() {});
    return study.trials();
  }

  private static void checkCounts(FidelitySummary s, List<TrialRecord> trials) {
    int pruned = (int) trials.stream().filter(t -> t.state() == TrialState.PRUNED).count();
    int complete = (int) trials.stream().filter(t -> t.state() == TrialState.COMPLETE).count();
    assertEquals(pruned, s.prunedTrials());
    assertEquals(complete, s.completeTrials());
    int prunedAtRungs = 0;
    for (FidelitySummary.Rung r : s.rungs()) {
      assertEquals(r.reached(), r.pruned() + r.promoted());
      prunedAtRungs += r.pruned();
    }
    assertEquals(pruned, prunedAtRungs, "every pruned trial stopped at a rung");
    assertEquals(s.promotions(), s.rungs().stream().mapToInt(FidelitySummary.Rung::promoted).sum());
  }

  @Test
  void rowLadderPrunesAndPromotesUnderAsha() {
    LowFidelitySearch lf =
        LowFidelitySearch.plan("rows:0.3", fits(5), space(), defaults(), 1, 5, 8);
    assertEquals(Fidelity.rows(0.3), lf.chosen());
    List<TrialRecord> trials = run(lf, 9);
    FidelitySummary s = lf.summary(trials);
    assertEquals(1, s.rungs().size());
    assertEquals("rows:0.3", s.rungs().get(0).fidelity());
    assertEquals(9, s.rungs().get(0).reached(), "every trial starts at the lowest rung");
    assertTrue(s.prunedTrials() >= 3, "ASHA with eta 3 stops most trials: " + s.prunedTrials());
    assertTrue(s.completeTrials() >= 1);
    checkCounts(s, trials);
    for (TrialRecord t : trials) {
      assertEquals(java.util.Set.of(1), t.intermediateValues().keySet());
      if (t.state() == TrialState.COMPLETE) {
        assertTrue(t.userAttributes().containsKey("best_iteration"));
      }
    }
    assertTrue(s.calibration() == null);
    assertTrue(Json.write(s).contains("\"rungs\""));
  }

  @Test
  void roundsLadderReportsOnlyAtMilestones() {
    LowFidelitySearch lf =
        LowFidelitySearch.plan("rounds:0.02", fits(6), space(), defaults(), 1, 6, 8);
    List<TrialRecord> trials = run(lf, 6);
    FidelitySummary s = lf.summary(trials);
    assertEquals(List.of(20L, 60L, 180L, 540L),
        s.rungs().stream().map(FidelitySummary.Rung::step).toList());
    assertEquals(6, s.rungs().get(0).reached(), "every fit runs past 20 rounds (patience 50)");
    for (TrialRecord t : trials) {
      for (int step : t.intermediateValues().keySet()) {
        assertTrue(List.of(20, 60, 180, 540).contains(step), "step " + step);
      }
    }
    checkCounts(s, trials);
  }

  @Test
  void autoCalibratesEveryCandidateOnThePilot() throws Exception {
    LowFidelitySearch lf = LowFidelitySearch.plan("auto", fits(7), space(), defaults(), 2, 7, 6);
    List<TrialRecord> trials = run(lf, 4);
    FidelitySummary s = lf.summary(trials);
    assertEquals(LowFidelitySearch.AUTO_CANDIDATES.size(), s.calibration().rows().size());
    double prev = -1;
    int chosen = 0;
    for (CalibrationRow r : s.calibration().rows()) {
      assertEquals(6, r.nConfigs());
      assertTrue(r.costFraction() >= prev);
      prev = r.costFraction();
      if (r.chosen()) {
        chosen++;
        assertEquals(r.fidelity(), s.chosen());
      }
    }
    assertEquals(s.calibration().anyTrusted() ? 1 : 0, chosen);
    assertEquals(Fidelity.FULL.toString().equals(s.chosen()), chosen == 0);
    // the best pilot configuration is the study's first trial
    assertTrue(!trials.get(0).fixedParams().isEmpty());
    FidelitySummary back = Json.mapper().readValue(Json.write(s), FidelitySummary.class);
    assertEquals(s.chosen(), back.chosen());
  }

  @Test
  void roundsScoreReadsTheLossAtTheFirstMilestone() {
    double[] curve = {0.6, 0.5, 0.4, 0.35, Double.NaN, Double.NaN};
    // fraction 1/3 of 6 rounds: milestone 2 → loss 0.4, negated for a higher-is-better objective
    double[] r = LowFidelitySearch.roundsScore(curve, Fidelity.rounds(1.0 / 3), 6, true);
    assertArrayEquals(new double[] {-0.4, 3.0 / 4}, r, 1e-12);
    // a milestone past the rounds trained reads the last one, at full cost
    r = LowFidelitySearch.roundsScore(curve, Fidelity.rounds(0.9), 6, false);
    assertArrayEquals(new double[] {0.35, 1.0}, r, 1e-12);
  }

  @Test
  void ladderStepsGeometricallyToFull() {
    assertEquals("rows:0.3162", LowFidelitySearch.scale(Fidelity.rows(0.1), 0.5).toString());
    assertEquals(Fidelity.rows(0.1), LowFidelitySearch.scale(Fidelity.rows(0.1), 1));
    assertEquals(
        "rows:0.5+features:0.7071",
        LowFidelitySearch.scale(Fidelity.parse("rows:0.25+features:0.5"), 0.5).toString());
  }

  @Test
  void resolutionIsRefusedForTabularLearner() {
    InvalidParameterException e =
        assertThrows(
            InvalidParameterException.class,
            () -> LowFidelitySearch.plan("resolution:0.5", fits(1), space(), defaults(), 1, 1, 8));
    assertTrue(e.getMessage().contains("images"), e.getMessage());
  }

  @Test
  void selectColumnsKeepsRowsAndOrder() {
    FeatureMatrix x =
        new FeatureMatrix(new float[] {1, 2, 3, 4, 5, 6}, 2, List.of("a", "b", "c"));
    FeatureMatrix s = LowFidelityFits.selectColumns(x, new int[] {0, 2});
    assertArrayEquals(new float[] {1, 3, 4, 6}, s.data());
    assertEquals(new ArrayList<>(List.of("a", "c")), s.featureNames());
  }
}
