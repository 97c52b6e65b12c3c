package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.json.Json;
import dev.hone.core.params.ParamSpec;
import dev.hone.core.params.SearchHint;
import dev.hone.core.random.Seeds;
import dev.hone.search.fidelity.Fidelity;
import dev.hone.search.pruner.AshaPruner;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageFidelitySearch} without a network: settings, the resolution ladder, the epoch
 * scores read off a curve, and ASHA's promotions on a scripted case whose counts are worked out by
 * hand from the promotion rule of Li et al. (2020) as {@link AshaPruner} states it.
 */
class ImageFidelitySearchTest {
  private static final List<ParamSpec> SPECS =
      List.of(ParamSpec.floatParam("x", "a knob", 0.5, 0, true, 1, true, SearchHint.range(0, 1)));

  @Test
  void parsesImageSettingsAndRefusesTableFidelities() {
    assertTrue(ImageFidelitySearch.parse(null).auto());
    assertTrue(ImageFidelitySearch.parse(" None ").none());
    assertEquals(Fidelity.resolution(0.25), ImageFidelitySearch.parse("resolution:0.25").fixed());
    assertEquals(
        Fidelity.compose(Fidelity.resolution(0.5), Fidelity.rounds(0.5)),
        ImageFidelitySearch.parse("resolution:0.5+epochs:0.5").fixed());
    assertEquals(Fidelity.FULL, ImageFidelitySearch.parse("full").fixed());
    InvalidParameterException rows =
        assertThrows(InvalidParameterException.class, () -> ImageFidelitySearch.parse("rows:0.5"));
    assertTrue(rows.getMessage().contains("--fidelity 'rows:0.5'"), rows.getMessage());
    assertTrue(rows.getMessage().contains("resolution:F"), rows.getMessage());
    assertThrows(InvalidParameterException.class, () -> ImageFidelitySearch.parse("resolution:2"));
    assertThrows(InvalidParameterException.class, () -> ImageFidelitySearch.parse("pixels:0.5"));
  }

  @Test
  void ladderDoublesTheSideUpToFull() {
    assertEquals(List.of(Fidelity.resolution(0.25), Fidelity.resolution(0.5)),
        ImageFidelitySearch.ladder(Fidelity.resolution(0.25)));
    assertEquals(List.of(Fidelity.resolution(0.5)),
        ImageFidelitySearch.ladder(Fidelity.resolution(0.5)));
    // 0.3 -> 0.6 -> full: ceil(log2(1/0.3)) = 2 rungs
    assertEquals(List.of(Fidelity.resolution(0.3), Fidelity.resolution(0.6)),
        ImageFidelitySearch.ladder(Fidelity.resolution(0.3)));
    // epochs raised geometrically: 0.5^(2/2), 0.5^(1/2) = 0.7071
    assertEquals(
        List.of(
            Fidelity.compose(Fidelity.resolution(0.25), Fidelity.rounds(0.5)),
            Fidelity.compose(Fidelity.resolution(0.5), Fidelity.rounds(0.7071))),
        ImageFidelitySearch.ladder(
            Fidelity.compose(Fidelity.resolution(0.25), Fidelity.rounds(0.5))));
    assertEquals(List.of(Fidelity.rounds(0.25), Fidelity.rounds(0.5)),
        ImageFidelitySearch.ladder(Fidelity.rounds(0.25)));
    assertEquals(List.of(), ImageFidelitySearch.ladder(Fidelity.FULL));
  }

  @Test
  void epochScoreIsTheBestLossOfTheFirstEpochs() {
    double[] curve = {0.9, 0.5, 0.6, 0.4};
    assertArrayEquals(new double[] {0.5, 0.5}, ImageFidelitySearch.epochScore(curve, 0.5, 4));
    assertArrayEquals(new double[] {0.9, 0.25}, ImageFidelitySearch.epochScore(curve, 0.2, 4));
    // early stopping after 2 of 4 epochs: ceil(0.75*4) = 3 epochs asked, 2 available
    double[] stopped = {0.9, 0.7, Double.NaN, Double.NaN};
    assertArrayEquals(new double[] {0.7, 1.0}, ImageFidelitySearch.epochScore(stopped, 0.75, 4));
    assertTrue(Double.isNaN(
        ImageFidelitySearch.epochScore(new double[] {Double.NaN}, 0.5, 1)[0]));
  }

