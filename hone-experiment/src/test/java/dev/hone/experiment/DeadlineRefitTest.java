package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hone.core.model.FeatureMatrix;
import dev.hone.core.model.Model;
import dev.hone.core.model.Predictions;
import dev.hone.search.study.Direction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The refit step's decisions on a hand-driven clock: a refit whose estimate fits runs to the end;
 * one that does not is skipped and the kept trial model is delivered; one that reaches its stop
 * time is stopped, discarded and replaced by the trial model; without a kept model the trial model
 * is fitted again. Figures are worked out by hand from {@link RunBudget}'s constants. The last
 * test runs a real XGBoost refit without validation data, which must report every round to the
 * deadline's sink and stop there.
 */
class DeadlineRefitTest {
  static final long S = 1_000_000_000L;

  /** A model that records whether it was closed. */
  static final class FakeModel implements Model {
    final String name;
    boolean closed;

    FakeModel(String name) {
      this.name = name;
    }

    @Override
    public String learnerName() {
      return name;
    }

    @Override
    public Predictions predict(FeatureMatrix x) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void save(Path dir) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Object> fitInfo() {
      return Map.of("rounds_trained", 3);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** A fit of {@code rounds} rounds, each advancing the clock by {@code perRound} nanoseconds. */
  static DeadlineRefit.Fit rounds(AtomicLong now, int rounds, long perRound, FakeModel out,
      AtomicInteger done) {
    return sink -> {
      for (int r = 0; r < rounds; r++) {
        now.addAndGet(perRound);
        done.set(r + 1);
        if (!sink.report(r, Double.NaN)) {
          break;
        }
      }
      return out;
    };
  }

  static DeadlineRefit.Fit never() {
    return sink -> fail("this fit must not run");
  }

  /** 60 s budget; mandatory work after the refit: 1.315 s (see RunBudgetTest). */
  static RunBudget budget(AtomicLong now) {
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, now::get);
    b.sizes(750, 250, 1000, 10);
    return b;
  }

  @Test
  void aRefitThatFitsRunsToTheEndAndTheKeptTrialModelIsClosed() {
    AtomicLong now = new AtomicLong(40 * S); // 20 s left; a 4 s refit needs 7.315 s
    RunBudget b = budget(now);
    FakeModel trialModel = new FakeModel("trial");
    TrialModelKeeper keeper = new TrialModelKeeper(Direction.MAXIMIZE);
    assertTrue(keeper.offer(7, 0.9, trialModel));
    FakeModel refit = new FakeModel("refit");
    AtomicInteger done = new AtomicInteger();
    List<String> warnings = new ArrayList<>();
    DeadlineRefit.Result r = DeadlineRefit.run(b, 7, 4.0, "train + validation", keeper, 3.0,
        rounds(now, 100, 40_000_000L, refit, done), never(), warnings); // 4 s in 100 rounds
    assertSame(refit, r.model());
    assertTrue(r.refitted());
    assertEquals(100, done.get());
    assertFalse(refit.closed);
    assertTrue(trialModel.closed, "the kept trial model is freed once the refit succeeded");
    assertEquals(DeadlineRefit.DONE, r.summary().status());
    assertEquals("train + validation", r.summary().fittedOn());
    assertEquals(4.0, r.summary().seconds(), 1e-9);
    assertEquals(20.0, r.summary().leftSeconds(), 1e-9);
    assertTrue(warnings.isEmpty(), warnings.toString());
  }

