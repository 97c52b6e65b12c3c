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
import dev.hone.search.fidelity.PilotRule;
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
    lf.recordPilot(study, space());
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
  void autoCalibratesAndRecordsThePilotAsCompleteTrials() throws Exception {
    LowFidelitySearch lf = LowFidelitySearch.plan("auto", fits(7), space(), defaults(), 2, 7, 6);
    List<TrialRecord> trials = run(lf, 8);
    FidelitySummary s = lf.summary(trials);
    assertEquals(LowFidelitySearch.AUTO_CANDIDATES.size(), s.calibration().rows().size());
    assertEquals(6, s.pilotConfigs());
    double prev = -1;
    int chosen = 0;
    boolean seenChosen = false;
    for (CalibrationRow r : s.calibration().rows()) {
      assertTrue(r.nConfigs() == 6 || r.nConfigs() == 0, r.toString());
      if (r.nConfigs() == 6) {
        assertTrue(r.costFraction() >= prev);
        prev = r.costFraction();
      }
      if (r.chosen()) {
        chosen++;
        seenChosen = true;
        assertEquals(r.fidelity(), s.chosen());
        assertTrue(r.spearman() >= 0.6);
      } else if (!seenChosen) {
        assertEquals(6, r.nConfigs(), "a candidate cheaper than the choice was evaluated: " + r);
        assertTrue(!(r.spearman() >= 0.6), r.toString());
      } else if (r.nConfigs() == 0) {
        assertTrue(r.reason().startsWith("not evaluated"), r.reason());
      }
    }
    assertEquals(s.calibration().anyTrusted() ? 1 : 0, chosen);
    assertEquals(Fidelity.FULL.toString().equals(s.chosen()), chosen == 0);
    // the pilot's full fits are the study's first six trials, COMPLETE, and the search went on
    assertEquals(8, trials.size());
    for (int i = 0; i < 6; i++) {
      TrialRecord t = trials.get(i);
      assertEquals(TrialState.COMPLETE, t.state());
      assertEquals("true", t.userAttributes().get(LowFidelitySearch.PILOT_ATTRIBUTE));
      assertTrue(t.userAttributes().containsKey("best_iteration"));
      // the pilot's own fit time, not the instant it took to record the trial afterwards
      double fit = Double.parseDouble(
          t.userAttributes().get(LowFidelitySearch.FIT_SECONDS_ATTRIBUTE));
      assertTrue(fit > 0, "fit seconds " + fit);
      assertEquals(fit, TrialsCsv.seconds(t), 0.0);
    }
    assertTrue(!trials.get(6).userAttributes().containsKey(LowFidelitySearch.PILOT_ATTRIBUTE));
    assertTrue(!trials.get(6).userAttributes().containsKey(LowFidelitySearch.FIT_SECONDS_ATTRIBUTE));
    assertEquals(trials.get(6).duration().toMillis() / 1000.0, TrialsCsv.seconds(trials.get(6)),
        0.0);
    double[][] timeline = lf.pilotTimeline();
    assertEquals(6, timeline.length);
    for (int i = 0; i < 6; i++) {
      assertEquals(trials.get(i).value(), timeline[i][0], 0.0);
      assertTrue(timeline[i][1] > 0 && timeline[i][1] <= 1, "share " + timeline[i][1]);
    }
    // recorded value = the full-fidelity fit of that configuration, refitted independently
    TrialRecord first = trials.get(0);
    double refit = fits(7).fit(first.params(), Fidelity.FULL,
        Seeds.derive(7, "fidelity.pilot-fit", 0), dev.hone.core.model.ReportSink.NONE).score();
    assertEquals(refit, first.value(), 1e-12);
    FidelitySummary back = Json.mapper().readValue(Json.write(s), FidelitySummary.class);
    assertEquals(s.chosen(), back.chosen());
    assertEquals(s.calibration(), back.calibration());
    // rung counts are ASHA's: the two searched trials at most, never the six pilot fits
    if (!s.rungs().isEmpty()) {
      assertEquals(2, s.rungs().get(0).reached(), "only trials 6 and 7 climbed the ladder");
      assertTrue(s.promotions() <= 2, "promotions " + s.promotions());
    }
  }

  @Test
  void aResumedStudyKeepsItsPilotAndACachedCalibrationIsReusedAcrossSeeds(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    CalibrationCache cache = new CalibrationCache(dir.resolve("cal"));
    PilotRule rule = PilotRule.defaults();
    LowFidelitySearch first = LowFidelitySearch.plan("auto", fits(8), space(), defaults(), 2, 8,
        rule, new LowFidelitySearch.PilotContext(Map.of(), cache, "synthetic", "run A", false));
    int n = first.pilotConfigCount();
    assertTrue(List.of(6, 8, 10).contains(n), "pilot size " + n);
    assertTrue(first.calibrationSource().startsWith("pilot of this run"));
    Study study = Study.createOrLoad(new InMemoryStudyStore(), "t", Direction.MAXIMIZE,
        new RandomSampler(), first.pruner(), 8);
    assertEquals(n, first.recordPilot(study, space()));
    assertEquals(0, first.recordPilot(study, space()), "recorded once");
    // resume: the study's own record is used; no pilot, no new trials
    LowFidelitySearch resumed = LowFidelitySearch.plan("auto", fits(8), space(), defaults(), 2, 8,
        rule, new LowFidelitySearch.PilotContext(study.userAttributes(), null, "synthetic", "", false));
    assertEquals(0, resumed.pilotConfigCount());
    assertTrue(resumed.calibrationSource().startsWith("recorded in the study by run A"),
        resumed.calibrationSource());
    assertEquals(first.chosen(), resumed.chosen());
    assertEquals(0, resumed.recordPilot(study, space()));
    assertEquals(n, study.trials().size());
    // another seed, same data and space: the cached calibration is reused, no pilot
    LowFidelitySearch other = LowFidelitySearch.plan("auto", fits(9), space(), defaults(), 2, 9,
        rule, new LowFidelitySearch.PilotContext(Map.of(), cache, "synthetic", "run B", false));
    assertEquals(0, other.pilotConfigCount());
    assertTrue(other.reusedCalibration());
    assertTrue(other.calibrationSource().startsWith("calibration reused from "),
        other.calibrationSource());
    assertTrue(other.calibrationSource().contains("run A"));
    assertEquals(first.summary(List.of()).calibration(), other.summary(List.of()).calibration());
    assertEquals(first.chosen(), other.chosen());
    Study s2 = Study.createOrLoad(new InMemoryStudyStore(), "u", Direction.MAXIMIZE,
        new RandomSampler(), other.pruner(), 9);
    assertEquals(0, other.recordPilot(s2, space()), "no pilot trials without a pilot");
    assertTrue(s2.userAttributes().containsKey(LowFidelitySearch.CALIBRATION_ATTRIBUTE));
    assertTrue(!other.summary(s2.trials()).pilotTrialsInStudy(), "a reused calibration adds none");
    assertTrue(first.summary(study.trials()).pilotTrialsInStudy());
    assertTrue(resumed.summary(study.trials()).pilotTrialsInStudy(), "the resumed study keeps them");
    // other data: a miss; auto-fresh: a new pilot even though the cache has the key
    LowFidelitySearch miss = LowFidelitySearch.plan("auto", fits(9), space(), defaults(), 2, 9,
        rule, new LowFidelitySearch.PilotContext(Map.of(), cache, "other data", "run C", false));
    assertTrue(miss.pilotConfigCount() > 0);
    LowFidelitySearch fresh = LowFidelitySearch.plan("auto-fresh", fits(9), space(), defaults(),
        2, 9, rule, new LowFidelitySearch.PilotContext(Map.of(), cache, "synthetic", "run D", false));
    assertTrue(fresh.pilotConfigCount() > 0);
    assertTrue(!fresh.reusedCalibration());
    // ... and its result replaced the cached one
    LowFidelitySearch after = LowFidelitySearch.plan("auto", fits(9), space(), defaults(), 2, 9,
        rule, new LowFidelitySearch.PilotContext(Map.of(), cache, "synthetic", "run E", false));
    assertTrue(after.calibrationSource().contains("run D"), after.calibrationSource());
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