  /**
   * resolution:0.25 → rungs 0.25 (milestone 1), 0.5 (milestone 2), then full; η = 2; 6 trials run
   * one after another; lower is better. Rung-0 scores by trial: 5, 3, 4, 1, 6, 2. ASHA promotes a
   * trial iff its rank among the n trials at the rung so far is below max(1, floor(n/2)):
   * t0 (n=1) yes; t1: 3 beats 5 (n=2, top 1) yes; t2: 4 is 2nd of 3 (top 1) no; t3: 1 is 1st of
   * 4 (top 2) yes; t4: 6 is 5th of 5 (top 2) no; t5: 2 is 2nd of 6 (top 3) yes → rung 0: 6
   * reached, 2 pruned, 4 promoted. Rung-1 scores: t0 5, t1 3, t3 4, t5 1: t0 yes; t1 (n=2) yes;
   * t3 2nd of 3 (top 1) no; t5 1st of 4 (top 2) yes → rung 1: 4 reached, 1 pruned, 3 promoted.
   * So 3 trials complete at full resolution, 3 are pruned, 7 promotions; fits: 6 at 0.25, 4 at
   * 0.5, 3 at full.
   */
  @Test
  void ashaPromotesOnResolutionWithTheCountsWorkedOutByHand() throws Exception {
    long seed = 11;
    double[] rung0 = {5, 3, 4, 1, 6, 2};
    double[] rung1 = {5, 3, Double.NaN, 4, Double.NaN, 1};
    Map<Long, Integer> trialOfSeed = new HashMap<>();
    for (int t = 0; t < 6; t++) {
      trialOfSeed.put(Seeds.derive(seed, "trial-fit", t), t);
    }
    Map<String, Integer> fitsAt = new HashMap<>();
    List<String> order = new ArrayList<>();
    ImageFidelitySearch.Fitter fake = (raw, f, s, sink) -> {
      int t = trialOfSeed.get(s);
      fitsAt.merge(f.toString(), 1, Integer::sum);
      order.add(t + "@" + f);
      double v =
          f.equals(Fidelity.resolution(0.25)) ? rung0[t]
              : f.equals(Fidelity.resolution(0.5)) ? rung1[t] : 10 + t;
      return new LowFidelityFits.Result(v, 0.01, null);
    };
    ImageSearchSpace space = ImageSearchSpace.of("default", SPECS);
    ImageFidelitySearch plan =
        ImageFidelitySearch.plan(
            ImageFidelitySearch.parse("resolution:0.25"), fake, space, 2, 100, 28, seed, 8);
    assertArrayEquals(new long[] {1, 2}, ((AshaPruner) plan.pruner()).milestones());
    Study study =
        Study.createOrLoad(
            new InMemoryStudyStore(), "asha", Direction.MINIMIZE, space.sampler(), plan.pruner(),
            seed);
    study.optimize(plan.objective(space, fake), new StopCondition(6, null), StudyListener.NONE);
    List<TrialRecord> trials = study.trials();
    List<String> states = new ArrayList<>();
    for (TrialRecord t : trials) {
      states.add(t.state().name());
    }
    assertEquals(
        List.of("COMPLETE", "COMPLETE", "PRUNED", "PRUNED", "PRUNED", "COMPLETE"), states);
    assertEquals(Map.of("resolution:0.25", 6, "resolution:0.5", 4, "full", 3), fitsAt);
    FidelitySummary s = plan.summary(trials);
    assertEquals("resolution:0.25", s.chosen());
    assertNull(s.calibration());
    assertEquals(2, s.rungs().size());
    assertEquals(new FidelitySummary.Rung(0, "resolution:0.25", 1, 6, 2, 4), s.rungs().get(0));
    assertEquals(new FidelitySummary.Rung(1, "resolution:0.5", 2, 4, 1, 3), s.rungs().get(1));
    assertEquals(3, s.completeTrials());
    assertEquals(3, s.prunedTrials());
    assertEquals(7, s.promotions());
    // full-resolution values 10 + t for the completed trials 0, 1, 5: trial 0 is best
    assertEquals(0, study.bestTrial().orElseThrow().number());
    assertEquals(15.0, trials.get(5).value(), 0.0);
    assertEquals(TrialState.PRUNED, trials.get(3).state()); // best at rung 0, dropped at rung 1
    assertEquals(7, Json.mapper().readTree(Json.write(s)).get("promotions").asInt());
  }