  @Test
  void aRefitThatDoesNotFitIsSkippedAndTheKeptTrialModelIsDelivered() {
    AtomicLong now = new AtomicLong(53 * S); // 7 s left < 7.315 s
    RunBudget b = budget(now);
    FakeModel trialModel = new FakeModel("trial");
    TrialModelKeeper keeper = new TrialModelKeeper(Direction.MINIMIZE);
    keeper.offer(2, 0.5, new FakeModel("worse")); // replaced (and closed) by the better one
    keeper.offer(7, 0.3, trialModel);
    List<String> warnings = new ArrayList<>();
    DeadlineRefit.Result r = DeadlineRefit.run(b, 7, 4.0, "train + validation", keeper, 3.0,
        never(), never(), warnings);
    assertSame(trialModel, r.model());
    assertFalse(r.refitted());
    assertFalse(trialModel.closed, "the delivered model belongs to the caller");
    assertEquals(DeadlineRefit.SKIPPED, r.summary().status());
    assertEquals("skipped: budget", r.summary().status());
    assertEquals("train", r.summary().fittedOn());
    assertEquals("trial model (kept)", r.summary().model());
    assertEquals(0.0, r.summary().seconds(), 1e-12);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).startsWith("the refit of trial 7 on train + validation was skipped"
        + " to end within --time-budget: it needs about 7.3 s and 7.0 s were left"), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("(refit skipped: budget)"), warnings.get(0));
    Map<String, Object> info = DeadlineRefit.fitInfo(trialModel.fitInfo(), r.summary());
    assertEquals("skipped: budget", info.get("refit"));
    assertEquals("train", info.get("fitted_on"));
    assertEquals(3, info.get("rounds_trained"));
  }

  @Test
  void aRefitThatReachesItsStopTimeIsDiscardedForTheKeptTrialModel() {
    AtomicLong now = new AtomicLong(50 * S); // 10 s left: a 4 s refit is started
    RunBudget b = budget(now);
    FakeModel trialModel = new FakeModel("trial");
    TrialModelKeeper keeper = new TrialModelKeeper(Direction.MAXIMIZE);
    keeper.offer(7, 0.9, trialModel);
    FakeModel truncated = new FakeModel("refit");
    AtomicInteger done = new AtomicInteger();
    List<String> warnings = new ArrayList<>();
    // the machine is loaded: each of 100 rounds takes 0.2 s instead of 0.04 s; the stop time is
    // 60 - 1.315 = 58.685 s, reached after ceil(8.685 / 0.2) = 44 rounds (at 58.8 s)
    DeadlineRefit.Result r = DeadlineRefit.run(b, 7, 4.0, "train + validation", keeper, 3.0,
        rounds(now, 100, 200_000_000L, truncated, done), never(), warnings);
    assertEquals(44, done.get());
    assertTrue(truncated.closed, "the truncated refit is discarded");
    assertSame(trialModel, r.model());
    assertFalse(r.refitted());
    assertEquals(DeadlineRefit.CANCELLED, r.summary().status());
    assertEquals(8.8, r.summary().seconds(), 1e-9);
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("was stopped at its --time-budget deadline after 8.8 s"
        + " (estimated 4.0 s)"), warnings.get(0));
    assertTrue(warnings.get(0).endsWith("(refit cancelled: budget)"), warnings.get(0));
  }

  @Test
  void withoutAKeptModelTheTrialModelIsFittedAgainAndTheStopLeavesTimeForIt() {
    AtomicLong now = new AtomicLong(50 * S);
    RunBudget b = budget(now);
    TrialModelKeeper keeper = new TrialModelKeeper(Direction.MAXIMIZE);
    FakeModel other = new FakeModel("other trial");
    keeper.offer(3, 0.95, other); // the workflow selected trial 7 (e.g. by fairness)
    FakeModel truncated = new FakeModel("refit");
    FakeModel again = new FakeModel("trial, fitted again");
    AtomicInteger done = new AtomicInteger();
    AtomicInteger againRounds = new AtomicInteger();
    List<String> warnings = new ArrayList<>();
    // stop at 60 - 1.315 - 1.5 * 3 = 54.185 s: after ceil(4.185 / 0.2) = 21 rounds (54.2 s);
    // then the 3 s fit of the trial model (30 rounds of 0.1 s) ends at 57.2 s, within 60 s
    DeadlineRefit.Result r = DeadlineRefit.run(b, 7, 4.0, "train + validation", keeper, 3.0,
        rounds(now, 100, 200_000_000L, truncated, done),
        rounds(now, 30, 100_000_000L, again, againRounds), warnings);
    assertEquals(21, done.get());
    assertTrue(truncated.closed);
    assertEquals(30, againRounds.get(), "fitting the trial model again is never cut");
    assertSame(again, r.model());
    assertEquals("trial model (fitted again)", r.summary().model());
    assertEquals(57_200_000_000L, now.get());
    assertTrue(other.closed, "the keeper is emptied");
    assertNull(keeper.take(3));
  }

  @Test
  void withoutABudgetTheRefitAlwaysRunsAndIsNeverStopped() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(null, 0, now::get);
    FakeModel refit = new FakeModel("refit");
    AtomicInteger done = new AtomicInteger();
    List<String> warnings = new ArrayList<>();
    DeadlineRefit.Result r = DeadlineRefit.run(b, 0, 1e6, "train + validation", null, 1e6,
        rounds(now, 50, 1000 * S, refit, done), never(), warnings);
    assertEquals(50, done.get());
    assertSame(refit, r.model());
    assertEquals(DeadlineRefit.DONE, r.summary().status());
    assertTrue(warnings.isEmpty());
  }

  @Test
  void theKeeperHoldsOnlyTheBestScoreAndClosesWhatItReplaces() {
    TrialModelKeeper k = new TrialModelKeeper(Direction.MAXIMIZE);
    FakeModel a = new FakeModel("a");
    FakeModel b = new FakeModel("b");
    FakeModel c = new FakeModel("c");
    assertTrue(k.offer(0, 0.5, a));
    assertFalse(k.offer(1, 0.5, b), "a tie keeps the earlier trial");
    assertFalse(k.offer(2, Double.NaN, b));
    assertTrue(k.offer(3, 0.6, c));
    assertTrue(a.closed);
    assertFalse(c.closed);
    assertNull(k.take(0));
    assertTrue(k.holds(3));
    assertSame(c, k.take(3));
    assertFalse(k.holds(3));
    k.close();
    assertFalse(c.closed, "a model handed over is not closed by the keeper");
    assertFalse(k.offer(4, 0.9, b), "a closed keeper refuses offers");
  }

  /** {@code n} rows of 3 features; label 1 when {@code x0 + x1 > 0} (seeded). */
  static FeatureMatrix rows(int n, long seed, double[] labels) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    float[] d = new float[n * 3];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 3; j++) {
        d[i * 3 + j] = (float) r.nextGaussian();
      }
      labels[i] = d[i * 3] + d[i * 3 + 1] > 0 ? 1 : 0;
    }
    return new FeatureMatrix(d, n, List.of("x0", "x1", "x2"));
  }

  @Test
  void aRealXGBoostRefitIsStoppedAtItsDeadlineAndTheKeptTrialModelIsDelivered() {
    double[] y = new double[300];
    double[] yv = new double[100];
    FeatureMatrix x = rows(300, 1, y);
    FeatureMatrix xv = rows(100, 2, yv);
    dev.hone.core.model.Learner xgb = Learners.byName("xgboost");
    dev.hone.core.params.ParamSet p = dev.hone.core.params.ParamSet.resolve(
        xgb.paramSpecs(), Map.of("n_estimators", 200, "early_stopping_rounds", 0));
    Model trialModel = xgb.fit(new dev.hone.core.model.FitRequest(
        x, y, xv, yv, dev.hone.core.data.TaskType.BINARY, 2, p, 1, 1, null));
    TrialModelKeeper keeper = new TrialModelKeeper(Direction.MAXIMIZE);
    assertTrue(keeper.offer(0, 0.9, trialModel));
    // every clock reading advances it by 0.1 s: from 50 s, the refit (estimated at 1 s) is
    // started, and its stop time 60 - 1.315 = 58.685 s comes after about 86 readings, one per
    // boosting round, long before the 200 rounds are trained
    AtomicLong now = new AtomicLong(50 * S);
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, () -> now.addAndGet(100_000_000L));
    b.sizes(750, 250, 1000, 10);
    java.util.concurrent.atomic.AtomicReference<Object> rounds =
        new java.util.concurrent.atomic.AtomicReference<>();
    List<String> warnings = new ArrayList<>();
    DeadlineRefit.Result r = DeadlineRefit.run(b, 0, 1.0, "train + validation", keeper, 1.0,
        sink -> {
          Model m = xgb.fit(new dev.hone.core.model.FitRequest(
              x, y, null, null, dev.hone.core.data.TaskType.BINARY, 2, p, 2, 1, sink));
          rounds.set(m.fitInfo().get("rounds_trained"));
          return m;
        },
        never(), warnings);
    int trained = ((Number) rounds.get()).intValue();
    assertTrue(trained > 50 && trained < 120, "the refit trained " + trained + " rounds");
    assertSame(trialModel, r.model());
    assertEquals(DeadlineRefit.CANCELLED, r.summary().status());
    assertEquals(200, ((Number) r.model().fitInfo().get("rounds_trained")).intValue());
    assertEquals(1, warnings.size());
    r.model().close();
  }
}
