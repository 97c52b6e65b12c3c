package dev.hone.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RunBudget's arithmetic on a hand-driven clock; expected values are worked out by hand. */
class RunBudgetTest {
  static final long S = 1_000_000_000L;

  @Test
  void withoutABudgetEverythingIsAllowed() {
    RunBudget b = new RunBudget(null, 0, () -> 0);
    b.bestTrial(0);
    b.recordFit(0, 1000 * S);
    assertFalse(b.limited());
    assertFalse(b.searchOver());
    List<String> w = new ArrayList<>();
    assertTrue(b.allow("explanations", "x was skipped", w));
    assertTrue(w.isEmpty());
  }

  @Test
  void theSearchEndsWhenTheTimeLeftFallsToTheReserve() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, now::get);
    // 1000 test rows x 10 columns = 10 thousand cells; 750 train + 250 validation rows
    b.sizes(750, 250, 1000, 10);
    // analyses: 10 * (0.001 + 0.012 + 0.0075 + 0.003 + 0.026 + 0.015) + 6 * 0.2 = 1.845 s
    b.recordFit(0, 3 * S);
    b.recordFit(1, 6 * S);
    assertFalse(b.searchOver(), "no trial completed yet: the search goes on");
    b.bestTrial(0);
    // refit of trial 0: 3 s * 1000/750 = 4 s; reserve = 1.5 * (4 + 1.845) + 1 = 9.7675 s
    assertEquals(4.0, b.refitEstimate(), 1e-12);
    assertEquals(9.7675, b.reserveSeconds(), 1e-9);
    now.set(50 * S); // 10 s left
    assertFalse(b.searchOver());
    now.set(51 * S); // 9 s left
    assertTrue(b.searchOver());
    b.bestTrial(1); // a slower best trial moves the deadline earlier: reserve 15.7675 s
    now.set(45 * S); // 15 s left
    assertTrue(b.searchOver());
    now.set(44 * S); // 16 s left
    assertFalse(b.searchOver());
  }

  @Test
  void anAnalysisThatDoesNotFitIsSkippedWithAWarningAndSlowdownsCarryOver() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(Duration.ofSeconds(10), 0, now::get);
    b.sizes(100, 100, 10_000, 10); // 100 thousand test cells
    // explanations: 0.026 * 100 + 0.2 = 2.8 s; needs 1.5 * 2.8 + 1 = 5.2 s
    assertEquals(2.8, b.estimate("explanations"), 1e-12);
    List<String> w = new ArrayList<>();
    now.set(4 * S); // 6 s left
    assertTrue(b.allow("explanations", "the explanations were skipped", w));
    now.set(5 * S); // 5 s left
    assertFalse(b.allow("explanations", "the explanations were skipped", w));
    assertEquals(1, w.size());
    assertTrue(w.get(0).startsWith("the explanations were skipped to end within --time-budget:"
        + " it needs about 5.2 s and 5.0 s were left"), w.get(0));
    // slices (0.012 * 100 + 0.2 = 1.4 s) took 2.8 s: later estimates double
    b.took("slices", 2.8);
    assertEquals(5.6, b.estimate("explanations"), 1e-12);
    // a quicker step never lowers the factor
    b.took("fairness", 0.01);
    assertEquals(5.6, b.estimate("explanations"), 1e-12);
  }

  @Test
  void theLeakageCheckCalibratesTheSlowdownWithinOneToEight() {
    RunBudget b = new RunBudget(Duration.ofSeconds(10), 0, () -> 0);
    b.sizes(100, 100, 1000, 10);
    double quiet = b.estimate("slices");
    // expected leakage time for 1,000,000 cells: 0.0009 * 1000 + 0.05 = 0.95 s
    b.calibrate(1_000_000, 1.9);
    assertEquals(2 * quiet, b.estimate("slices"), 1e-12);
    b.calibrate(1_000_000, 100);
    assertEquals(8 * quiet, b.estimate("slices"), 1e-12);
    b.calibrate(1_000_000, 0.1);
    assertEquals(quiet, b.estimate("slices"), 1e-12);
  }

  @Test
  void theRefitEstimateScalesTheTrialFitTimeByTheRowRatio() {
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, () -> 0);
    b.sizes(750, 250, 1000, 10);
    b.recordFit(0, 3 * S);
    assertEquals(4.0, b.refitEstimate(0, Double.NaN, false), 1e-12); // 3 s * 1000 / 750
    assertEquals(3.0, b.refitEstimate(0, 99, true), 1e-12); // recorded time wins; train only
    assertEquals(8.0, b.refitEstimate(5, 6.0, false), 1e-12); // a stored trial: its duration
    assertEquals(0.0, b.refitEstimate(5, Double.NaN, false), 1e-12);
  }

  @Test
  void theRefitRunsOnlyWhenItsEstimateFitsAndStopsEarlyEnoughForTheFallback() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, now::get);
    b.sizes(750, 250, 1000, 10);
    // test evaluation: 0.001 * 10 + 0.2 = 0.21 s; mandatory = 1.5 * 0.21 + 1 = 1.315 s
    assertEquals(1.315, b.mandatorySeconds(), 1e-12);
    now.set(50 * S); // 10 s left; a 4 s refit needs 1.5 * 4 + 1.315 = 7.315 s
    RunBudget.RefitPlan kept = b.planRefit(4, 0);
    assertTrue(kept.refit());
    assertEquals(10.0, kept.leftSeconds(), 1e-9);
    assertEquals(58_685_000_000L, kept.stopAtNanos()); // 60 - 1.315 s
    now.set(58_684_999_999L);
    assertFalse(b.reached(kept.stopAtNanos()));
    now.set(58_685_000_000L);
    assertTrue(b.reached(kept.stopAtNanos()));
    now.set(50 * S);
    // a trial model to fit again (3 s) moves the stop 1.5 * 3 s earlier
    assertEquals(54_185_000_000L, b.planRefit(4, 3).stopAtNanos());
    now.set(53 * S); // 7 s left < 7.315 s
    RunBudget.RefitPlan skipped = b.planRefit(4, 0);
    assertFalse(skipped.refit());
    assertEquals(7.0, skipped.leftSeconds(), 1e-9);
    now.set(52_684_000_000L); // 7.316 s left: enough
    assertTrue(b.planRefit(4, 0).refit());
    now.set(52_686_000_000L); // 7.314 s left: not enough
    assertFalse(b.planRefit(4, 0).refit());
  }

  @Test
  void withoutABudgetTheRefitAlwaysRunsToTheEnd() {
    RunBudget b = new RunBudget(null, 0, () -> 1000 * S);
    RunBudget.RefitPlan p = b.planRefit(1e6, 1e6);
    assertTrue(p.refit());
    assertFalse(b.reached(p.stopAtNanos()));
    assertTrue(b.allowSeconds(1e9, "x", new ArrayList<>()));
  }

  @Test
  void aFitBeforeAnyTrialCompletedStopsWhenOnlyTheMandatoryWorkStillFits() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, now::get);
    b.sizes(750, 250, 1000, 10);
    // stop when left <= 1.315 + 1.5 * 0.21 = 1.63 s
    List<Integer> passed = new ArrayList<>();
    int[] stops = {0};
    dev.hone.core.model.ReportSink guard =
        b.firstFitGuard((step, v) -> passed.add(step), () -> stops[0]++);
    now.set(58_360_000_000L); // 1.64 s left
    assertFalse(b.firstFitMustStop());
    assertTrue(guard.report(0, 0.5));
    now.set(58_400_000_000L); // 1.6 s left
    assertTrue(b.firstFitMustStop());
    assertFalse(guard.report(1, 0.5));
    assertEquals(List.of(0), passed);
    assertEquals(1, stops[0]);
    b.bestTrial(0); // once a trial completed, the search's cancellation takes over
    assertFalse(b.firstFitMustStop());
    assertTrue(guard.report(2, 0.5));
    RunBudget none = new RunBudget(null, 0, () -> 1000 * S);
    assertFalse(none.firstFitMustStop());
  }

  @Test
  void onASlowMachineTheWritingSliceGrowsWithTheSlowdown() {
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, () -> 0);
    b.sizes(750, 250, 1000, 10);
    assertEquals(1.0, b.tailSeconds(), 1e-12);
    // leakage check on 1,000,000 cells expected in 0.95 s took 2.85 s: slowdown 3
    b.calibrate(1_000_000, 2.85);
    assertEquals(3.0, b.tailSeconds(), 1e-9);
    // mandatory = 1.5 * 3 * 0.21 + 3 = 3.945 s
    assertEquals(3.945, b.mandatorySeconds(), 1e-9);
  }

  @Test
  void theAnalysesReserveIsCappedAtHalfTheBudget() {
    AtomicLong now = new AtomicLong(0);
    RunBudget b = new RunBudget(Duration.ofSeconds(60), 0, now::get);
    // 100,000 test rows x 10 columns = 1,000 thousand cells: analyses
    // 1000 * 0.0645 + 6 * 0.2 = 65.7 s, 1.5 * 65.7 = 98.55 s > the cap of 30 s
    b.sizes(750, 250, 100_000, 10);
    b.recordFit(0, 3 * S);
    b.bestTrial(0);
    // reserve = 1.5 * 4 + 30 + 1 = 37 s
    assertEquals(37.0, b.reserveSeconds(), 1e-9);
    now.set(22 * S); // 38 s left
    assertFalse(b.searchOver());
    now.set(24 * S); // 36 s left
    assertTrue(b.searchOver());
  }
}