  @Test
  void aRungTheArchitectureDoesNotFitIsSkipped() {
    long seed = 5;
    ImageFidelitySearch.Fitter fake = (raw, f, s, sink) -> {
      if (f.equals(Fidelity.resolution(0.25))) {
        throw new InvalidParameterException("conv_blocks 3 with 2x2 pooling shrinks a 2x2 image");
      }
      return new LowFidelityFits.Result(1.0, 0.01, null);
    };
    ImageSearchSpace space = ImageSearchSpace.of("default", SPECS);
    ImageFidelitySearch plan =
        ImageFidelitySearch.plan(
            ImageFidelitySearch.parse("resolution:0.25"), fake, space, 1, 100, 28, seed, 8);
    Study study =
        Study.createOrLoad(
            new InMemoryStudyStore(), "skip", Direction.MINIMIZE, space.sampler(), plan.pruner(),
            seed);
    study.optimize(plan.objective(space, fake), new StopCondition(2, null), StudyListener.NONE);
    FidelitySummary s = plan.summary(study.trials());
    assertEquals(0, s.rungs().get(0).reached());
    assertEquals(2, s.rungs().get(1).reached());
    // equal values at rung 1: trial 0 promoted alone (n=1), trial 1 ties and loses to the lower
    // number with n=2, top 1
    assertEquals(1, s.completeTrials());
    assertEquals(1, s.prunedTrials());
  }

  /**
   * The pilot on a scripted fitter with exact rank correlations: at full resolution a
   * configuration scores its knob x (epoch 0 reports x + 0.5, epoch 1 x); at resolution 0.5 it
   * scores x + 0.01 (same order: ρ = τ = 1), at 0.25 it scores 1 − x (reversed: ρ = τ = −1).
   * Configurations with x < 0.2 are refused at every fidelity (a user error from the learner) and
   * left out. Fit seconds are the nominal pixel costs, so measured costs are 1/4 and 1/16, and
   * epochs 1/2 of them halve those. The cheapest trusted candidate is resolution 0.5 with half
   * the epochs (cost 0.125); resolution 0.25 is refused whatever its cost.
   */
  @Test
  void pilotCalibratesScriptedScoresExactly() {
    long seed = 21;
    ImageFidelitySearch.Fitter fake = (raw, f, s, sink) -> {
      double x = ((Number) raw.get("x")).doubleValue();
      if (x < 0.2) {
        throw new InvalidParameterException("refused by the learner");
      }
      double r = f.fractionOf(dev.hone.search.fidelity.FidelityKind.RESOLUTION);
      double v = r == 1 ? x : r == 0.5 ? x + 0.01 : 1 - x;
      sink.report(0, v + 0.5);
      sink.report(1, v);
      return new LowFidelityFits.Result(v, r * r, null);
    };
    ImageSearchSpace space = ImageSearchSpace.of("default", SPECS);
    int n = 10;
    int ok = 0;
    for (int i = 0; i < n; i++) {
      double x = ((Number) space.sample(Seeds.rng(seed, "fidelity.pilot", i)).get("x")).doubleValue();
      ok += x < 0.2 ? 0 : 1;
    }
    assertTrue(ok >= 5 && ok < n, "the seeded draws refuse some configurations: " + ok);
    ImageFidelitySearch plan =
        ImageFidelitySearch.plan(ImageFidelitySearch.parse("auto"), fake, space, 2, 500, 28, seed, n);
    assertEquals(500, plan.pilotImages());
    dev.hone.search.fidelity.CalibrationResult cal = plan.summary(List.of()).calibration();
    Map<String, dev.hone.search.fidelity.CalibrationRow> rows = new HashMap<>();
    for (dev.hone.search.fidelity.CalibrationRow row : cal.rows()) {
      rows.put(row.fidelity(), row);
      assertEquals(ok, row.nConfigs(), row.fidelity());
    }
    assertEquals(5, rows.size());
    assertEquals(1.0, rows.get("resolution:0.5").spearman(), 1e-12);
    assertEquals(1.0, rows.get("resolution:0.5").kendall(), 1e-12);
    assertEquals(-1.0, rows.get("resolution:0.25").spearman(), 1e-12);
    assertEquals(-1.0, rows.get("resolution:0.25+epochs:0.5").kendall(), 1e-12);
    assertEquals(1.0, rows.get("epochs:0.5").spearman(), 1e-12);
    assertEquals(0.25, rows.get("resolution:0.5").costFraction(), 1e-12);
    assertEquals(0.0625, rows.get("resolution:0.25").costFraction(), 1e-12);
    assertEquals(0.5, rows.get("epochs:0.5").costFraction(), 1e-12);
    assertEquals(0.125, rows.get("resolution:0.5+epochs:0.5").costFraction(), 1e-12);
    // a network's rounds are its epochs: the summary (metrics.json, report) names them so
    assertEquals("resolution:0.5+epochs:0.5", cal.chosen());
    assertEquals("resolution:0.5+epochs:0.5", plan.summary(List.of()).chosen());
    assertEquals(
        List.of(Fidelity.compose(Fidelity.resolution(0.5), Fidelity.rounds(0.5))), plan.rungs());
    // image pilot fits calibrate only: the trials train afresh, and the report says so
    FidelitySummary summary = plan.summary(List.of());
    assertEquals(false, summary.pilotTrialsInStudy());
    String pilotFact = FidelityViews.view(summary).counts().stream()
        .filter(c -> c.name().equals("pilot")).findFirst().orElseThrow().value();
    assertTrue(pilotFact.startsWith(n + " configurations (for the calibration only")
        && !pilotFact.contains("first trials"), pilotFact);
    // the pilot's best at full resolution is the smallest accepted x
    double best = ((Number) plan.bestPilotConfig().get("x")).doubleValue();
    for (int i = 0; i < n; i++) {
      double x = ((Number) space.sample(Seeds.rng(seed, "fidelity.pilot", i)).get("x")).doubleValue();
      assertTrue(x < 0.2 || x >= best);
    }
  }

