package dev.hone.search.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.core.error.InvalidParameterException;
import dev.hone.core.error.UserInputException;
import dev.hone.search.sampler.RandomSampler;
import dev.hone.search.space.FloatDistribution;
import dev.hone.search.space.IntDistribution;
import dev.hone.search.space.SearchSpace;
import dev.hone.search.store.InMemoryStudyStore;
import dev.hone.search.store.TrialFinishedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StudyTest {

  static Study study(Direction d) {
    return Study.createOrLoad(new InMemoryStudyStore(), "s", d, new RandomSampler(), 1);
  }

  @Test
  void askNumbersDenselyAndTellCompletes() {
    Study s = study(Direction.MINIMIZE);
    Trial a = s.ask();
    Trial b = s.ask();
    assertEquals(0, a.number());
    assertEquals(1, b.number());
    assertEquals(TrialState.RUNNING, s.trials().get(0).state());
    double x = a.suggestFloat("x", 0, 1, false);
    s.tell(a, x);
    TrialRecord r = s.trials().get(0);
    assertEquals(TrialState.COMPLETE, r.state());
    assertEquals(x, r.value());
    assertEquals(Map.of("x", x), r.params());
    assertTrue(r.finishedAt() != null && !r.duration().isNegative());
    assertNull(s.trials().get(1).duration());
  }

  @Test
  void tellTwiceIsAnError() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    s.tell(t, 1.0);
    assertThrows(TrialFinishedException.class, () -> s.tell(t, 2.0));
    assertThrows(TrialFinishedException.class, () -> s.tell(t, TrialState.FAIL));
    assertThrows(TrialFinishedException.class, () -> t.suggestFloat("y", 0, 1, false));
    assertThrows(TrialFinishedException.class, () -> t.report(0, 1.0));
    assertThrows(TrialFinishedException.class, () -> t.setUserAttribute("k", "v"));
    assertEquals(1.0, s.trials().get(0).value());
  }

  @Test
  void tellStateRules() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    assertThrows(IllegalArgumentException.class, () -> s.tell(t, TrialState.RUNNING));
    assertThrows(IllegalArgumentException.class, () -> s.tell(t, TrialState.COMPLETE));
    s.tell(t, TrialState.FAIL);
    assertEquals(TrialState.FAIL, s.trials().get(0).state());
    assertNull(s.trials().get(0).value());
  }

  @Test
  void nanValueMeansFail() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    s.tell(t, Double.NaN);
    assertEquals(TrialState.FAIL, s.trials().get(0).state());
    assertNull(s.trials().get(0).value());
    Trial u = s.ask();
    s.tell(u, Double.POSITIVE_INFINITY);
    assertEquals(TrialState.COMPLETE, s.trials().get(1).state());
    assertEquals(Double.POSITIVE_INFINITY, s.trials().get(1).value());
  }

  @Test
  void prunedCarriesLastIntermediateValue() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    t.report(0, 0.9);
    t.report(5, 0.4);
    t.report(2, 0.7);
    t.report(5, 123.0); // duplicate step: ignored
    s.tell(t, TrialState.PRUNED);
    TrialRecord r = s.trials().get(0);
    assertEquals(TrialState.PRUNED, r.state());
    assertEquals(0.4, r.value());
    assertEquals(List.of(0, 2, 5), List.copyOf(r.intermediateValues().keySet()));
    Trial u = s.ask();
    s.tell(u, TrialState.PRUNED);
    assertNull(s.trials().get(1).value());
  }

  @Test
  void bestTrialIsDirectionAwareAndIgnoresNonComplete() {
    for (Direction d : Direction.values()) {
      Study s = study(d);
      assertTrue(s.bestTrial().isEmpty());
      double[] values = {3, 1, 5, 1};
      for (double v : values) {
        s.tell(s.ask(), v);
      }
      Trial p = s.ask();
      p.report(0, d == Direction.MINIMIZE ? -100 : 100);
      s.tell(p, TrialState.PRUNED);
      TrialRecord best = s.bestTrial().orElseThrow();
      assertEquals(d == Direction.MINIMIZE ? 1 : 2, best.number(), d.toString());
    }
  }

  @Test
  void loadWithOtherDirectionNamesBoth() {
    InMemoryStudyStore store = new InMemoryStudyStore();
    Study.createOrLoad(store, "s", Direction.MINIMIZE, new RandomSampler(), 1);
    UserInputException e = assertThrows(UserInputException.class,
        () -> Study.createOrLoad(store, "s", Direction.MAXIMIZE, new RandomSampler(), 1));
    assertTrue(e.getMessage().contains("MINIMIZE") && e.getMessage().contains("MAXIMIZE"),
        e.getMessage());
  }

  @Test
  void loadKeepsStoredSeed() {
    InMemoryStudyStore store = new InMemoryStudyStore();
    Study.createOrLoad(store, "s", Direction.MINIMIZE, new RandomSampler(), 1);
    assertEquals(1, Study.createOrLoad(store, "s", Direction.MINIMIZE, new RandomSampler(), 2)
        .seed());
  }

  @Test
  void suggestSameNameTwice() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    double x = t.suggestFloat("x", 0, 1, false);
    assertEquals(x, t.suggestFloat("x", 0, 1, false));
    assertThrows(InvalidParameterException.class, () -> t.suggestFloat("x", 0, 2, false));
    s.tell(t, x);
    // later trials may change a numeric range but not the kind
    Trial u = s.ask();
    assertTrue(u.suggestFloat("x", 0, 5, false) <= 5);
    assertThrows(InvalidParameterException.class, () -> u.suggestCategorical("x", List.of("a")));
    assertThrows(InvalidParameterException.class, () -> u.suggestInt("x", 0, 5, false));
  }

  @Test
  void singleValueDistributionNeedsNoSampler() {
    Study s = study(Direction.MINIMIZE);
    Trial t = s.ask();
    assertEquals(3L, t.suggestInt("k", 3, 3, false));
    assertEquals(0.5, t.suggestFloat("f", 0.5, 0.5, false));
    assertEquals("only", t.suggestCategorical("c", List.of("only")));
  }

  @Test
  void suggestAllFollowsTheSpaceOrderWithBoxedTypes() {
    Study s = study(Direction.MINIMIZE);
    SearchSpace space = SearchSpace.builder()
        .add("n", IntDistribution.of(1, 5))
        .add("lr", FloatDistribution.logOf(1e-3, 1))
        .add("b", dev.hone.search.space.CategoricalDistribution.of("p", "q"))
        .build();
    Trial t = s.ask();
    Map<String, Object> p = t.suggestAll(space);
    assertEquals(List.of("n", "lr", "b"), List.copyOf(p.keySet()));
    assertSame(Long.class, p.get("n").getClass());
    assertSame(Double.class, p.get("lr").getClass());
    assertSame(String.class, p.get("b").getClass());
    assertEquals(p, t.params());
  }

  @Test
  void userAttributes() {
    Study s = study(Direction.MINIMIZE);
    s.setUserAttribute("learner", "xgboost");
    assertEquals(Map.of("learner", "xgboost"), s.userAttributes());
    Trial t = s.ask();
    t.setUserAttribute("fold", "3");
    s.tell(t, 0.0);
    assertEquals(Map.of("fold", "3"), s.trials().get(0).userAttributes());
  }

  @Test
  void trialOfAnotherStudyIsRejected() {
    Study a = study(Direction.MINIMIZE);
    Study b = study(Direction.MINIMIZE);
    Trial t = a.ask();
    assertThrows(IllegalArgumentException.class, () -> b.tell(t, 1.0));
  }

  @Test
  void askClaimsEnqueuedConfigsFirstAndUsesTheirValuesAtTheBounds() {
    Study s = study(Direction.MINIMIZE);
    int q = s.enqueue(Map.of("lr", 1e-3, "depth", 12, "kind", "b"));
    int r = s.enqueue(Map.of("lr", 1, "depth", 1.0)); // Integer for a float, Double for an int
    assertEquals(0, q);
    assertEquals(1, r);
    assertEquals(TrialState.WAITING, s.trial(1).state());
    Trial a = s.ask();
    assertEquals(0, a.number());
    assertEquals(1e-3, a.suggestFloat("lr", 1e-3, 1, true));
    assertEquals(12L, a.suggestInt("depth", 1, 12, false));
    assertEquals("b", a.suggestCategorical("kind", List.of("a", "b")));
    double y = a.suggestFloat("y", 0, 1, false); // not enqueued: sampled
    assertTrue(y >= 0 && y <= 1);
    s.tell(a, 1.0);
    Trial b = s.ask();
    assertEquals(1, b.number());
    assertEquals(1.0, b.suggestFloat("lr", 1e-3, 1, true));
    assertEquals(1L, b.suggestInt("depth", 1, 12, false));
    Trial c = s.ask();
    assertEquals(2, c.number());
    assertTrue(c.fixedParams().isEmpty());
    assertEquals(Map.of("lr", 1e-3, "depth", 12L, "kind", "b"), s.trial(0).fixedParams());
  }

  @Test
  void enqueuedValueOutsideItsDistributionIsRefusedAtSuggest() {
    Study s = study(Direction.MINIMIZE);
    s.enqueue(Map.of("lr", 2.0, "n", 2.5));
    Trial t = s.ask();
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> t.suggestFloat("lr", 1e-3, 1, true));
    assertTrue(e.getMessage().contains("enqueued value 2.0 of 'lr'"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> t.suggestInt("n", 1, 5, false));
    assertTrue(t.params().isEmpty());
  }

  @Test
  void tryAskStopsAtTheLimitAndFailRecordsTheReason() {
    Study s = study(Direction.MINIMIZE);
    AskOptions two = new AskOptions(true, 2, null, null);
    Trial a = s.tryAsk(two).orElseThrow();
    Trial b = s.tryAsk(two).orElseThrow();
    assertTrue(s.tryAsk(two).isEmpty());
    assertTrue(a.heartbeat());
    assertTrue(a.timeLeft().isEmpty());
    TrialRecord failed = s.fail(b, "boom");
    assertEquals("boom", failed.userAttributes().get(TrialRecord.FAIL_REASON));
    assertEquals(failed, s.fail(b, "again")); // already finished: unchanged
    assertTrue(!b.heartbeat() && b.isCancelled());
    assertThrows(TrialCancelledException.class, b::checkCancelled);
    assertTrue(s.tryAsk(two).isPresent()); // FAIL freed a slot
    assertEquals(Map.of(TrialState.WAITING, 0, TrialState.RUNNING, 2, TrialState.COMPLETE, 0,
        TrialState.PRUNED, 0, TrialState.FAIL, 1), s.countTrials());
  }

  @Test
  void failStaleTrialsNeedsAPositiveGrace() {
    Study s = study(Direction.MINIMIZE);
    assertThrows(InvalidParameterException.class,
        () -> s.failStaleTrials(java.time.Duration.ZERO, false));
    s.tryAsk(new AskOptions(true, 10, null, null)).orElseThrow();
    assertTrue(s.failStaleTrials(java.time.Duration.ofMinutes(1), true).isEmpty());
  }
}
