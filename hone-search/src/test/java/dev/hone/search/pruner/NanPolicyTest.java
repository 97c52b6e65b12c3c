package dev.hone.search.pruner;

import static dev.hone.search.pruner.PrunerTestSupport.at;
import static dev.hone.search.pruner.PrunerTestSupport.trial;
import static dev.hone.search.pruner.PrunerTestSupport.view;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hone.search.study.Direction;
import dev.hone.search.study.TrialRecord;
import dev.hone.search.study.TrialState;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The NaN / failed-trial policy documented on {@link Pruner}. */
class NanPolicyTest {

  static List<Pruner> pruners() {
    return List.of(
        new MedianPruner(0, 0, 1, 1),
        new PercentilePruner(30, 1, 0, 1, 2),
        new SuccessiveHalvingPruner(1, 3, 0, 0),
        new AshaPruner(1, 27, 3, 0),
        new HyperbandPruner(1, 27, 3));
  }

  @Test
  void aNanReportRanksWorstAndIsStopped() {
    List<TrialRecord> peers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      peers.add(trial(i, TrialState.COMPLETE, new int[] {0, 1, 3}, new double[] {5, 4, 3}));
    }
    int hyperbandStops = 0;
    int hyperbandBracketZero = 0;
    for (Pruner p : pruners()) {
      for (Direction d : Direction.values()) {
        // several trial numbers, so that Hyperband sees both a bracket that judges and bracket 0
        for (int number = 20; number < 32; number++) {
          // step 3 is a milestone of every rung-based pruner; the NaN trial reached it
          TrialRecord nan = trial(number, TrialState.RUNNING, new int[] {0, 1, 3},
              new double[] {Double.NaN, Double.NaN, Double.NaN});
          PruneDecision got = p.decide(view(d, 1, peers), nan, false);
          if (p instanceof HyperbandPruner hb && hb.schedule().bracketFor(1, number).s() == 0) {
            assertEquals(PruneDecision.CONTINUE, got, p + " bracket 0 never stops");
            hyperbandBracketZero++;
          } else {
            assertEquals(PruneDecision.STOP, got, p + " " + d + " trial " + number);
            if (p instanceof HyperbandPruner) {
              hyperbandStops++;
            }
          }
        }
      }
    }
    assertTrue(hyperbandStops > 0 && hyperbandBracketZero > 0,
        "Hyperband judged NaN in a stopping bracket " + hyperbandStops + " times, in bracket 0 "
            + hyperbandBracketZero + " times");
  }

  @Test
  void nanAndFailedTrialsAreLeftOutOfEveryCutoff() {
    // seeded random rungs: adding NaN / infinite peers and FAIL trials never changes a decision
    SplittableRandom rng = new SplittableRandom(77);
    int stops = 0;
    int continues = 0;
    for (int it = 0; it < 400; it++) {
      Direction d = rng.nextBoolean() ? Direction.MINIMIZE : Direction.MAXIMIZE;
      int n = 1 + rng.nextInt(12);
      List<TrialRecord> clean = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clean.add(trial(i, TrialState.COMPLETE, new int[] {0, 1, 3, 9},
            new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble(),
                rng.nextDouble()}));
      }
      List<TrialRecord> dirty = new ArrayList<>(clean);
      int next = n;
      for (int k = 0; k < 1 + rng.nextInt(4); k++) {
        dirty.add(trial(next++, TrialState.PRUNED, new int[] {0, 1, 3},
            new double[] {Double.NaN, Double.NaN, Double.NaN}));
        dirty.add(trial(next++, TrialState.FAIL, new int[] {0, 1, 3, 9},
            new double[] {-1e9, -1e9, -1e9, -1e9}));
        dirty.add(trial(next++, TrialState.RUNNING, new int[] {0, 1, 3, 9},
            new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
                Double.POSITIVE_INFINITY}));
      }
      int step = new int[] {1, 3, 9}[rng.nextInt(3)];
      TrialRecord me = trial(1000, TrialState.RUNNING, new int[] {0, step},
          new double[] {rng.nextDouble(), rng.nextDouble()});
      // the statistic pruners take their peers from COMPLETE trials, so their dirty peers are
      // COMPLETE trials whose intermediate values are NaN or infinite (plus the FAIL trials)
      List<TrialRecord> dirtyComplete = new ArrayList<>(clean);
      for (TrialRecord t : dirty.subList(n, dirty.size())) {
        dirtyComplete.add(t.state() == TrialState.FAIL ? t
            : trial(t.number(), TrialState.COMPLETE, new int[] {0, 1, 3, 9},
                new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NaN,
                    Double.NEGATIVE_INFINITY}));
      }
      for (Pruner p : pruners()) {
        boolean statistic = p instanceof MedianPruner || p instanceof PercentilePruner;
        PruneDecision a = p.decide(view(d, 3, clean), me, false);
        PruneDecision b = p.decide(view(d, 3, statistic ? dirtyComplete : dirty), me, false);
        assertEquals(a, b, p + " it " + it);
        if (a == PruneDecision.STOP) {
          stops++;
        } else {
          continues++;
        }
      }
    }
    // the loop must exercise both outcomes to prove anything
    assertEquals(true, stops > 100 && continues > 100, stops + " stops, " + continues);
  }

  @Test
  void nanPeersNeitherCountAsPeersNorMoveTheMedian() {
    MedianPruner p = new MedianPruner(0, 0, 1, 2);
    // two COMPLETE trials, one with NaN at step 2: only one finite peer < nMinTrials = 2
    List<TrialRecord> peers = List.of(
        trial(0, TrialState.COMPLETE, new int[] {0, 2}, new double[] {1, 1}),
        trial(1, TrialState.COMPLETE, new int[] {0, 2}, new double[] {1, Double.NaN}));
    TrialRecord me = trial(5, TrialState.RUNNING, new int[] {0, 2}, new double[] {9, 9});
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, peers), me, false));
    // a third, finite peer makes two: median of {1, 3} = 2 < 9 → stop; NaN did not count
    List<TrialRecord> three = new ArrayList<>(peers);
    three.add(trial(2, TrialState.COMPLETE, new int[] {0, 2}, new double[] {3, 3}));
    assertEquals(PruneDecision.STOP, p.decide(view(Direction.MINIMIZE, 1, three), me, false));
    // an infinite peer value is also left out: median stays 2, so 1.5 continues
    three.add(trial(3, TrialState.COMPLETE, new int[] {0, 2},
        new double[] {3, Double.POSITIVE_INFINITY}));
    TrialRecord good = trial(6, TrialState.RUNNING, new int[] {0, 2}, new double[] {9, 1.5});
    assertEquals(PruneDecision.CONTINUE, p.decide(view(Direction.MINIMIZE, 1, three), good,
        false));
    three.add(at(4, TrialState.COMPLETE, 2, 4.0));
    // with {1, 3, 4} the median is 3: 1.5 still continues, 3.5 stops
    assertEquals(PruneDecision.STOP, p.decide(view(Direction.MINIMIZE, 1, three),
        trial(6, TrialState.RUNNING, new int[] {0, 2}, new double[] {9, 3.5}), false));
  }
}