  @Test
  void aPilotWithNothingTrainableIsAnError() {
    ImageFidelitySearch.Fitter refuses = (raw, f, s, sink) -> {
      throw new InvalidParameterException("refused");
    };
    ImageSearchSpace space = ImageSearchSpace.of("default", SPECS);
    assertThrows(dev.hone.core.error.HoneException.class,
        () -> ImageFidelitySearch.plan(
            ImageFidelitySearch.parse("auto"), refuses, space, 1, 100, 28, 1, 6));
  }

  @Test
  void aFixedResolutionBelowFourPixelsASideIsRefusedNamingTheSmallestThatFits() {
    ImageFidelitySearch.Fitter never = (raw, f, s, sink) -> {
      throw new AssertionError("a fixed fidelity fits nothing while planning");
    };
    ImageSearchSpace space = ImageSearchSpace.of("default", SPECS);
    // 8x8 digits: 0.1 -> 1 px, 0.25 -> 2 px refused; 0.5 -> 4 px accepted (analytic, round(8 r))
    for (String bad : List.of("resolution:0.1", "resolution:0.25+epochs:0.5")) {
      InvalidParameterException e = assertThrows(InvalidParameterException.class,
          () -> ImageFidelitySearch.plan(
              ImageFidelitySearch.parse(bad), never, space, 2, 100, 8, 1, 8));
      assertTrue(e.getMessage().startsWith("--fidelity '" + bad + "'")
          && e.getMessage().contains("resolution:0.5 or more"), e.getMessage());
    }
    assertEquals("resolution:0.5", ImageFidelitySearch.plan(
        ImageFidelitySearch.parse("resolution:0.5"), never, space, 2, 100, 8, 1, 8)
        .chosen().toString());
    assertEquals("rounds:0.5", ImageFidelitySearch.plan(
        ImageFidelitySearch.parse("epochs:0.5"), never, space, 2, 100, 8, 1, 8)
        .chosen().toString());
    // 28x28 MNIST: 0.1 -> 3 px refused, smallest fitting two-decimal fraction 0.15 (4.2 -> 4 px)
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ImageFidelitySearch.plan(
            ImageFidelitySearch.parse("resolution:0.1"), never, space, 2, 100, 28, 1, 8));
    assertTrue(e.getMessage().contains("resolution:0.15 or more"), e.getMessage());
  }

  @Test
  void autoFreshIsAutoAndEpochErrorsSayEpochs() {
    assertTrue(ImageFidelitySearch.parse("auto-fresh").auto());
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> ImageFidelitySearch.parse("epochs:1.5"));
    assertTrue(e.getMessage().contains("epochs fraction was 1.5")
        && !e.getMessage().contains("rounds"), e.getMessage());
    e = assertThrows(InvalidParameterException.class, () -> ImageFidelitySearch.parse("sharp"));
    assertTrue(!e.getMessage().contains("rows:F") && e.getMessage().contains("resolution:F"),
        e.getMessage());
  }
}
