package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.FitRequest;
import dev.hone.core.model.Learner;
import dev.hone.core.model.Model;
import dev.hone.core.params.ParamSet;
import dev.hone.search.multiobjective.Evaluation;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.study.Direction;
import dev.hone.search.study.StopCondition;
import dev.hone.search.study.Study;
import dev.hone.search.study.StudyListener;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The family space, deployment limits as constraints and the family leaderboard, with fake
 * learners whose size and latency are known exactly (a fake meter), so every expected number is
 * stated here.
 */
class FamilySearchTest {
  private static final FeatureMatrix ROWS = new FeatureMatrix(new float[] {1, 2, 3, 4}, 2,
      List.of("a", "b"));

  @Test
  void aServiceLoaderLearnerJoinsAllFamiliesAutomatically() {
    FamilySpace all = FamilySpace.select("all", Learners.all());
    // mlp (hone-learner-djl) is a table family; cnn (images) is not
    assertEquals(List.of("dart", "fake-net", "gblinear", "gbtree", "mlp", "rf"), all.names());
    FamilySpace two = FamilySpace.select("rf, gbtree", Learners.all());
    assertEquals(List.of("gbtree", "rf"), two.names());
    // learner names are accepted too
    assertEquals(List.of("dart"), FamilySpace.select("xgboost-dart", Learners.all()).names());
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> FamilySpace.select("gbtree,lightgbm", Learners.all()));
    assertTrue(e.getMessage().contains("'lightgbm'") && e.getMessage().contains("gblinear"),
        e.getMessage());
    assertThrows(InvalidParameterException.class,
        () -> FamilySpace.select("rf,xgboost-rf", Learners.all()));
    // a learner without a tabular family is left out of "all" and cannot be named
    Learner imageOnly = new FakeFamilyLearner("image-net") {
      @Override
      public String family() {
        return null;
      }
    };
    List<Learner> withImage = new java.util.ArrayList<>(Learners.all());
    withImage.add(imageOnly);
    assertEquals(all.names(), FamilySpace.select("all", withImage).names());
    assertThrows(InvalidParameterException.class,
        () -> FamilySpace.select("image-net", withImage));
  }

  @Test
  void conditionalSpaceSuggestsOnlyTheChosenFamilysParameters() {
    FamilySpace space = FamilySpace.select("all", Learners.all());
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "f", Direction.MAXIMIZE, new RandomSampler(), 3);
    Map<String, Integer> seen = new HashMap<>();
    s.optimize(t -> {
      FamilySpace.Choice c = space.suggest(t);
      seen.merge(c.family(), 1, Integer::sum);
      ParamSet.resolve(c.learner().paramSpecs(), c.params()); // valid for its learner
      for (String name : t.params().keySet()) {
        assertTrue(name.equals(FamilySpace.FAMILY) || name.startsWith(c.family() + "."), name);
      }
      assertEquals(1 + c.learner().paramSpecs().stream().filter(p -> p.search() != null).count(),
          t.params().size());
      return 0;
    }, StopCondition.trials(40), StudyListener.NONE);
    assertEquals(6, seen.size(), seen.toString());
    for (TrialRecord t : s.trials()) {
      FamilySpace.Choice back = space.resolve(t.params());
      assertEquals(t.params().get(FamilySpace.FAMILY), back.family());
      assertEquals(t.params().size() - 1, back.params().size());
    }
  }

  /** Two fake families: "big" scores 0.9 but is slow and large, "small" scores 0.7. */
  private static FamilySearch fakeSearch(DeploymentMetrics.Limits limits) {
    Learner big = new FakeFamilyLearner("big");
    Learner small = new FakeFamilyLearner("small");
    FamilySpace space = FamilySpace.select("all", List.of(big, small));
    DeploymentMetrics.Meter meter = (model, rows) -> {
      FakeFamilyLearner.FakeModel m = (FakeFamilyLearner.FakeModel) model;
      boolean isBig = m.learner.equals("big");
      return new DeploymentMetrics(m.size, "parameters", DeploymentMetrics.savedBytes(model),
          isBig ? 5.0 : 0.5);
    };
    return new FamilySearch(space, limits, DeploymentMetrics.LatencyProbe.DEFAULTS, meter);
  }

  private static Study runFake(FamilySearch fs, int trials) {
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "fake", Direction.MAXIMIZE, new RandomSampler(), 11);
    s.optimize(t -> {
      FamilySpace.Choice c = fs.suggest(t);
      ParamSet p = ParamSet.resolve(c.learner().paramSpecs(), c.params());
      try (Model m = c.learner().fit(new FitRequest(ROWS, new double[] {0, 1}, null, null,
          dev.hone.core.data.TaskType.BINARY, 2, p, 1, 1, null))) {
        fs.afterFit(t, m, ROWS);
        // score: big 0.9, small 0.7, minus a little for size so trials differ
        return (c.family().equals("big") ? 0.9 : 0.7) - p.getInt("size") * 1e-5;
      }
    }, StopCondition.trials(trials), StudyListener.NONE);
    return s;
  }

  @Test
  void latencyLimitIsAConstraintAndTheSlowFamilyIsNeverBest() {
    FamilySearch fs = fakeSearch(new DeploymentMetrics.Limits(null, 1.0));
    Study s = runFake(fs, 30);
    long bigTrials = s.trials().stream()
        .filter(t -> "big".equals(t.params().get(FamilySpace.FAMILY))).count();
    assertTrue(bigTrials > 0 && bigTrials < 30);
    for (TrialRecord t : s.trials()) {
      boolean big = "big".equals(t.params().get(FamilySpace.FAMILY));
      // constraint = latency - 1 ms: 4.0 for big, -0.5 for small
      assertEquals(List.of(big ? 4.0 : -0.5), Evaluation.of(t).constraints());
      DeploymentMetrics m = Leaderboard.metrics(t).orElseThrow();
      // saved bytes equal the fake's declared size (two files in two folders)
      assertEquals(((Number) t.params().get(t.params().get(FamilySpace.FAMILY) + ".size"))
          .longValue(), m.modelBytes());
    }
    TrialRecord best = s.bestTrial().orElseThrow();
    assertEquals("small", best.params().get(FamilySpace.FAMILY));
    // best small trial = smallest size among small trials
    TrialRecord want = null;
    for (TrialRecord t : s.trials()) {
      if ("small".equals(t.params().get(FamilySpace.FAMILY))
          && (want == null || t.value() > want.value())) {
        want = t;
      }
    }
    assertEquals(want.number(), best.number());

    Leaderboard lb = Leaderboard.of(s.trials(), fs.space(), Direction.MAXIMIZE, "roc_auc",
        fs.limits(), "fake", best.number(), null);
    Leaderboard.FamilyRow bigRow = lb.families().stream()
        .filter(r -> r.family().equals("big")).findFirst().orElseThrow();
    assertEquals((int) bigTrials, bigRow.trials());
    assertEquals(0, bigRow.feasible());
    assertNull(bigRow.bestTrial());
    assertFalse(bigRow.chosen());
    Leaderboard.FamilyRow smallRow = lb.families().get(0);
    assertEquals("small", smallRow.family());
    assertTrue(smallRow.chosen());
    assertEquals(best.number(), smallRow.bestTrial());
    assertEquals(0.5, smallRow.latencyP95Ms());
    // every small trial has the same latency, so the front is the one best-scoring small trial
    // (smaller size also means higher score): exactly [best]
    assertEquals(1, lb.paretoFront().size());
    assertEquals(best.number(), lb.paretoFront().get(0).trial());
    assertTrue(lb.paretoFront().get(0).chosen());
  }

  @Test
  void withoutLimitsTheFrontTradesScoreAgainstLatency() {
    FamilySearch fs = fakeSearch(DeploymentMetrics.Limits.NONE);
    Study s = runFake(fs, 30);
    TrialRecord best = s.bestTrial().orElseThrow();
    assertEquals("big", best.params().get(FamilySpace.FAMILY));
    Leaderboard lb = Leaderboard.of(s.trials(), fs.space(), Direction.MAXIMIZE, "roc_auc",
        fs.limits(), "fake", best.number(), null);
    // front: the best big trial (highest score) and the best small trial (fastest); within a
    // family, smaller is both faster-equal and better, so one per family
    assertEquals(2, lb.paretoFront().size());
    assertEquals("big", lb.paretoFront().get(0).family());
    assertEquals("small", lb.paretoFront().get(1).family());
  }

  @Test
  void noFeasibleTrialNamesTheLimitsAndTheBestSeen() {
    FamilySearch fs = fakeSearch(new DeploymentMetrics.Limits(5L, null));
    Study s = runFake(fs, 6);
    assertTrue(s.bestTrial().isEmpty());
    RuntimeException e = fs.noFeasible(s.trials());
    assertTrue(e instanceof UserInputException, e.toString());
    assertTrue(e.getMessage().contains("model bytes <= 5"), e.getMessage());
    long min = s.trials().stream().filter(t -> t.state() == TrialState.COMPLETE)
        .mapToLong(t -> Leaderboard.metrics(t).orElseThrow().modelBytes()).min().orElseThrow();
    assertTrue(e.getMessage().contains("saved to " + min + " bytes"), e.getMessage());
    // relaxing the limits on the same study is refused (its fingerprint holds the limits)
    assertTrue(e.getMessage().contains("another --study name"), e.getMessage());
  }

  @Test
  void refitParamsFixRoundsOnlyForLearnersThatDeclareThem() {
    FamilySpace space = FamilySpace.select("gbtree,fake-net", Learners.all());
    FamilySearch fs = new FamilySearch(space, DeploymentMetrics.Limits.NONE,
        DeploymentMetrics.LatencyProbe.DEFAULTS, (m, r) -> null);
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "r", Direction.MAXIMIZE, new RandomSampler(), 1);
    Map<String, Object> gb = new HashMap<>();
    gb.put(FamilySpace.FAMILY, "gbtree");
    gb.put("gbtree.max_depth", 3L);
    s.enqueue(gb);
    Map<String, Object> fk = new HashMap<>();
    fk.put(FamilySpace.FAMILY, "fake-net");
    fk.put("fake-net.size", 10L);
    s.enqueue(fk);
    s.optimize(t -> {
      FamilySpace.Choice c = space.suggest(t);
      t.setUserAttribute("best_iteration", "41");
      return 0;
    }, StopCondition.trials(2), StudyListener.NONE);
    Map<String, Object> p0 = fs.refitParams(s.trial(0));
    assertEquals(42L, p0.get("n_estimators"));
    assertEquals(0L, p0.get("early_stopping_rounds"));
    assertEquals(3L, p0.get("max_depth"));
    Map<String, Object> p1 = fs.refitParams(s.trial(1));
    assertEquals(Map.of("size", 10L), p1);
  }

  @Test
  void refitParamsFixEpochsForNetworksThatStoppedEarly() {
    FamilySpace space = FamilySpace.select("gbtree,mlp", Learners.all());
    FamilySearch fs = new FamilySearch(space, DeploymentMetrics.Limits.NONE,
        DeploymentMetrics.LatencyProbe.DEFAULTS, (m, r) -> null);
    Study s = Study.createOrLoad(
        new InMemoryStudyStore(), "e", Direction.MAXIMIZE, new RandomSampler(), 1);
    Map<String, Object> net = new HashMap<>();
    net.put(FamilySpace.FAMILY, "mlp");
    s.enqueue(net);
    Map<String, Object> gb = new HashMap<>();
    gb.put(FamilySpace.FAMILY, "gbtree");
    s.enqueue(gb);
    s.optimize(t -> {
      space.suggest(t);
      t.setUserAttribute("best_epoch", "11"); // 0-based: the 12th epoch's weights were kept
      return 0;
    }, StopCondition.trials(2), StudyListener.NONE);
    Map<String, Object> p0 = fs.refitParams(s.trial(0));
    assertEquals(12L, p0.get("epochs"));
    assertEquals(0L, p0.get("patience"));
    Map<String, Object> p1 = fs.refitParams(s.trial(1));
    assertEquals(null, p1.get("epochs")); // trees have no epochs: untouched
  }
}
